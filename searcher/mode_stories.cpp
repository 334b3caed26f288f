/** @file
 *  @brief byline-search --stories QUERY: the stories of the query's matches, largest
 * first, each with its outlets, dates and articles.
 */
#include "modes.h"

#include "search_command.h"
#include "terminal.h"
#include "text_layout.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace byline {

namespace {

using json = nlohmann::ordered_json;

/// The articles a story lists in text; --format json lists them all.
constexpr std::size_t members_shown = 5;

std::string day(const std::optional<Date>& date) {
    return date ? date->iso().substr(0, 10) : std::string("undated");
}

void print_story_text(std::ostream& out, const StorySummary& story, std::size_t number,
                      const TextLayout& layout) {
    const std::string_view bold = layout.color ? "\x1b[1m" : "";
    const std::string_view dim = layout.color ? "\x1b[2m" : "";
    const std::string_view reset = layout.color ? "\x1b[0m" : "";
    const auto heading =
        fmt::format("{}. {}", number, story.title.empty() ? story.story : story.title);
    for (const auto& [from, to] : wrap_lines(heading, layout.width)) {
        fmt::print(out, "{}{}{}\n", bold, heading.substr(from, to - from), reset);
    }
    const auto articles = story.members.size();
    auto when = day(story.first);
    if (story.last && story.first && *story.last != *story.first) {
        when += " to " + day(story.last);
    }
    fmt::print(out, "   {}{} {} · {} {}: {} · {} · story:{}{}\n", dim, articles,
               articles == 1 ? "article" : "articles", story.sources.size(),
               story.sources.size() == 1 ? "outlet" : "outlets", join(story.sources, ", "), when,
               story.story, reset);
    for (std::size_t i = 0; i < story.members.size() && i < members_shown; ++i) {
        const auto& member = story.members[i];
        fmt::print(out, "   {} {} · {}\n", day(member.date),
                   member.source.empty() ? member.id : member.source,
                   member.title.empty() ? member.id : member.title);
    }
    if (story.members.size() > members_shown) {
        fmt::print(out, "   {}and {} more{}\n", dim, story.members.size() - members_shown, reset);
    }
}

}  // namespace

int run_stories_mode(const Options& options, std::ostream& out, std::ostream& err) {
    auto [request, printer] = plan(options, out, false);
    Searcher searcher(sources_for(options), synonyms_for(options));
    MissingShardReport missing;
    missing.report(err, searcher.missing_shards());
    request.query = options.query;
    const auto response = searcher.stories(request);
    missing.report(err, response.missing_shards);
    switch (options.format) {
        case OutputFormat::jsonl:
            for (const auto& story : response.stories) {
                out << json_line(story_json(story, {{"format_version", json_format_version}}))
                    << '\n';
            }
            break;
        case OutputFormat::json:
            out << stories_json(options.query, options.offset, response)
                       .dump(2, ' ', false, json::error_handler_t::replace)
                << '\n';
            break;
        case OutputFormat::tsv:
            for (const auto& story : response.stories) {
                fmt::print(out, "{}\t{}\t{}\t{}\t{}\t{}\n", story.story, story.members.size(),
                           join(story.sources, "; "), day(story.first), day(story.last),
                           story.title);
            }
            break;
        case OutputFormat::ids:
            for (const auto& story : response.stories) {
                out << story.story << '\n';
            }
            break;
        case OutputFormat::text: {
            TextLayout layout;
            layout.color = use_color(options.color, out);
            layout.width = text_width(options.width, out);
            for (std::size_t i = 0; i < response.stories.size(); ++i) {
                print_story_text(out, response.stories[i], options.offset + i + 1, layout);
                out << '\n';
            }
            if (!response.stories.empty()) {
                fmt::print(out, "Stories {}–{} of {}\n", options.offset + 1,
                           options.offset + response.stories.size(), response.total_stories);
            }
            break;
        }
    }
    out.flush();
    return response.stories.empty() ? search_no_hits : search_hits;
}

}  // namespace byline
