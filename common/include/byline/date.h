/** @file
 *  @brief Publication dates: parsing the forms news archives use, normalised to UTC.
 */
#ifndef BYLINE_INCLUDED_DATE_H
#define BYLINE_INCLUDED_DATE_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace byline {

/// How much of a date its source gave: "2024" is a year, not 1 January 2024.
enum class DatePrecision { year, month, day, second };

/// A UTC date and time with the precision it was given in. Fields below the precision
/// are at their minimum (month 1, day 1, 00:00:00).
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    DatePrecision precision = DatePrecision::day;

    /// ISO 8601 at the date's precision: "2024", "2024-05", "2024-05-15" or
    /// "2024-05-15T08:30:00Z".
    [[nodiscard]] std::string iso() const;
    /// "YYYYMMDDhhmmss": sorts as the dates do, for value slots and ranges.
    [[nodiscard]] std::string sortable() const;

    friend bool operator==(const Date&, const Date&) = default;
};

/// Days since 1970-01-01 of the date's day (negative before): how far apart two dates
/// are.
[[nodiscard]] std::int64_t day_number(const Date& date);

/// Parses ISO 8601 ("2024", "2024-05", "2024-05-15", "2024-05-15T10:00:00+02:00"),
/// RFC 2822 ("Wed, 15 May 2024 10:00:00 GMT") and the common news forms
/// ("May 15, 2024", "15 May 2024 10:00 GMT"). Times with an offset are converted to
/// UTC. Returns nothing when the text is not a date or names an impossible one.
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);

}  // namespace byline

#endif
