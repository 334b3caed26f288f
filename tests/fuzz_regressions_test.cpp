/** @file
 *  @brief Inputs the fuzz targets in tests/fuzz found to break a parser, each with the
 *  behaviour it now has (docs/fuzzing.md).
 */
#include <byline/date.h>
#include <byline/searcher.h>

#include "test_support.h"

#include <catch2/catch.hpp>

namespace byline {

TEST_CASE("A meridiem without a time leaves a day at midnight", "[date][fuzz]") {
    // fuzz_date: "2024-0Feb2-\xd6\xb0pm" parsed as 2 February 2024 at day precision but
    // with hour 12, so it sorted after the day's articles and did not round-trip.
    for (const auto* text : {"2024-0Feb2-\xd6\xb0pm", "May 15, 2024 pm", "15 May 2024 am"}) {
        const auto date = parse_date(text);
        REQUIRE(date);
        CHECK(date->precision == DatePrecision::day);
        CHECK(date->hour == 0);
        CHECK(parse_date(date->iso()) == date);
    }
    CHECK(parse_date("May 15, 2024 2:30 pm")->iso() == "2024-05-15T14:30:00Z");
    CHECK(parse_date("May 15, 2024 12:30 am")->iso() == "2024-05-15T00:30:00Z");
}

TEST_CASE("An offset that carries a date out of years 1 to 9999 makes it unparsable",
          "[date][fuzz]") {
    // fuzz_date: "Tue, 1 Jan 0001 0:00:00 +0024" became year 0 in UTC, which has no ISO
    // form to come back from.
    CHECK_FALSE(parse_date("Tue, 1 Jan 0001 0:00:00 +0024"));
    CHECK_FALSE(parse_date("Fri, 31 Dec 9999 23:59:00 -0100"));
    CHECK(parse_date("Mon, 1 Jan 0001 12:00:00 +0024"));
}

TEST_CASE("A range without date: is left out with a note instead of failing the search",
          "[query][fuzz][sample_index]") {
    // fuzz_query: "da:0te3d.. openai" threw Xapian::QueryParserError ("Unknown range
    // operation") out of parse_query, even on the plain-words retry, and byline-search
    // exited 2. Xapian reads A..B whatever the flags, so every range needs a processor.
    const Xapian::Database no_index;
    for (const auto* text : {"da:0te3d.. openai", "openai v1..v2", "openai 1..2", "..x openai"}) {
        CAPTURE(text);
        ParsedQuery parsed;
        REQUIRE_NOTHROW(parsed = parse_query(text, no_index));
        CHECK(parsed.query.get_description().find("Zopenai@") != std::string::npos);
        REQUIRE(parsed.syntax_note);
        CHECK(parsed.syntax_note->find("not a range") != std::string::npos);
    }
    Searcher searcher(test::sample_db());
    const auto response = searcher.search(test::request_for("da:0te3d.. sutskever"));
    CHECK_FALSE(response.hits.empty());
    CHECK(response.syntax_note);
}

}  // namespace byline
