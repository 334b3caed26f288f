/** @file
 *  @brief Date ranges for queries at year, month, day or second precision.
 */
#include <byline/date_range.h>
#include <byline/fields.h>

#include "text.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>

namespace byline {

namespace {

/// The sortable digits that fix a date at its own precision.
std::string significant_digits(const Date& date) {
    const auto digits = date.sortable();
    switch (date.precision) {
        case DatePrecision::year:
            return digits.substr(0, 4);
        case DatePrecision::month:
            return digits.substr(0, 6);
        case DatePrecision::day:
            return digits.substr(0, 8);
        case DatePrecision::second:
            break;
    }
    return digits;
}

/// "30d" and the like: a count and a unit, the time that far before `now`.
std::optional<Date> relative_date(std::string_view text, const Date& now) {
    if (text.size() < 2) {
        return std::nullopt;
    }
    int count = 0;
    const auto digits = text.substr(0, text.size() - 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (error != std::errc() || end != digits.data() + digits.size() || count < 0) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day today{year{now.year}, month{static_cast<unsigned>(now.month)},
                               day{static_cast<unsigned>(now.day)}};
    year_month_day then;
    switch (text.back()) {
        case 'd':
            then = year_month_day{sys_days{today} - days{count}};
            break;
        case 'w':
            then = year_month_day{sys_days{today} - weeks{count}};
            break;
        case 'm':
            then = today - months{count};
            break;
        case 'y':
            then = today - years{count};
            break;
        default:
            return std::nullopt;
    }
    if (!then.ok()) {  // 31 March less a month: the last day of February.
        then = then.year() / then.month() / last;
    }
    Date date = now;
    date.year = static_cast<int>(then.year());
    date.month = static_cast<int>(static_cast<unsigned>(then.month()));
    date.day = static_cast<int>(static_cast<unsigned>(then.day()));
    return date;
}

}  // namespace

std::string date_lower_bound(const Date& date) {
    return significant_digits(date);
}

std::string date_upper_bound(const Date& date) {
    return significant_digits(date) + "~";
}

std::optional<Date> parse_query_date(std::string_view text, const Date& now) {
    text = trim(text);
    if (auto relative = relative_date(text, now)) {
        return relative;
    }
    return parse_date(text);
}

std::optional<DateRange> parse_date_range(std::string_view text, const Date& now) {
    text = trim(text);
    const auto dots = text.find("..");
    DateRange range;
    if (dots == std::string_view::npos) {
        const auto date = parse_query_date(text, now);
        if (!date) {
            return std::nullopt;
        }
        return DateRange{date_lower_bound(*date), date_upper_bound(*date)};
    }
    const auto from = trim(text.substr(0, dots));
    const auto to = trim(text.substr(dots + 2));
    if (!from.empty()) {
        const auto date = parse_query_date(from, now);
        if (!date) {
            return std::nullopt;
        }
        range.from = date_lower_bound(*date);
    }
    if (!to.empty()) {
        const auto date = parse_query_date(to, now);
        if (!date) {
            return std::nullopt;
        }
        range.to = date_upper_bound(*date);
    }
    if (range.from && range.to && *range.from > *range.to) {
        return std::nullopt;
    }
    return range;
}

Xapian::Query date_range_query(const DateRange& range) {
    if (range.from && range.to) {
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot_date, *range.from, *range.to);
    }
    if (range.from) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot_date, *range.from);
    }
    if (range.to) {
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot_date, *range.to);
    }
    return Xapian::Query::MatchAll;
}

Date current_date() {
    using namespace std::chrono;
    const auto now = floor<seconds>(system_clock::now());
    const auto today = floor<days>(now);
    const year_month_day ymd{today};
    const hh_mm_ss time{now - today};
    Date date;
    date.year = static_cast<int>(ymd.year());
    date.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    date.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    date.hour = static_cast<int>(time.hours().count());
    date.minute = static_cast<int>(time.minutes().count());
    date.second = static_cast<int>(time.seconds().count());
    date.precision = DatePrecision::second;
    return date;
}

}  // namespace byline
