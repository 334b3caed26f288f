/** @file
 *  @brief How each term outside the field table is spelt.
 */
#include "schema/terms.h"

#include <byline/fields.h>

#include "text.h"

#include <fmt/format.h>

#include <charconv>

namespace byline {

std::string unique_id_term(std::string_view id) {
    constexpr std::size_t max_id_bytes = 200;
    std::string term(prefix::unique_id);
    if (id.size() <= max_id_bytes) {
        return term.append(id);
    }
    return term + fmt::format("{}#{:016x}", id.substr(0, max_id_bytes - 17), stable_hash(id));
}

std::string unique_id_term_of(const Xapian::Document& doc) {
    auto it = doc.termlist_begin();
    it.skip_to(std::string(prefix::unique_id));
    if (it != doc.termlist_end() && (*it).starts_with(prefix::unique_id)) {
        return *it;
    }
    return {};
}

namespace {

/// The date's digits to `precision` (a second's precision gives the day's).
std::string date_digits(const Date& date, DatePrecision precision) {
    switch (precision) {
        case DatePrecision::year:
            return fmt::format("{:04}", date.year);
        case DatePrecision::month:
            return fmt::format("{:04}{:02}", date.year, date.month);
        case DatePrecision::day:
        case DatePrecision::second:
            break;
    }
    return fmt::format("{:04}{:02}{:02}", date.year, date.month, date.day);
}

}  // namespace

std::string date_term(const Date& date, DatePrecision precision) {
    const auto date_prefix = precision == DatePrecision::year    ? prefix::year
                             : precision == DatePrecision::month ? prefix::month
                                                                 : prefix::day;
    return fmt::format("{}{}", date_prefix, date_digits(date, precision));
}

std::string day_value(const Date& date) {
    return date_digits(date, date.precision);
}

std::optional<Date> date_from_slot(std::string_view value) {
    if (value.size() < 8) {
        return std::nullopt;
    }
    const auto number = [&](std::size_t at, std::size_t length) {
        int n = 0;
        std::from_chars(value.data() + at, value.data() + at + length, n);
        return n;
    };
    Date date;
    date.year = number(0, 4);
    date.month = number(4, 2);
    date.day = number(6, 2);
    date.precision = DatePrecision::day;
    return date;
}

std::string story_term(std::string_view story) {
    return fmt::format("{}{}", prefix::story, story);
}

std::string hex_hash(std::uint64_t hash) {
    return fmt::format("{:016x}", hash);
}

std::uint64_t hash_from_hex(std::string_view hex) {
    std::uint64_t hash = 0;
    std::from_chars(hex.data(), hex.data() + hex.size(), hash, 16);
    return hash;
}

}  // namespace byline
