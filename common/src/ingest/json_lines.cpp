/** @file
 *  @brief JSON: one article object per line (JSON Lines), or a document of them.
 */
#include "ingest/bounded_json.h"
#include "ingest/readers.h"
#include "ingest/records.h"

#include "text.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>

namespace byline {

namespace {

using nlohmann::json;

std::string scalar_text(const json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_number() || value.is_boolean()) {
        return value.dump();
    }
    if (value.is_object()) {
        // {"name": "…"} for authors and publishers (NewsAPI, schema.org).
        for (const auto& [key, item] : value.items()) {
            if (to_lower(key) == "name" && item.is_string()) {
                return item.get<std::string>();
            }
        }
    }
    return {};
}

std::optional<RecordValue> json_value(const json& object, std::string_view key) {
    const json* found = nullptr;
    if (const auto it = object.find(key); it != object.end()) {
        found = &*it;
    } else {
        const auto lowered = to_lower(key);
        for (const auto& [name, item] : object.items()) {
            if (to_lower(name) == lowered) {
                found = &item;
                break;
            }
        }
    }
    if (found == nullptr || found->is_null()) {
        return std::nullopt;
    }
    RecordValue value;
    if (found->is_array()) {
        value.is_list = true;
        for (const auto& item : *found) {
            if (auto text = scalar_text(item); !text.empty()) {
                value.items.push_back(std::move(text));
            }
        }
    } else if (auto text = scalar_text(*found); !text.empty()) {
        value.items.push_back(std::move(text));
    }
    return value;
}

/// Reads one article object. `element` is its 1-based place in a JSON array, 0 outside
/// one.
void read_object(const json& object, const FileRef& file, const FieldMapping& fields,
                 const SourceLocation& where, InputFormat format, std::size_t element,
                 ArticleSink& sink) {
    if (!object.is_object()) {
        sink.on_skip(where, SkipKind::malformed, "not a JSON object");
        return;
    }
    const RecordLookup lookup = [&object](std::string_view key) { return json_value(object, key); };
    auto article = article_from_record(lookup, fields, where, sink);
    if (!article) {
        return;
    }
    if (element != 0 && article->id.empty() && article->url.empty()) {
        // Array elements can share a line; their place keeps their ids apart.
        article->id = fmt::format("{}#{}", file.identity_path, element);
    }
    assign_default_id(*article, file);
    sink.on_article(std::move(*article), format);
}

/// The line each element of the top-level array starts on, found by scanning the text,
/// so that messages can point at a record.
std::vector<std::size_t> element_lines(std::string_view text) {
    std::vector<std::size_t> lines;
    std::size_t line = 1;
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    bool expecting_element = false;
    for (const char c : text) {
        if (c == '\n') {
            ++line;
        }
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (expecting_element && !space && c != ']') {
            lines.push_back(line);
            expecting_element = false;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            ++depth;
            expecting_element = depth == 1 && c == '[';
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == ',' && depth == 1) {
            expecting_element = true;
        }
    }
    return lines;
}

}  // namespace

namespace {

/// "nested deeper than 256 levels".
std::string too_deep_reason() {
    return fmt::format("JSON nested deeper than {} levels", max_nesting_depth);
}

}  // namespace

void read_json_lines(std::string_view contents, const FileRef& file, const FieldMapping& fields,
                     std::size_t max_line_bytes, ArticleSink& sink, std::size_t first_line) {
    std::size_t line_number = first_line - 1;
    while (!contents.empty()) {
        ++line_number;
        const auto end = contents.find('\n');
        const auto line_text = trim(contents.substr(0, end));
        contents.remove_prefix(end == std::string_view::npos ? contents.size() : end + 1);
        if (line_text.empty()) {
            continue;
        }
        const SourceLocation where{file.display_path, line_number};
        if (line_text.size() > max_line_bytes) {
            sink.on_skip(where, SkipKind::too_large,
                         over_size_limit("a line", line_text.size(), max_line_bytes));
            continue;
        }
        std::optional<json> object;
        try {
            object = parse_bounded_json(line_text);
        } catch (const json::exception& e) {
            // nlohmann quotes everything it read of the line: keep the message to one line.
            std::string_view message = e.what();
            message = message.substr(0, message.find("; last read:"));
            sink.on_skip(where, SkipKind::malformed, fmt::format("malformed JSON: {}", message));
            continue;
        }
        if (!object) {
            sink.on_skip(where, SkipKind::too_deep, too_deep_reason());
            continue;
        }
        read_object(*object, file, fields, where, InputFormat::json_lines, 0, sink);
    }
}

void read_json_document(std::string_view contents, const FileRef& file, const FieldMapping& fields,
                        std::size_t max_line_bytes, ArticleSink& sink) {
    std::optional<json> parsed;
    try {
        parsed = parse_bounded_json(contents);
    } catch (const json::exception&) {
        // Many ".json" files are JSON Lines in disguise; read them line by line, which
        // also keeps the good records of a file with one broken line.
        read_json_lines(contents, file, fields, max_line_bytes, sink);
        return;
    }
    if (!parsed) {
        sink.on_skip({file.display_path, 1}, SkipKind::too_deep, too_deep_reason());
        return;
    }
    json document = std::move(*parsed);
    if (document.is_object()) {
        constexpr std::array<std::string_view, 6> list_keys = {"articles", "items",   "data",
                                                               "results",  "entries", "posts"};
        for (const auto key : list_keys) {
            if (const auto it = document.find(key); it != document.end() && it->is_array()) {
                document = json(*it);
                break;
            }
        }
    }
    if (!document.is_array()) {
        read_object(document, file, fields, {file.display_path, 1}, InputFormat::json, 0, sink);
        return;
    }
    const auto lines = element_lines(contents);
    for (std::size_t i = 0; i < document.size(); ++i) {
        const std::size_t line = i < lines.size() ? lines[i] : 1;
        read_object(document[i], file, fields, {file.display_path, line}, InputFormat::json, i + 1,
                    sink);
    }
}

}  // namespace byline
