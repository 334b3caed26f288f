/** @file
 *  @brief The date bounds of a search (SearchRequest::since and until).
 */
#include <byline/searcher.h>

#include <byline/date_range.h>
#include <byline/error.h>

namespace byline {

Xapian::Query date_filter(const std::optional<std::string>& since,
                          const std::optional<std::string>& until, const Date& now) {
    DateRange range;
    if (since) {
        const auto date = parse_query_date(*since, now);
        if (!date) {
            throw DateBoundError(DateBoundError::Bound::since, *since);
        }
        range.from = date_lower_bound(*date);
    }
    if (until) {
        const auto date = parse_query_date(*until, now);
        if (!date) {
            throw DateBoundError(DateBoundError::Bound::until, *until);
        }
        range.to = date_upper_bound(*date);
    }
    return date_range_query(range);
}

}  // namespace byline
