/** @file
 *  @brief Choosing a file's reader from its name and its first bytes.
 */
#include "ingest/readers.h"

#include "text.h"

#include <algorithm>
#include <array>

namespace byline {

namespace {

struct Extension {
    std::string_view suffix;
    std::optional<InputFormat> format;  ///< Nothing: the content decides (".xml").
};

constexpr std::array<Extension, 17> known_extensions = {{
    {".txt", InputFormat::article_text},
    {".text", InputFormat::article_text},
    {".jsonl", InputFormat::json_lines},
    {".ndjson", InputFormat::json_lines},
    {".json", InputFormat::json},
    {".csv", InputFormat::csv},
    {".tsv", InputFormat::tsv},
    {".tab", InputFormat::tsv},
    {".html", InputFormat::html},
    {".htm", InputFormat::html},
    {".xhtml", InputFormat::html},
    {".shtml", InputFormat::html},
    {".rss", InputFormat::rss},
    {".atom", InputFormat::atom},
    {".warc", InputFormat::warc},
    {".arc", InputFormat::warc},
    {".xml", std::nullopt},
}};

constexpr std::array<std::string_view, 5> compression_extensions = {".gz", ".bz2", ".xz", ".zst",
                                                                    ".zstd"};
constexpr std::array<std::string_view, 6> bundle_extensions = {".tar", ".tgz", ".tbz2",
                                                               ".txz", ".zip", ".7z"};

/// The file name's last extension, lower case, with its dot; empty when it has none.
std::string extension_of(std::string_view name) {
    const auto slash = name.find_last_of("/!");
    const auto base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    const auto dot = base.rfind('.');
    if (dot == std::string_view::npos || dot == 0) {
        return {};
    }
    return to_lower(base.substr(dot));
}

/// The name of the first element, lower case, after any XML declaration, doctype,
/// comments and white space; "!doctype html" counts as "html".
std::string first_element(std::string_view text) {
    constexpr std::size_t look_ahead = 4096;
    text = text.substr(0, look_ahead);
    std::size_t pos = 0;
    while (true) {
        pos = text.find('<', pos);
        if (pos == std::string_view::npos || pos + 1 >= text.size()) {
            return {};
        }
        const auto rest = text.substr(pos + 1);
        if (rest.starts_with("?") || rest.starts_with("!--")) {
            const auto end = text.find(rest.starts_with("?") ? "?>" : "-->", pos);
            if (end == std::string_view::npos) {
                return {};
            }
            pos = end;
            continue;
        }
        if (rest.starts_with("!")) {
            const auto lowered = to_lower(rest.substr(0, 14));
            if (lowered.starts_with("!doctype html")) {
                return "html";
            }
            pos = text.find('>', pos);
            if (pos == std::string_view::npos) {
                return {};
            }
            continue;
        }
        std::size_t end = 0;
        while (end < rest.size() && rest[end] != ' ' && rest[end] != '>' && rest[end] != '\n' &&
               rest[end] != '\r' && rest[end] != '\t' && rest[end] != '/') {
            ++end;
        }
        return to_lower(rest.substr(0, end));
    }
}

std::optional<InputFormat> format_from_content(std::string_view contents) {
    if (contents.starts_with("\xEF\xBB\xBF")) {
        contents.remove_prefix(3);
    }
    contents = trim(contents.substr(0, 8192));
    // ARC, WARC's forerunner, opens with its version block's "filedesc://" header.
    if (contents.starts_with("WARC/") || contents.starts_with("filedesc://")) {
        return InputFormat::warc;
    }
    if (!contents.starts_with("<")) {
        return std::nullopt;
    }
    const auto root = first_element(contents);
    if (root == "rss" || root == "rdf:rdf") {
        return InputFormat::rss;
    }
    if (root == "feed") {
        return InputFormat::atom;
    }
    if (root == "html" || root == "head" || root == "body") {
        return InputFormat::html;
    }
    return std::nullopt;
}

}  // namespace

std::string without_compression_extension(std::string_view name) {
    const auto ext = extension_of(name);
    for (const auto compression : compression_extensions) {
        if (ext == compression) {
            return std::string(name.substr(0, name.size() - ext.size()));
        }
    }
    if (ext == ".tgz" || ext == ".tbz2" || ext == ".txz") {
        return std::string(name.substr(0, name.size() - ext.size())) + ".tar";
    }
    return std::string(name);
}

bool has_packed_extension(std::string_view name) {
    const auto ext = extension_of(name);
    return std::find(compression_extensions.begin(), compression_extensions.end(), ext) !=
               compression_extensions.end() ||
           std::find(bundle_extensions.begin(), bundle_extensions.end(), ext) !=
               bundle_extensions.end();
}

bool worth_opening(std::string_view name) {
    const auto ext = extension_of(without_compression_extension(name));
    if (ext.empty()) {
        return true;
    }
    for (const auto& known : known_extensions) {
        if (known.suffix == ext) {
            return true;
        }
    }
    for (const auto bundle : bundle_extensions) {
        if (bundle == ext) {
            return true;
        }
    }
    return false;
}

std::optional<InputFormat> detect_format(std::string_view name, std::string_view contents) {
    // Markup and web archives say what they are in their first bytes; that wins over a
    // misleading name (a saved page called "story.txt").
    if (const auto by_content = format_from_content(contents)) {
        return by_content;
    }
    const auto ext = extension_of(name);
    if (ext.empty()) {
        const auto first_line = trim(contents.substr(0, contents.find('\n')));
        if (first_line.starts_with('{') && first_line.ends_with('}')) {
            return InputFormat::json_lines;
        }
        return InputFormat::article_text;
    }
    for (const auto& known : known_extensions) {
        if (known.suffix == ext) {
            return known.format;
        }
    }
    return std::nullopt;
}

}  // namespace byline
