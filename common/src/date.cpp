/** @file
 *  @brief Publication dates: parsing the forms news archives use, normalised to UTC.
 */
#include <byline/date.h>

#include "text.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <vector>

namespace byline {

namespace {

constexpr std::array<std::string_view, 12> month_names = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard Hinnant's
// algorithms), so that offsets can be applied across month and year ends.
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = y - era * 400;
    const auto doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const auto doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, Date& date) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = z - era * 146097;
    const auto yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const auto doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const auto mp = (5 * doy + 2) / 153;
    date.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    date.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    date.year = static_cast<int>(yoe + era * 400 + (date.month <= 2));
}

bool valid(const Date& d) {
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= days_in_month(d.year, d.month) && d.hour >= 0 && d.hour < 24 && d.minute >= 0 &&
           d.minute < 60 && d.second >= 0 && d.second < 61;
}

/// Moves a date-time by `minutes` (the negated UTC offset of its zone).
void shift_minutes(Date& d, int minutes) {
    if (minutes == 0) {
        return;
    }
    std::int64_t total =
        (days_from_civil(d.year, d.month, d.day) * 24 + d.hour) * 60 + d.minute + minutes;
    const std::int64_t day = total >= 0 ? total / 1440 : (total - 1439) / 1440;
    total -= day * 1440;
    civil_from_days(day, d);
    d.hour = static_cast<int>(total / 60);
    d.minute = static_cast<int>(total % 60);
}

class Cursor {
  public:
    explicit Cursor(std::string_view text) : text_(text) {}

    [[nodiscard]] bool done() const { return pos_ == text_.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : text_[pos_]; }
    bool accept(char c) {
        if (peek() == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    /// Reads exactly `digits` decimal digits.
    bool number(std::size_t digits, int& value) {
        if (pos_ + digits > text_.size()) {
            return false;
        }
        const auto* begin = text_.data() + pos_;
        for (std::size_t i = 0; i < digits; ++i) {
            if (std::isdigit(static_cast<unsigned char>(begin[i])) == 0) {
                return false;
            }
        }
        std::from_chars(begin, begin + digits, value);
        pos_ += digits;
        return true;
    }
    [[nodiscard]] std::string_view rest() const { return text_.substr(pos_); }
    void skip_rest() { pos_ = text_.size(); }
    void skip_digits() {
        while (std::isdigit(static_cast<unsigned char>(peek())) != 0) {
            ++pos_;
        }
    }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

/// "Z", "+02:00", "+0200", "-05"; returns minutes east of UTC.
bool parse_offset(Cursor& c, int& minutes_east) {
    if (c.accept('Z') || c.accept('z')) {
        minutes_east = 0;
        return true;
    }
    const bool negative = c.peek() == '-';
    if (!c.accept('+') && !c.accept('-')) {
        return false;
    }
    int hours = 0;
    int minutes = 0;
    if (!c.number(2, hours)) {
        return false;
    }
    c.accept(':');
    if (!c.done() && !c.number(2, minutes)) {
        return false;
    }
    minutes_east = (negative ? -1 : 1) * (hours * 60 + minutes);
    return hours < 24 && minutes < 60;
}

/// Minutes east of UTC for the zone names RFC 2822 and news sites use.
std::optional<int> zone_offset(std::string_view word) {
    struct Zone {
        std::string_view name;
        int minutes_east;
    };
    constexpr std::array<Zone, 15> zones = {{{"z", 0},
                                             {"gmt", 0},
                                             {"utc", 0},
                                             {"ut", 0},
                                             {"bst", 60},
                                             {"cet", 60},
                                             {"cest", 120},
                                             {"est", -300},
                                             {"edt", -240},
                                             {"cst", -360},
                                             {"cdt", -300},
                                             {"mst", -420},
                                             {"mdt", -360},
                                             {"pst", -480},
                                             {"pdt", -420}}};
    for (const auto& zone : zones) {
        if (zone.name == word) {
            return zone.minutes_east;
        }
    }
    return std::nullopt;
}

/// ISO 8601 and the slash form: YYYY[-MM[-DD[(T| )hh:mm[:ss[.fff]][offset]]]].
std::optional<Date> parse_iso(std::string_view text) {
    Cursor c(text);
    Date d;
    d.precision = DatePrecision::year;
    if (!c.number(4, d.year)) {
        return std::nullopt;
    }
    const char separator = c.peek();
    if (separator == '-' || separator == '/') {
        c.accept(separator);
        if (!c.number(2, d.month)) {
            return std::nullopt;
        }
        d.precision = DatePrecision::month;
        if (c.accept(separator)) {
            if (!c.number(2, d.day)) {
                return std::nullopt;
            }
            d.precision = DatePrecision::day;
            if (c.accept('T') || c.accept('t') || c.accept(' ')) {
                if (!c.number(2, d.hour) || !c.accept(':') || !c.number(2, d.minute)) {
                    return std::nullopt;
                }
                if (c.accept(':') && !c.number(2, d.second)) {
                    return std::nullopt;
                }
                if (c.accept('.') || c.accept(',')) {
                    c.skip_digits();
                }
                d.precision = DatePrecision::second;
                c.accept(' ');
                int minutes_east = 0;
                if (const auto zone = zone_offset(to_lower(c.rest()))) {
                    minutes_east = *zone;  // "2024-05-15 10:00:00 UTC"
                    c.skip_rest();
                } else if (!c.done() && !parse_offset(c, minutes_east)) {
                    return std::nullopt;
                }
                if (!valid(d)) {
                    return std::nullopt;
                }
                shift_minutes(d, -minutes_east);
            }
        }
    }
    if (!c.done() || !valid(d)) {
        return std::nullopt;
    }
    return d;
}

struct Token {
    enum Kind { word, number, time, offset } kind;
    std::string text;
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    auto is_digit = [&](std::size_t k) {
        return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])) != 0;
    };
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t start = i;
        if (std::isalpha(c) != 0) {
            while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])) != 0) {
                ++i;
            }
            tokens.push_back({Token::word, to_lower(text.substr(start, i - start))});
        } else if (std::isdigit(c) != 0) {
            while (is_digit(i) || (i < text.size() && text[i] == ':' && is_digit(i + 1))) {
                ++i;
            }
            const auto piece = text.substr(start, i - start);
            const bool time = piece.find(':') != std::string_view::npos;
            tokens.push_back({time ? Token::time : Token::number, std::string(piece)});
            if (time && i + 1 < text.size() && text[i] == '.' && is_digit(i + 1)) {
                ++i;  // Fractions of a second: "15:01:01.79".
                while (is_digit(i)) {
                    ++i;
                }
            }
        } else if ((c == '+' || c == '-') && is_digit(i + 1) && !tokens.empty() &&
                   tokens.back().kind == Token::time) {
            // An offset follows a time; in "26-FEB-1987" the dashes only separate.
            ++i;
            while (is_digit(i) || (i < text.size() && text[i] == ':' && is_digit(i + 1))) {
                ++i;
            }
            tokens.push_back({Token::offset, std::string(text.substr(start, i - start))});
        } else {
            ++i;  // Commas, dots and spaces only separate.
        }
    }
    return tokens;
}

int month_from_word(std::string_view word) {
    for (std::size_t m = 0; m < month_names.size(); ++m) {
        const auto& name = month_names[m];
        if (word == name || (word.size() >= 3 && name.substr(0, word.size()) == word) ||
            (word == "sept" && m == 8)) {
            return static_cast<int>(m) + 1;
        }
    }
    return 0;
}

bool is_weekday(std::string_view word) {
    constexpr std::array<std::string_view, 7> days = {"mon", "tue", "wed", "thu",
                                                      "fri", "sat", "sun"};
    for (const auto day : days) {
        if (word.size() >= 3 && word.substr(0, 3) == day) {
            return true;
        }
    }
    return false;
}

/// RFC 2822 and the news forms: words for months, in either order with the day.
std::optional<Date> parse_words(std::string_view text) {
    Date d;
    int minutes_east = 0;
    bool have_year = false;
    bool have_time = false;
    int day = 0;
    bool pm = false;
    bool am = false;
    for (const auto& token : tokenize(text)) {
        switch (token.kind) {
            case Token::word:
                if (const int month = month_from_word(token.text);
                    month != 0 && d.month == 1 && !is_weekday(token.text)) {
                    d.month = month;
                    d.precision = DatePrecision::month;
                } else if (const auto zone = zone_offset(token.text)) {
                    minutes_east = *zone;
                } else if (token.text == "pm") {
                    pm = true;
                } else if (token.text == "am") {
                    am = true;
                } else if (!is_weekday(token.text) && token.text != "at" && token.text != "th" &&
                           token.text != "st" && token.text != "nd" && token.text != "rd" &&
                           token.text != "of") {
                    return std::nullopt;
                }
                break;
            case Token::number:
                if (token.text.size() == 4 && !have_year) {
                    std::from_chars(token.text.data(), token.text.data() + 4, d.year);
                    have_year = true;
                } else if (token.text.size() <= 2 && day == 0) {
                    std::from_chars(token.text.data(), token.text.data() + token.text.size(), day);
                } else {
                    return std::nullopt;
                }
                break;
            case Token::time: {
                Cursor c(token.text);
                const bool two_digit_hour = token.text.size() > 2 && token.text[2] == ':';
                if (!c.number(two_digit_hour ? 2 : 1, d.hour) || !c.accept(':') ||
                    !c.number(2, d.minute)) {
                    return std::nullopt;
                }
                if (c.accept(':') && !c.number(2, d.second)) {
                    return std::nullopt;
                }
                have_time = true;
                break;
            }
            case Token::offset: {
                Cursor c(token.text);
                if (!parse_offset(c, minutes_east) || !c.done()) {
                    return std::nullopt;
                }
                break;
            }
        }
    }
    if (!have_year || d.precision != DatePrecision::month) {
        return std::nullopt;
    }
    // "pm" without a time says nothing: a day's hour stays at its minimum.
    if (have_time && pm && d.hour < 12) {
        d.hour += 12;
    } else if (have_time && am && d.hour == 12) {
        d.hour = 0;
    }
    if (day != 0) {
        d.day = day;
        d.precision = have_time ? DatePrecision::second : DatePrecision::day;
    } else if (have_time) {
        return std::nullopt;
    }
    if (!valid(d)) {
        return std::nullopt;
    }
    if (d.precision == DatePrecision::second) {
        shift_minutes(d, -minutes_east);
    }
    // An offset can carry 1 January of year 1 into year 0, which no date form names.
    if (!valid(d)) {
        return std::nullopt;
    }
    return d;
}

}  // namespace

std::int64_t day_number(const Date& date) {
    return days_from_civil(date.year, date.month, date.day);
}

std::string Date::iso() const {
    switch (precision) {
        case DatePrecision::year:
            return fmt::format("{:04}", year);
        case DatePrecision::month:
            return fmt::format("{:04}-{:02}", year, month);
        case DatePrecision::day:
            return fmt::format("{:04}-{:02}-{:02}", year, month, day);
        case DatePrecision::second:
            break;
    }
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, month, day, hour, minute,
                       second);
}

std::string Date::sortable() const {
    return fmt::format("{:04}{:02}{:02}{:02}{:02}{:02}", year, month, day, hour, minute, second);
}

std::optional<Date> parse_date(std::string_view text) {
    text = trim(text);
    if (text.empty()) {
        return std::nullopt;
    }
    if (auto iso = parse_iso(text)) {
        return iso;
    }
    return parse_words(text);
}

}  // namespace byline
