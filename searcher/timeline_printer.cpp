/** @file
 *  @brief Printing a timeline (--timeline): bars for people, counts for scripts.
 */
#include "timeline_printer.h"

#include "search_options.h"
#include "text_layout.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>

namespace byline {

namespace {

using json = nlohmann::ordered_json;

/// U+2588 FULL BLOCK and the blocks of one to seven eighths of it (U+258F to U+2589):
/// a bar's length to an eighth of a column.
constexpr std::string_view full_block = "█";
constexpr std::array<std::string_view, 8> partial_blocks = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
constexpr std::string_view ellipsis = "…";
/// Columns when output is not wrapped (--width 0).
constexpr std::size_t unwrapped_width = 80;
/// Titles are shown when at least this many columns are left for them.
constexpr std::size_t narrowest_title = 12;

std::string_view period_name(TimelinePeriod period) {
    return cli::choice_name(timeline_periods, period);
}

std::string day(const Date& date) {
    return date.iso().substr(0, 10);
}

json row_json(const TimelineRow& row, json object = json::object()) {
    object["period"] = row.label;
    object["first"] = day(row.first);
    object["last"] = day(row.last);
    object["count"] = row.count;
    if (row.top_story) {
        object["top_story"] = {{"title", row.top_story->title},
                               {"id", row.top_story->id},
                               {"articles", row.top_story->articles}};
    } else {
        object["top_story"] = nullptr;
    }
    return object;
}

/// A bar of `eighths` eighths of a column.
std::string bar(std::size_t eighths) {
    std::string text;
    for (std::size_t i = 0; i < eighths / 8; ++i) {
        text += full_block;
    }
    return text += partial_blocks[eighths % 8];
}

/// `text` cut to `width` columns, with an ellipsis when it was cut.
std::string fitted(const std::string& text, std::size_t width) {
    if (display_width(text) <= width) {
        return text;
    }
    const auto end = fit_prefix(text, {0, text.size()}, width - display_width(ellipsis));
    return text.substr(0, end) + std::string(ellipsis);
}

void print_text(std::ostream& out, const std::string& query, const Timeline& timeline,
                const TextLayout& layout) {
    if (timeline.matches == 0) {
        return;  // Like grep: no match, no output.
    }
    if (timeline.corrected_query) {
        fmt::print(out, "Showing results for {} (searched instead of {})\n\n",
                   *timeline.corrected_query, query);
    }
    fmt::print(out, "{}: {} matching article{}, by {}\n",
               timeline.corrected_query ? *timeline.corrected_query : query, timeline.matches,
               timeline.matches == 1 ? "" : "s", period_name(timeline.period));
    std::size_t label_width = 0;
    Xapian::doccount highest = 0;
    bool titled = false;
    for (const auto& row : timeline.rows) {
        label_width = std::max(label_width, display_width(row.label));
        highest = std::max(highest, row.count);
        titled = titled || row.top_story;
    }
    const auto count_width = fmt::formatted_size("{}", highest);
    const auto width = layout.width == 0 ? unwrapped_width : layout.width;
    // Label, count, bar, and the titles beside the highest bars: two fifths of what is
    // left for the bars when there is room for titles.
    const auto used = label_width + 1 + count_width + 1;
    const auto free = width > used ? width - used : 0;
    std::size_t bar_width = std::max<std::size_t>(free, 1);
    std::size_t title_width = 0;
    if (titled && free - free * 2 / 5 >= narrowest_title + 2) {
        bar_width = free * 2 / 5;
        title_width = free - bar_width - 2;
    }
    for (const auto& row : timeline.rows) {
        // Every period with a match gets at least an eighth, so none looks empty.
        const auto eighths =
            row.count == 0
                ? 0
                : std::max<std::size_t>(1, (row.count * bar_width * 8 + highest / 2) / highest);
        auto line = fmt::format("{:<{}} {:>{}}", row.label, label_width, row.count, count_width);
        if (eighths > 0) {
            line += " " + bar(eighths);
        }
        if (row.top_story && title_width > 0) {
            const auto& story = *row.top_story;
            const auto& title = story.title.empty() ? story.id : story.title;
            const auto bar_columns = (eighths + 7) / 8;
            line += std::string(bar_width - bar_columns + 2, ' ') + fitted(title, title_width);
        }
        fmt::print(out, "{}\n", line);
    }
    fmt::print(out, "undated: {}\n", timeline.undated);
    if (timeline.imprecise > 0) {
        fmt::print(out, "dated only to the {}: {}\n",
                   timeline.period == TimelinePeriod::month ? "year" : "month or year",
                   timeline.imprecise);
    }
}

void print_tsv(std::ostream& out, const Timeline& timeline) {
    for (const auto& row : timeline.rows) {
        fmt::print(out, "{}\t{}\t{}\t{}\t{}\n", row.label, day(row.first), day(row.last), row.count,
                   row.top_story ? tsv_field(row.top_story->title) : "");
    }
    fmt::print(out, "undated\t\t\t{}\t\n", timeline.undated);
    fmt::print(out, "imprecise\t\t\t{}\t\n", timeline.imprecise);
}

json summary_json(const std::string& query, const Timeline& timeline) {
    json document = {
        {"format_version", json_format_version},
        {"timeline", period_name(timeline.period)},
        {"query", query},
        {"corrected_query", timeline.corrected_query ? json(*timeline.corrected_query) : json()},
        {"matches", timeline.matches},
        {"undated", timeline.undated},
        {"imprecise", timeline.imprecise}};
    if (!timeline.missing_shards.empty()) {
        document["missing_shards"] = missing_shards_json(timeline.missing_shards);
    }
    return document;
}

}  // namespace

json timeline_json(const std::string& query, const Timeline& timeline) {
    auto document = summary_json(query, timeline);
    auto& rows = document["rows"] = json::array();
    for (const auto& row : timeline.rows) {
        rows.push_back(row_json(row));
    }
    return document;
}

void print_timeline(std::ostream& out, const std::string& query, const Timeline& timeline,
                    OutputFormat format, const TextLayout& layout) {
    switch (format) {
        case OutputFormat::text:
            print_text(out, query, timeline, layout);
            break;
        case OutputFormat::json:
            out << json_line(timeline_json(query, timeline)) << '\n';
            break;
        case OutputFormat::jsonl:
            // The whole timeline's figures first, then a line per period.
            out << json_line(summary_json(query, timeline)) << '\n';
            for (const auto& row : timeline.rows) {
                out << json_line(row_json(row, {{"format_version", json_format_version}})) << '\n';
            }
            break;
        case OutputFormat::tsv:
            print_tsv(out, timeline);
            break;
        case OutputFormat::ids:
            break;
    }
}

}  // namespace byline
