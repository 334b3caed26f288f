/** @file
 *  @brief When a subject was written about: a query's matches counted per day, week,
 *  month or year, exactly, with the largest story of the busiest periods.
 */
#ifndef BYLINE_INCLUDED_TIMELINE_H
#define BYLINE_INCLUDED_TIMELINE_H

#include <byline/date.h>
#include <byline/search_results.h>
#include <byline/searcher.h>

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace byline {

/// The length of a timeline's periods. Weeks run from Monday to Sunday (ISO 8601).
enum class TimelinePeriod { day, week, month, year };

/// The story with the most matching articles in a period (copies share a story).
struct TimelineStory {
    /// The title and id of the story's best-ranked article in the period.
    std::string title;
    std::string id;
    /// Its matching articles in the period.
    Xapian::doccount articles = 0;
};

struct TimelineRow {
    /// "2024-05-15", "2024-W20", "2024-05" or "2024".
    std::string label;
    /// The period's first and last day.
    Date first;
    Date last;
    /// Matching articles dated in the period.
    Xapian::doccount count = 0;
    /// For the highest peaks only: the period's largest story.
    std::optional<TimelineStory> top_story;
};

struct Timeline {
    TimelinePeriod period = TimelinePeriod::month;
    /// Every period from the first with a match to the last, empty ones included.
    std::vector<TimelineRow> rows;
    /// Every matching article, whatever its date.
    Xapian::doccount matches = 0;
    /// Matching articles without a date.
    Xapian::doccount undated = 0;
    /// Matching articles dated less precisely than a period (only to the year in a
    /// month timeline, to the month or year in a week or day timeline): in no row.
    Xapian::doccount imprecise = 0;
    /// The search's own notes, as in SearchResponse.
    std::optional<std::string> corrected_query;
    std::optional<std::string> syntax_note;
    std::vector<MissingShard> missing_shards;
};

struct TimelineRequest {
    /// The query, its match mode and filters; paging, sorting, snippets and facets are
    /// ignored. Copies are counted one by one, as --count counts them.
    SearchRequest search;
    /// Chosen from the span of the matches when not given: days for up to two months,
    /// weeks up to a year and a bit, months up to five years, else years.
    std::optional<TimelinePeriod> period;
    /// How many of the highest periods name their largest story.
    std::size_t titled_peaks = 3;
};

/// The timeline of a query: its matches counted by the date each was published, exactly
/// (every match is counted, over shards and remote shards alike). Throws as
/// Searcher::search does.
[[nodiscard]] Timeline make_timeline(Searcher& searcher, const TimelineRequest& request);

}  // namespace byline

#endif
