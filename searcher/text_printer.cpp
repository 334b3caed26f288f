/** @file
 *  @brief The text printer: hits, facets and index facts laid out for reading.
 */
#include "hit_output.h"

#include "text_layout.h"

#include <byline/byte_size.h>
#include <byline/fields.h>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>

namespace byline {

namespace {

struct Style {
    std::string_view bold, dim, highlight, url, reset;
};

constexpr Style colored{"\x1b[1m", "\x1b[2m", "\x1b[1;31m", "\x1b[36m", "\x1b[0m"};
constexpr Style plain{"", "", "", "", ""};

/// Detail lines (byline, URL, snippet) sit under the title, indented this much.
constexpr std::string_view indent = "   ";
constexpr std::string_view ellipsis = "…";

/// text[line] with the parts inside `highlights` in the highlight style. Each
/// line opens and closes its own styles, so a pager showing part of a hit shows
/// it right.
std::string styled_line(std::string_view text, ByteRange line,
                        const std::vector<ByteRange>& highlights, const Style& style) {
    std::string styled;
    std::size_t done = line.first;
    for (const auto& [begin, end] : highlights) {
        const auto from = std::max(begin, done);
        const auto to = std::min(end, line.second);
        if (from >= to) {
            continue;
        }
        styled += text.substr(done, from - done);
        styled += style.highlight;
        styled += text.substr(from, to - from);
        styled += style.reset;
        done = to;
    }
    styled += text.substr(done, line.second - done);
    return styled;
}

/// The width left for text after `prefix` columns, at least a few columns so
/// that a very narrow terminal still gets words, not letters; 0 (no wrapping)
/// stays 0.
std::size_t room(std::size_t width, std::size_t prefix) {
    constexpr std::size_t narrowest = 20;
    return width == 0 ? 0 : std::max(width > prefix ? width - prefix : 0, narrowest);
}

/// `text` wrapped to `width` columns, each line after the first indented, each
/// line in `style_on` … `style_off`.
void print_wrapped(std::ostream& out, std::string_view text, std::string_view first_prefix,
                   std::size_t width, std::string_view style_on, std::string_view style_off) {
    const auto lines = wrap_lines(text, room(width, display_width(first_prefix)));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto [begin, end] = lines[i];
        fmt::print(out, "{}{}{}{}\n", i == 0 ? first_prefix : indent, style_on,
                   text.substr(begin, end - begin), style_off);
    }
}

/// The snippet in at most `max_lines` lines; when it is longer, the last line
/// ends with an ellipsis.
void print_snippet(std::ostream& out, const Snippet& snippet, const TextLayout& layout,
                   const Style& style) {
    const std::string_view text = snippet.text;
    const auto width = room(layout.width, indent.size());
    auto lines = wrap_lines(text, width);
    bool cut = false;
    if (lines.size() > layout.snippet_lines) {
        lines.resize(layout.snippet_lines);
        cut = true;
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto line = lines[i];
        const bool last = i + 1 == lines.size();
        if (last && cut) {
            if (width > 0) {
                line.second = fit_prefix(text, line, width - display_width(ellipsis));
            }
            while (line.second > line.first && text[line.second - 1] == ' ') {
                --line.second;
            }
        }
        fmt::print(out, "{}{}{}\n", indent, styled_line(text, line, snippet.highlights, style),
                   last && cut && !text.substr(0, line.second).ends_with(ellipsis) ? ellipsis : "");
    }
}

/// A list of names cut to the first few: "A, B, C and 2 more".
constexpr std::size_t names_shown = 3;

/// "+2 sources: Fox News, HuffPost": who else reported the story.
std::string sources_line(const Hit& hit) {
    std::vector<std::string> shown(
        hit.sources.begin(), hit.sources.begin() + static_cast<std::ptrdiff_t>(
                                                       std::min(hit.sources.size(), names_shown)));
    auto line = fmt::format("+{} {}: {}", hit.sources.size(),
                            hit.sources.size() == 1 ? "source" : "sources", join(shown, ", "));
    if (hit.sources.size() > shown.size()) {
        line += fmt::format(" and {} more", hit.sources.size() - shown.size());
    }
    return line;
}

/// "+2 copies: Yahoo Finance 2024-05-02, MarketWatch 2024-05-02": where else and when
/// the text ran.
std::string copies_line(const Hit& hit) {
    constexpr std::size_t named = names_shown;
    std::vector<std::string> where;
    for (const auto& copy : hit.copy_articles) {
        if (where.size() == named) {
            break;
        }
        auto outlet = !copy.source.empty()          ? copy.source
                      : !url_host(copy.url).empty() ? std::string(url_host(copy.url))
                                                    : copy.id;
        if (copy.date) {
            outlet += " " + copy.date->iso().substr(0, 10);
        }
        where.push_back(std::move(outlet));
    }
    auto line = fmt::format("+{} {}: {}", hit.copies, hit.copies == 1 ? "copy" : "copies",
                            join(where, ", "));
    if (hit.copies > where.size()) {
        line += fmt::format(" and {} more", hit.copies - where.size());
    }
    return line;
}

void print_hit(std::ostream& out, const Hit& hit, const TextLayout& layout) {
    const Style& style = layout.color ? colored : plain;
    const auto& a = hit.article;
    print_wrapped(out, a.title.empty() ? a.id : a.title, fmt::format("{}. ", hit.rank),
                  layout.width, style.bold, style.reset);
    if (const auto byline = byline_of(a); !byline.empty()) {
        print_wrapped(out, byline, indent, layout.width, style.dim, style.reset);
    }
    // Never wrapped: a broken URL cannot be clicked or copied.
    const auto& location = a.url.empty() ? a.origin.path : a.url;
    if (!location.empty()) {
        fmt::print(out, "{}{}{}{}\n", indent, style.url, location, style.reset);
    }
    if (!hit.snippet.text.empty() && layout.snippet_lines > 0) {
        print_snippet(out, hit.snippet, layout, style);
    }
    // As web search engines say it: the words the query asked for that this hit lacks.
    if (!hit.missing_words.empty()) {
        print_wrapped(out, "Missing: " + join(hit.missing_words, " "), indent, layout.width,
                      style.dim, style.reset);
    }
    if (!hit.sources.empty()) {
        print_wrapped(out, sources_line(hit), indent, layout.width, style.dim, style.reset);
    }
    if (hit.copies > 0) {
        print_wrapped(out, copies_line(hit), indent, layout.width, style.dim, style.reset);
    }
    if (!hit.explanation.empty()) {
        fmt::print(out, "{}{}score {:.4f} =\n", indent, style.dim, hit.score);
        for (const auto& part : hit.explanation) {
            fmt::print(out, "{}  {:9.4f}  {}\n", indent, part.weight, part.description);
        }
        out << style.reset;
    }
}

}  // namespace

std::string byline_of(const Article& article) {
    std::vector<std::string> parts;
    if (!article.source.empty()) {
        parts.push_back(article.source);
    }
    if (article.date) {
        parts.push_back(article.date->iso().substr(0, 10));
    }
    if (!article.authors.empty()) {
        parts.push_back(join(article.authors, ", "));
    }
    return join(parts, " · ");
}

std::size_t snippet_length_for(const TextLayout& layout) {
    constexpr std::size_t unwrapped_length = 200;
    if (layout.width == 0) {
        return unwrapped_length;
    }
    return room(layout.width, indent.size()) * layout.snippet_lines;
}

void AnswerPrinter::print_text(std::ostream& out, const Answer& answer,
                               std::optional<double> seconds) const {
    const Style& style = layout_.color ? colored : plain;
    const auto& hits = answer.response.hits;
    if (batch_) {
        print_wrapped(out, answer.query, fmt::format("{}: ", answer.query_id), layout_.width,
                      style.bold, style.reset);
        out << '\n';
    } else if (hits.empty()) {
        // Like grep: no match, no output.
        return;
    }
    if (answer.response.corrected_query) {
        fmt::print(out, "Showing results for {} (searched instead of {})\n\n",
                   *answer.response.corrected_query, answer.query);
    }
    auto relation = Relation::match;
    for (const auto& hit : hits) {
        // A related-articles answer heads its two parts.
        if (hit.relation != relation) {
            relation = hit.relation;
            fmt::print(out, "{}{}{}\n\n", style.bold,
                       relation == Relation::same_story ? "Same story" : "Related coverage",
                       style.reset);
        }
        print_hit(out, hit, layout_);
        out << '\n';
    }
    const auto time = seconds ? fmt::format(" in {:.3f} s", *seconds) : std::string();
    if (hits.empty()) {
        fmt::print(out, "{}No hits{}{}\n\n", style.dim, time, style.reset);
    } else {
        fmt::print(out, "{}Hits {}–{} of about {}{}{}\n", style.dim, hits.front().rank,
                   hits.back().rank, answer.response.estimated_matches, time, style.reset);
        if (batch_) {
            out << '\n';
        }
    }
    for (const auto& facet : answer.response.facets) {
        fmt::print(out, "\n{} ({}):\n", cli::choice_name(facet_fields, facet.field),
                   facet.estimated ? "estimated from part of the matches" : "exact counts");
        for (const auto& [value, count] : facet.counts) {
            fmt::print(out, "  {:>6}  {}\n", count, value);
        }
    }
}

void print_info_text(std::ostream& out, const IndexInfo& info) {
    fmt::print(out, "Index:        {}\n", info.path.string());
    fmt::print(out, "Articles:     {}\n", info.articles);
    if (info.first_date && info.last_date) {
        fmt::print(out, "Dates:        {} to {}\n", info.first_date->iso(), info.last_date->iso());
    } else {
        fmt::print(out, "Dates:        none\n");
    }
    // A few sources say what the index holds; --format json lists them all.
    constexpr std::size_t sources_shown = 5;
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < info.sources.size() && i < sources_shown; ++i) {
        shown.push_back(fmt::format("{} ({})", info.sources[i].name, info.sources[i].articles));
    }
    if (info.sources.size() > sources_shown) {
        shown.push_back(fmt::format("and {} more", info.sources.size() - sources_shown));
    }
    fmt::print(out, "Sources:      {}{}{}\n", info.sources.size(), shown.empty() ? "" : ": ",
               join(shown, ", "));
    fmt::print(out, "Size:         {}\n", format_byte_size(info.size_bytes));
    fmt::print(out, "Last update:  {}\n",
               info.last_update ? iso_utc(*info.last_update) : "unknown");
}

}  // namespace byline
