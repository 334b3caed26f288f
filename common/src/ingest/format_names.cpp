/** @file
 *  @brief The input formats' and skip kinds' names: as options take them, as messages
 *  and summaries print them.
 */
#include <byline/ingest.h>

#include "text.h"

#include <array>

namespace byline {

namespace {

struct FormatName {
    std::string_view name;
    InputFormat format;
    std::string_view display;
};

constexpr std::array<FormatName, 9> format_names = {{
    {"text", InputFormat::article_text, "article text"},
    {"jsonl", InputFormat::json_lines, "JSON Lines"},
    {"json", InputFormat::json, "JSON"},
    {"csv", InputFormat::csv, "CSV"},
    {"tsv", InputFormat::tsv, "TSV"},
    {"html", InputFormat::html, "HTML"},
    {"rss", InputFormat::rss, "RSS"},
    {"atom", InputFormat::atom, "Atom"},
    {"warc", InputFormat::warc, "WARC"},
}};

}  // namespace

std::string_view format_name(InputFormat format) {
    for (const auto& known : format_names) {
        if (known.format == format) {
            return known.display;
        }
    }
    return "unknown";
}

std::optional<InputFormat> input_format_from_name(std::string_view name) {
    const auto lowered = to_lower(name);
    for (const auto& known : format_names) {
        if (known.name == lowered) {
            return known.format;
        }
    }
    return std::nullopt;
}

std::string input_format_names() {
    std::string names;
    for (const auto& known : format_names) {
        names += names.empty() ? "" : ", ";
        names += known.name;
    }
    return names;
}

std::string_view skip_kind_name(SkipKind kind) {
    switch (kind) {
        case SkipKind::unreadable:
            return "unreadable";
        case SkipKind::binary:
            return "binary";
        case SkipKind::malformed:
            return "malformed";
        case SkipKind::bad_date:
            return "bad date";
        case SkipKind::empty:
            return "empty";
        case SkipKind::too_large:
            return "too large";
        case SkipKind::too_deep:
            return "too deep";
    }
    return "other";
}

}  // namespace byline
