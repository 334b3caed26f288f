/** @file
 *  @brief Printing search results for people and for scripts.
 */
#include "hit_output.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

namespace byline {

namespace {

struct Style {
    std::string_view bold, dim, highlight, url, reset;
};

constexpr Style colored{"\x1b[1m", "\x1b[2m", "\x1b[1;31m", "\x1b[36m", "\x1b[0m"};
constexpr Style plain{"", "", "", "", ""};

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string text;
    for (const auto& item : items) {
        if (!text.empty()) {
            text += separator;
        }
        text += item;
    }
    return text;
}

/// The snippet with its matches in the highlight style; without colour, matches are
/// left plain so that the text stays the article's own.
std::string styled_snippet(const Snippet& snippet, const Style& style) {
    std::string text;
    std::size_t done = 0;
    for (const auto& [begin, end] : snippet.highlights) {
        text += snippet.text.substr(done, begin - done);
        text += style.highlight;
        text += snippet.text.substr(begin, end - begin);
        text += style.reset;
        done = end;
    }
    text += snippet.text.substr(done);
    return text;
}

}  // namespace

void print_text(std::ostream& out, const SearchResponse& response, bool color) {
    const Style& style = color ? colored : plain;
    for (const auto& hit : response.hits) {
        const auto& a = hit.article;
        fmt::print(out, "{}{}. {}{}\n", style.bold, hit.rank, a.title.empty() ? a.id : a.title,
                   style.reset);
        std::vector<std::string> byline;
        for (const auto* part : {&a.source}) {
            if (!part->empty()) {
                byline.push_back(*part);
            }
        }
        if (a.date) {
            byline.push_back(a.date->iso().substr(0, 10));
        }
        if (!a.authors.empty()) {
            byline.push_back(join(a.authors, ", "));
        }
        if (!byline.empty()) {
            fmt::print(out, "   {}{}{}\n", style.dim, join(byline, " · "), style.reset);
        }
        const auto& location = a.url.empty() ? a.origin.path : a.url;
        if (!location.empty()) {
            fmt::print(out, "   {}{}{}\n", style.url, location, style.reset);
        }
        if (!hit.snippet.text.empty()) {
            fmt::print(out, "   {}\n", styled_snippet(hit.snippet, style));
        }
        if (hit.copies > 0) {
            fmt::print(out, "   {}+{} {}{}\n", style.dim, hit.copies,
                       hit.copies == 1 ? "copy" : "copies", style.reset);
        }
        if (!hit.explanation.empty()) {
            fmt::print(out, "   {}score {:.4f} =\n", style.dim, hit.score);
            for (const auto& part : hit.explanation) {
                fmt::print(out, "     {:9.4f}  {}\n", part.weight, part.description);
            }
            out << style.reset;
        }
        out << '\n';
    }
    if (!response.hits.empty()) {
        fmt::print(out, "{}Hits {}–{} of about {}{}\n", style.dim, response.hits.front().rank,
                   response.hits.back().rank, response.estimated_matches, style.reset);
    }
}

void print_jsonl(std::ostream& out, const SearchResponse& response) {
    for (const auto& hit : response.hits) {
        const auto& a = hit.article;
        nlohmann::json line = {
            {"format_version", json_format_version},
            {"rank", hit.rank},
            {"id", a.id},
            {"title", a.title},
            {"url", a.url},
            {"source", a.source},
            {"author", join(a.authors, "; ")},
            {"authors", a.authors},
            {"date", a.date ? nlohmann::json(a.date->iso()) : nlohmann::json()},
            {"tags", a.tags},
            {"score", hit.score},
            {"snippet", hit.snippet.text},
            {"copies", hit.copies},
        };
        if (!hit.explanation.empty()) {
            auto& parts = line["explain"] = nlohmann::json::array();
            for (const auto& part : hit.explanation) {
                parts.push_back({{"term", part.description}, {"weight", part.weight}});
            }
        }
        out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
}

}  // namespace byline
