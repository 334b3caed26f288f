/** @file
 *  @brief A query's matches counted per period (byline-search --timeline).
 *
 *  The match is settled first (settle_match), so that every pass counts the articles a
 *  search matches. One pass over every match counts the values of slot_day (the date to its
 * precision: a few thousand distinct values) with Xapian's ValueCountMatchSpy, which remote shards
 * run inside xapian-tcpsrv; the days are then added up into periods here. Counting every match, not
 * the top of a ranking, is what makes the counts exact: the matcher visits articles in index order,
 * so a partial count would favour the earliest-indexed. The highest periods then name their largest
 * story: a pass over that period's matches counts their stories (slot_story), and a third finds the
 * title of the story's best-ranked article.
 */
#include <byline/timeline.h>

#include <byline/fields.h>

#include "schema/terms.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <numeric>

namespace byline {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

/// Periods are rows for a person: a choice that keeps their number to about sixty.
constexpr int most_days = 62;
constexpr int most_weeks = 60;
constexpr int most_months = 60;
/// Tied largest stories looked among for the best-ranked article, at most.
constexpr std::size_t most_tied_stories = 32;

/// A slot_day value read back: the first day it can mean, and to what precision.
struct DayValue {
    sys_days day;
    DatePrecision precision = DatePrecision::day;
};

std::optional<DayValue> read_day_value(std::string_view value) {
    const auto number = [&](std::size_t at, std::size_t length) {
        int n = 0;
        const auto [end, error] = std::from_chars(value.data() + at, value.data() + at + length, n);
        return error == std::errc() && end == value.data() + at + length ? n : -1;
    };
    if (value.size() != 4 && value.size() != 6 && value.size() != 8) {
        return std::nullopt;
    }
    const int year = number(0, 4);
    const int month = value.size() >= 6 ? number(4, 2) : 1;
    const int day = value.size() == 8 ? number(6, 2) : 1;
    const year_month_day date{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                              std::chrono::day{unsigned(day)}};
    if (year < 0 || month < 0 || day < 0 || !date.ok()) {
        return std::nullopt;
    }
    const auto precision = value.size() == 4   ? DatePrecision::year
                           : value.size() == 6 ? DatePrecision::month
                                               : DatePrecision::day;
    return DayValue{sys_days{date}, precision};
}

/// Whether a date of `precision` falls in one period of `period`.
bool precise_enough(DatePrecision precision, TimelinePeriod period) {
    switch (period) {
        case TimelinePeriod::year:
            return true;
        case TimelinePeriod::month:
            return precision != DatePrecision::year;
        case TimelinePeriod::week:
        case TimelinePeriod::day:
            break;
    }
    return precision == DatePrecision::day || precision == DatePrecision::second;
}

/// The first day of the period that holds `day`.
sys_days period_start(sys_days day, TimelinePeriod period) {
    const year_month_day date{day};
    switch (period) {
        case TimelinePeriod::day:
            return day;
        case TimelinePeriod::week:
            return day - (std::chrono::weekday{day} - std::chrono::Monday);
        case TimelinePeriod::month:
            return sys_days{date.year() / date.month() / 1};
        case TimelinePeriod::year:
            break;
    }
    return sys_days{date.year() / std::chrono::January / 1};
}

/// The first day of the period after the one starting on `start`.
sys_days next_period(sys_days start, TimelinePeriod period) {
    const year_month_day date{start};
    switch (period) {
        case TimelinePeriod::day:
            return start + days{1};
        case TimelinePeriod::week:
            return start + days{7};
        case TimelinePeriod::month:
            return sys_days{date + std::chrono::months{1}};
        case TimelinePeriod::year:
            break;
    }
    return sys_days{date + std::chrono::years{1}};
}

Date date_of(sys_days day, DatePrecision precision = DatePrecision::day) {
    const year_month_day date{day};
    Date result;
    result.year = int(date.year());
    result.month = int(unsigned(date.month()));
    result.day = int(unsigned(date.day()));
    result.precision = precision;
    return result;
}

sys_days day_of(const Date& date) {
    return sys_days{year_month_day{std::chrono::year{date.year},
                                   std::chrono::month{unsigned(date.month)},
                                   std::chrono::day{unsigned(date.day)}}};
}

/// "2024-05-15", "2024-W20" (ISO 8601: the week of the year its Thursday is in),
/// "2024-05" or "2024".
std::string period_label(sys_days start, TimelinePeriod period) {
    const auto date = date_of(start);
    switch (period) {
        case TimelinePeriod::day:
            return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
        case TimelinePeriod::week: {
            const auto thursday = start + days{3};
            const auto week_year = year_month_day{thursday}.year();
            const auto week =
                (thursday - sys_days{week_year / std::chrono::January / 1}).count() / 7 + 1;
            return fmt::format("{:04}-W{:02}", int(week_year), week);
        }
        case TimelinePeriod::month:
            return fmt::format("{:04}-{:02}", date.year, date.month);
        case TimelinePeriod::year:
            break;
    }
    return fmt::format("{:04}", date.year);
}

/// The period whose rows read best for matches from `first` to `last`.
TimelinePeriod period_for_span(sys_days first, sys_days last) {
    const auto span = (last - first).count();
    const year_month_day from{first};
    const year_month_day to{last};
    const auto months = (int(to.year()) - int(from.year())) * 12 +
                        (int(unsigned(to.month())) - int(unsigned(from.month())));
    if (span <= most_days) {
        return TimelinePeriod::day;
    }
    if (span <= most_weeks * 7) {
        return TimelinePeriod::week;
    }
    return months <= most_months ? TimelinePeriod::month : TimelinePeriod::year;
}

/// The articles dated in the period: its year, month or day term, or a week's day
/// terms (the terms date: looks up). Terms, not a range on slot_day: a value range
/// reads the value of every match, terms skip to the period's articles.
Xapian::Query period_filter(const TimelineRow& row, TimelinePeriod period) {
    switch (period) {
        case TimelinePeriod::year:
            return Xapian::Query(date_term(row.first, DatePrecision::year));
        case TimelinePeriod::month:
            return Xapian::Query(date_term(row.first, DatePrecision::month));
        case TimelinePeriod::day:
            return Xapian::Query(date_term(row.first, DatePrecision::day));
        case TimelinePeriod::week:
            break;
    }
    std::vector<Xapian::Query> days_of_week;
    const auto monday = day_of(row.first);
    for (int i = 0; i < 7; ++i) {
        days_of_week.emplace_back(date_term(date_of(monday + days{i}), DatePrecision::day));
    }
    return {Xapian::Query::OP_OR, days_of_week.begin(), days_of_week.end()};
}

Xapian::Query both(const Xapian::Query& a, const Xapian::Query& b) {
    return a.empty() ? b : Xapian::Query(Xapian::Query::OP_AND, a, b);
}

/// Adds up the day counts into rows, from the first period with a match to the last.
void count_periods(const std::map<std::string, Xapian::doccount>& day_counts,
                   std::optional<TimelinePeriod> period, Timeline& timeline) {
    std::vector<std::pair<DayValue, Xapian::doccount>> dated;
    Xapian::doccount with_value = 0;
    for (const auto& [value, count] : day_counts) {
        with_value += count;
        if (const auto day = read_day_value(value)) {
            dated.emplace_back(*day, count);
        }
    }
    timeline.undated = timeline.matches - with_value;
    if (dated.empty()) {
        timeline.period = period.value_or(TimelinePeriod::month);
        return;
    }
    const auto [earliest, latest] =
        std::minmax_element(dated.begin(), dated.end(),
                            [](const auto& a, const auto& b) { return a.first.day < b.first.day; });
    timeline.period = period ? *period : period_for_span(earliest->first.day, latest->first.day);
    std::map<sys_days, Xapian::doccount> per_period;
    for (const auto& [day, count] : dated) {
        if (precise_enough(day.precision, timeline.period)) {
            per_period[period_start(day.day, timeline.period)] += count;
        } else {
            timeline.imprecise += count;
        }
    }
    if (per_period.empty()) {
        return;
    }
    const auto last = per_period.rbegin()->first;
    for (auto start = per_period.begin()->first; start <= last;
         start = next_period(start, timeline.period)) {
        const auto found = per_period.find(start);
        timeline.rows.push_back({period_label(start, timeline.period), date_of(start),
                                 date_of(next_period(start, timeline.period) - days{1}),
                                 found == per_period.end() ? 0 : found->second, std::nullopt});
    }
}

/// `counting` made to count the days of its matches in one pass over all of them.
void count_days_of(SearchRequest& counting) {
    counting.offset = 0;
    counting.limit = 0;
    counting.snippet_length = 0;
    counting.collapse_stories = false;
    counting.facets.clear();
    counting.explain = false;
    counting.recent = false;  // Ranking alone; and remote shards cannot run it.
    counting.sort = SortOrder::relevance;
    counting.exact_count = true;
    // Lifts rank and cost a look at word positions; they match nothing more.
    counting.weights.phrase_lift = 0;
    counting.weights.near_lift = 0;
    counting.count_values = slot_day;
}

/// The largest story among the period's matches: its size and the title of its
/// best-ranked article there.
std::optional<TimelineStory> largest_story(Searcher& searcher, const SearchRequest& counting,
                                           const SearchRequest& original,
                                           const Xapian::Query& in_period) {
    auto stories = counting;
    stories.count_values = slot_story;
    stories.filter = both(counting.filter, in_period);
    const auto story_counts = searcher.search(stories).value_counts;
    Xapian::doccount largest = 0;
    for (const auto& [story, count] : story_counts) {
        largest = std::max(largest, count);
    }
    if (largest == 0) {
        return std::nullopt;
    }
    // Of the stories tied for largest (all of them when each has one article), the one
    // whose article ranks best.
    std::vector<Xapian::Query> tied;
    for (const auto& [story, count] : story_counts) {
        if (count == largest && tied.size() < most_tied_stories) {
            tied.emplace_back(story_term(story));
        }
    }
    auto best = counting;
    best.weights = original.weights;
    best.count_values.reset();
    best.exact_count = false;
    best.limit = 1;
    best.filter = stories.filter;
    if (largest > 1) {
        best.filter =
            both(best.filter, Xapian::Query(Xapian::Query::OP_OR, tied.begin(), tied.end()));
    }
    const auto found = searcher.search(best);
    if (found.hits.empty()) {
        return std::nullopt;
    }
    const auto& article = found.hits.front().article;
    return TimelineStory{article.title, article.id, largest};
}

}  // namespace

Timeline make_timeline(Searcher& searcher, const TimelineRequest& request) {
    auto counting = request.search;
    Timeline timeline;
    timeline.corrected_query = settle_match(searcher, counting);
    count_days_of(counting);
    const auto response = searcher.search(counting);
    timeline.matches = response.estimated_matches;
    timeline.syntax_note = response.syntax_note;
    timeline.missing_shards = response.missing_shards;
    count_periods(response.value_counts, request.period, timeline);

    std::vector<std::size_t> by_count(timeline.rows.size());
    std::iota(by_count.begin(), by_count.end(), 0);
    std::stable_sort(by_count.begin(), by_count.end(), [&](std::size_t a, std::size_t b) {
        return timeline.rows[a].count > timeline.rows[b].count;
    });
    for (std::size_t i = 0; i < by_count.size() && i < request.titled_peaks; ++i) {
        auto& row = timeline.rows[by_count[i]];
        if (row.count == 0) {
            break;
        }
        row.top_story =
            largest_story(searcher, counting, request.search, period_filter(row, timeline.period));
    }
    return timeline;
}

}  // namespace byline
