/** @file
 *  @brief The article text Byline keeps from a web page, on pages written for these
 *  tests (tests/fixtures/ingest/extraction): what a reader sees as the article stays,
 *  with its paragraph breaks; navigation, comments, share bars, related links, bylines
 *  and credits go. The same extractor reads HTML files, WARC records and feed items.
 */
#include "test_support.h"

#include <fmt/format.h>
#include <catch2/catch.hpp>

using byline::InputFormat;
using byline::test::ingest_file_or_folder;
using byline::test::ingest_fixture;
using byline::test::ingest_text;
using byline::test::read_file;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string extraction_fixture(const std::string& name) {
    return ingest_fixture("extraction/" + name).string();
}

std::string body_of(const std::string& name) {
    const auto result = ingest_file_or_folder(extraction_fixture(name));
    REQUIRE(result.skips.empty());
    REQUIRE(result.articles.size() == 1);
    return result.articles[0].body;
}

void check_kept(const std::string& body, std::initializer_list<const char*> parts) {
    for (const auto* part : parts) {
        CAPTURE(part, body);
        CHECK(contains(body, part));
    }
}

void check_dropped(const std::string& body, std::initializer_list<const char*> parts) {
    for (const auto* part : parts) {
        CAPTURE(part, body);
        CHECK_FALSE(contains(body, part));
    }
}

}  // namespace

TEST_CASE("a JSON-LD articleBody keeps the page's paragraphs it holds, with their breaks",
          "[ingest][html][extraction]") {
    const auto body = body_of("structured-data.html");
    CHECK(body.starts_with("Data-centre operators in the north of Sweden"));
    check_kept(body, {"not the heat but the noise.\n\nA hall of air-cooled", "within four years",
                      "have stopped calling."});
    // On the page, inside the article's block, but not in the articleBody: a promotion.
    check_dropped(body, {"briefing", "coffee-length", "undersea cables"});
}

TEST_CASE("a JSON-LD articleBody is the text when the page's markup holds none of it",
          "[ingest][html][extraction]") {
    const auto body = body_of("structured-data-only.html");
    CHECK(body ==
          "Some pages arrive as an empty shell that scripts fill in after loading, so the "
          "saved markup holds no paragraphs at all.\n\nThe structured data still carries the "
          "whole story, written out for search engines, and an archive can read it from there "
          "instead of running the scripts.");
}

TEST_CASE("an article among large navigation and comment blocks is kept alone",
          "[ingest][html][extraction]") {
    const auto body = body_of("cluttered.html");
    CHECK(body.starts_with("Data-centre operators in the north of Sweden"));
    CHECK(body.ends_with("will be closed rather than converted."));
    check_kept(body, {"not the heat but the noise.\n\nA hall of air-cooled",
                      "which now run half the year.", "stopped calling the local paper"});
    check_dropped(body, {
                            "Servers",          // navigation
                            "topic 3",          // navigation's sub-menus
                            "Share on",         // share bar
                            "By Odile",         // byline repeated in the body
                            "Photo:",           // credit caption
                            "Read more",        // pointer to another page
                            "waste heat",       // its link
                            "Related stories",  // related list
                            "grid operators",   // its items
                            "comments",         // comment section
                            "paperwork",        // a comment
                            "pumps failed",     // another
                            "All rights",       // footer
                        });
}

TEST_CASE("a list-like article of short linked paragraphs keeps every item",
          "[ingest][html][extraction]") {
    const auto body = body_of("list-article.html");
    CHECK(body.starts_with("Nobody reads logs for fun"));
    check_kept(
        body, {"Lognav: merges files by time and colours the levels.", "Tailspin: highlights dates",
               "Angle: reads JSON lines", "Gapfinder: marks the minutes",
               "Fold: collapses repeated lines", "Sieve: keeps the lines",
               "Stamp: converts epoch seconds", "Tally: counts the lines per level and per hour."});
    CHECK(contains(body, "levels.\n\nTailspin"));
    check_dropped(body, {"Eight small tools",  // the headline, stored as the title
                         "Sections", "Storage", "Most read", "data halls"});
}

TEST_CASE("a page with neither <article> nor <main> gives its text block alone",
          "[ingest][html][extraction]") {
    const auto body = body_of("no-article-element.html");
    CHECK(body.starts_with("Magnetic tape, the storage medium"));
    CHECK(body.ends_with("is where the overflow goes."));
    check_kept(body, {"according to the three companies that still make the drives.\n\nThe buyers",
                      "costs nothing to power.\n\nWhat changed"});
    check_dropped(
        body, {"Front page", "Search the site", "Subscribe", "Popular this week", "floppy factory",
               "Advertisement", "Letters to the editor", "Tape is back, and it never left"});
}

TEST_CASE("WARC records and feed items go through the same extractor as HTML files",
          "[ingest][html][extraction][warc][feed]") {
    const auto page = read_file(extraction_fixture("cluttered.html"));
    const auto from_file = body_of("cluttered.html");

    const auto http = fmt::format(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
        "{}\r\n\r\n{}",
        page.size(), page);
    const auto warc = fmt::format(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://rack.example/quiet\r\n"
        "WARC-Date: 2025-02-03T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        "Content-Length: {}\r\n\r\n{}\r\n\r\n",
        http.size(), http);
    const auto from_warc = ingest_text(warc, InputFormat::warc, "crawl.warc");
    REQUIRE(from_warc.articles.size() == 1);
    CHECK(from_warc.articles[0].body == from_file);

    const std::string feed = R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Rack Report</title>
<item><title>Tape is back</title><link>https://rack.example/tape</link>
<content:encoded><![CDATA[
<div class="share-tools"><a href="#">Share on Mastodon</a></div>
<p>Magnetic tape shipped more capacity last year than in any year before.</p>
<p>The buyers are the same as ever: banks, broadcasters and research labs.</p>
<p>Related: <a href="/p/1">Five myths about solid-state drives</a></p>
]]></content:encoded></item>
</channel></rss>)";
    const auto from_feed = ingest_text(feed, InputFormat::rss, "feed.rss");
    REQUIRE(from_feed.articles.size() == 1);
    CHECK(from_feed.articles[0].body ==
          "Magnetic tape shipped more capacity last year than in any year before.\n\nThe "
          "buyers are the same as ever: banks, broadcasters and research labs.");
}
