/** @file
 *  @brief byline-search --show ID: one stored article in full, for reading (title,
 * byline, URL, the body wrapped) or as JSON with every stored field.
 */
#include "modes.h"

#include "search_command.h"
#include "terminal.h"
#include "text_layout.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace byline {

namespace {

/// The lines of `text` wrapped to `width`, each paragraph (blank-line separated in
/// the stored body) kept apart by an empty line.
void print_paragraphs(std::ostream& out, std::string_view text, std::size_t width) {
    bool first = true;
    std::size_t begin = 0;
    while (begin < text.size()) {
        auto end = text.find("\n\n", begin);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const auto paragraph = text.substr(begin, end - begin);
        begin = end + 2;
        if (paragraph.find_first_not_of(" \n") == std::string_view::npos) {
            continue;
        }
        if (!first) {
            out << '\n';
        }
        first = false;
        for (const auto& [from, to] : wrap_lines(paragraph, width)) {
            fmt::print(out, "{}\n", paragraph.substr(from, to - from));
        }
    }
}

void print_article_text(std::ostream& out, const Article& a, const TextLayout& layout) {
    const std::string_view bold = layout.color ? "\x1b[1m" : "";
    const std::string_view dim = layout.color ? "\x1b[2m" : "";
    const std::string_view reset = layout.color ? "\x1b[0m" : "";
    for (const auto& [from, to] : wrap_lines(a.title.empty() ? a.id : a.title, layout.width)) {
        fmt::print(out, "{}{}{}\n", bold,
                   (a.title.empty() ? a.id : a.title).substr(from, to - from), reset);
    }
    if (const auto byline = byline_of(a); !byline.empty()) {
        fmt::print(out, "{}{}{}\n", dim, byline, reset);
    }
    // Never wrapped: a broken URL cannot be clicked or copied.
    if (const auto& location = a.url.empty() ? a.origin.path : a.url; !location.empty()) {
        fmt::print(out, "{}\n", location);
    }
    out << '\n';
    print_paragraphs(out, a.body, layout.width);
}

}  // namespace

int run_show_mode(const Options& options, std::ostream& out, std::ostream& err) {
    if (options.format == OutputFormat::tsv) {
        throw cli::UsageError("--show prints text, json, jsonl or ids, not tsv");
    }
    Searcher searcher(sources_for(options), {});
    MissingShardReport missing;
    missing.report(err, searcher.missing_shards());
    const auto article = searcher.article(*options.show_id);
    if (!article) {
        fmt::print(err, "{}: no article with id '{}' in the index\n", search_program,
                   *options.show_id);
        return search_no_hits;
    }
    switch (options.format) {
        case OutputFormat::json:
            out << article_json(*article).dump(2, ' ', false,
                                               nlohmann::ordered_json::error_handler_t::replace)
                << '\n';
            break;
        case OutputFormat::jsonl:
            out << json_line(article_json(*article)) << '\n';
            break;
        case OutputFormat::ids:
            out << article->id << '\n';
            break;
        case OutputFormat::tsv:
        case OutputFormat::text: {
            TextLayout layout;
            layout.color = use_color(options.color, out);
            layout.width = text_width(options.width, out);
            print_article_text(out, *article, layout);
            break;
        }
    }
    out.flush();
    return search_hits;
}

}  // namespace byline
