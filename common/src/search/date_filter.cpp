/** @file
 *  @brief The date bounds of a search (SearchRequest::since and until).
 */
#include <byline/searcher.h>

#include <byline/date_range.h>
#include <byline/error.h>

#include <fmt/format.h>

namespace byline {

Xapian::Query date_filter(const std::optional<std::string>& since,
                          const std::optional<std::string>& until, const Date& now) {
    DateRange range;
    if (since) {
        const auto date = parse_query_date(*since, now);
        if (!date) {
            throw Error(fmt::format(
                "--since {}: not a date (2024, 2024-05, 2024-05-01, 30d, 6m, 1y)", *since));
        }
        range.from = date_lower_bound(*date);
    }
    if (until) {
        const auto date = parse_query_date(*until, now);
        if (!date) {
            throw Error(fmt::format(
                "--until {}: not a date (2024, 2024-05, 2024-05-01, 30d, 6m, 1y)", *until));
        }
        range.to = date_upper_bound(*date);
    }
    return date_range_query(range);
}

}  // namespace byline
