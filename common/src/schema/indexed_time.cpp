/** @file
 *  @brief When an article entered the index (slot_indexed).
 */
#include "schema/indexed_time.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace byline {

namespace {

constexpr std::size_t value_digits = 20;
/// Where the value's digits go in the ISO form; the other characters are fixed.
constexpr std::string_view iso_pattern = "dddd-dd-ddTdd:dd:dd.ddddddZ";

bool all_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

std::string indexed_time_value(std::chrono::system_clock::time_point time) {
    // By hand: fmt 9 formats a time_point in the local time zone, not UTC.
    using namespace std::chrono;
    const auto micros = floor<microseconds>(time);
    const auto day = floor<days>(micros);
    const year_month_day date{day};
    const hh_mm_ss clock{micros - day};
    return fmt::format("{:04}{:02}{:02}{:02}{:02}{:02}{:06}", int(date.year()),
                       unsigned(date.month()), unsigned(date.day()), clock.hours().count(),
                       clock.minutes().count(), clock.seconds().count(),
                       clock.subseconds().count());
}

std::optional<std::string> indexed_time_iso(std::string_view value) {
    if (value.size() != value_digits || !all_digits(value)) {
        return std::nullopt;
    }
    std::string iso(iso_pattern);
    auto digit = value.begin();
    for (auto& c : iso) {
        if (c == 'd') {
            c = *digit++;
        }
    }
    return iso;
}

std::optional<std::string> indexed_time_from_iso(std::string_view iso) {
    if (iso.size() != iso_pattern.size()) {
        return std::nullopt;
    }
    std::string value;
    for (std::size_t i = 0; i < iso.size(); ++i) {
        if (iso_pattern[i] == 'd') {
            value += iso[i];
        } else if (iso[i] != iso_pattern[i]) {
            return std::nullopt;
        }
    }
    if (!all_digits(value)) {
        return std::nullopt;
    }
    return value;
}

}  // namespace byline
