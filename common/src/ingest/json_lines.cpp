/** @file
 *  @brief JSON Lines: one article object per line.
 */
#include "ingest/readers.h"

#include "text.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <initializer_list>

namespace byline {

namespace {

using nlohmann::json;

/// The first of `keys` that the object has, as the scrapers and datasets name fields.
const json* find_field(const json& object, std::initializer_list<std::string_view> keys) {
    for (const auto key : keys) {
        const auto it = object.find(key);
        if (it != object.end() && !it->is_null()) {
            return &*it;
        }
    }
    return nullptr;
}

std::string scalar_text(const json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_number() || value.is_boolean()) {
        return value.dump();
    }
    return {};
}

std::string text_field(const json& object, std::initializer_list<std::string_view> keys) {
    const json* value = find_field(object, keys);
    return value == nullptr ? std::string() : std::string(trim(scalar_text(*value)));
}

/// A list field given as a JSON array, or as one string split by `split`.
std::vector<std::string> list_field(const json& object,
                                    std::initializer_list<std::string_view> keys,
                                    std::vector<std::string> (*split)(std::string_view)) {
    const json* value = find_field(object, keys);
    if (value == nullptr) {
        return {};
    }
    if (!value->is_array()) {
        return split(scalar_text(*value));
    }
    std::vector<std::string> items;
    for (const auto& item : *value) {
        // Author lists sometimes hold objects: {"name": "…"}.
        const json* name = item.is_object() ? find_field(item, {"name"}) : &item;
        if (name != nullptr) {
            auto text = std::string(trim(scalar_text(*name)));
            if (!text.empty()) {
                items.push_back(std::move(text));
            }
        }
    }
    return items;
}

std::vector<std::string> split_tags(std::string_view text) { return split_list(text, ','); }

}  // namespace

void read_json_lines(std::string_view contents, const FileRef& file, ArticleSink& sink) {
    std::size_t line_number = 0;
    while (!contents.empty()) {
        ++line_number;
        const auto end = contents.find('\n');
        const auto raw_line = contents.substr(0, end);
        contents.remove_prefix(end == std::string_view::npos ? contents.size() : end + 1);
        const auto line_text = trim(raw_line);
        if (line_text.empty()) {
            continue;
        }
        const SourceLocation where{file.display_path, line_number};
        json object;
        try {
            object = json::parse(to_utf8(line_text));
        } catch (const json::parse_error& e) {
            sink.on_skip(where, fmt::format("malformed JSON: {}", e.what()));
            continue;
        }
        if (!object.is_object()) {
            sink.on_skip(where, "not a JSON object");
            continue;
        }
        Article article;
        article.origin = where;
        article.id = text_field(object, {"id", "_id", "guid"});
        article.title = text_field(object, {"title", "headline"});
        article.body = text_field(object, {"body", "text", "content", "article"});
        article.source = text_field(object, {"source", "publication", "site"});
        article.url = text_field(object, {"url", "link"});
        article.authors = list_field(object, {"author", "byline", "authors"}, split_authors);
        article.tags = list_field(object, {"tags", "categories", "keywords"}, split_tags);
        const auto date_text =
            text_field(object, {"date", "published", "publishedAt", "datePublished"});
        if (!date_text.empty()) {
            article.date = parse_date(date_text);
            if (!article.date) {
                sink.on_skip(where, fmt::format("unparsable date '{}'", date_text));
                continue;
            }
        }
        if (article.title.empty() && article.body.empty()) {
            sink.on_skip(where, "empty article (no title or body)");
            continue;
        }
        assign_default_id(article, file);
        sink.on_article(std::move(article), InputFormat::json_lines);
    }
}

}  // namespace byline
