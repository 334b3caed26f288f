/** @file
 *  @brief Date parsing: the forms news archives use, normalised to UTC.
 */
#include <byline/date.h>

#include <catch2/catch.hpp>

using byline::parse_date;

TEST_CASE("dates in every supported form normalise to UTC ISO 8601 at their precision") {
    const auto [text, iso] = GENERATE(table<const char*, const char*>({
        {"2024", "2024"},
        {"2024-05", "2024-05"},
        {"2024-05-15", "2024-05-15"},
        {"2024/05/15", "2024-05-15"},
        {"2024-05-15T08:30:00Z", "2024-05-15T08:30:00Z"},
        {"2024-05-15T08:30Z", "2024-05-15T08:30:00Z"},
        {"2024-05-15T08:30:00.123+02:00", "2024-05-15T06:30:00Z"},
        {"2024-05-15 23:30:00-0200", "2024-05-16T01:30:00Z"},
        {"2024-12-31T23:00:00-05:00", "2025-01-01T04:00:00Z"},
        {"Wed, 15 May 2024 08:30:00 GMT", "2024-05-15T08:30:00Z"},
        {"Wed, 15 May 2024 08:30:00 +0100", "2024-05-15T07:30:00Z"},
        {"15 May 2024 10:00 EST", "2024-05-15T15:00:00Z"},
        {"May 15, 2024", "2024-05-15"},
        {"15 May 2024", "2024-05-15"},
        {"April 18, 2024", "2024-04-18"},
        {"Sept 3, 2023", "2023-09-03"},
        {"May 2024", "2024-05"},
        {"  2023-11-17  ", "2023-11-17"},
        {"2024-05-15 10:00:00 UTC", "2024-05-15T10:00:00Z"},
        {"15 May 2024 10:00 GMT", "2024-05-15T10:00:00Z"},
        {"Thursday, May 16, 2024 at 3:45 PM EDT", "2024-05-16T19:45:00Z"},
        {"26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"},
        {"Thu, 18 Apr 2024 16:05:00 +0200", "2024-04-18T14:05:00Z"},
        {"2024-02-09T22:30:00-05:00", "2024-02-10T03:30:00Z"},
    }));
    CAPTURE(text);
    const auto date = parse_date(text);
    REQUIRE(date);
    CHECK(date->iso() == iso);
}

TEST_CASE("text that is not a real date is refused") {
    const auto* text =
        GENERATE("", "soon", "2024-13-01", "2023-02-29", "2024-05-32", "20240", "May 45, 2024",
                 "2024-05-15T25:00:00Z", "yesterday at noon", "15 Foo 2024", "12:30");
    CAPTURE(text);
    CHECK_FALSE(parse_date(text));
}

TEST_CASE("a leap day exists only in leap years") {
    CHECK(parse_date("2024-02-29"));
    CHECK_FALSE(parse_date("2100-02-29"));
    CHECK(parse_date("2000-02-29"));
}

TEST_CASE("sortable form orders dates as time does") {
    CHECK(parse_date("2024")->sortable() == "20240101000000");
    CHECK(parse_date("2024-05-15T08:30:00Z")->sortable() == "20240515083000");
    CHECK(parse_date("2023-12-31")->sortable() < parse_date("2024-01-01")->sortable());
}
