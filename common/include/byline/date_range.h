/** @file
 *  @brief Date ranges for queries: `date:2024-05`, `date:2024..2025-03`, `--since 30d`.
 *
 *  Xapian's DateRangeProcessor wants whole days; news archives and people also speak
 *  in years and months. A range here is a pair of inclusive bounds in the encoding of
 *  the date value slot (Date::sortable(), "YYYYMMDDhhmmss"), so that a year or a month
 *  is simply every value that starts with its digits.
 */
#ifndef BYLINE_INCLUDED_DATE_RANGE_H
#define BYLINE_INCLUDED_DATE_RANGE_H

#include <byline/date.h>

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace byline {

/// Inclusive bounds on the date slot; an absent bound leaves that end open.
struct DateRange {
    std::optional<std::string> from;
    std::optional<std::string> to;

    friend bool operator==(const DateRange&, const DateRange&) = default;
};

/// The first value slot string of a date at its precision ("2024-05" → "202405").
[[nodiscard]] std::string date_lower_bound(const Date& date);
/// A string above every value slot string inside the date's period ("2024-05" →
/// "202405~"), so the period's last second is included.
[[nodiscard]] std::string date_upper_bound(const Date& date);

/// A date written as in a query: "2024", "2024-05", "2024-05-01" (or any form
/// parse_date() reads), or relative to `now`: "30d", "2w", "6m", "1y" ago.
[[nodiscard]] std::optional<Date> parse_query_date(std::string_view text, const Date& now);

/// "A..B", "..B", "A.." or a single date (its whole period). Nothing when a side is
/// not a date or the range runs backwards.
[[nodiscard]] std::optional<DateRange> parse_date_range(std::string_view text, const Date& now);

/// The filter for a range on the date slot.
[[nodiscard]] Xapian::Query date_range_query(const DateRange& range);

/// The current UTC time, to the second.
[[nodiscard]] Date current_date();

}  // namespace byline

#endif
