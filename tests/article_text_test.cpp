/** @file
 *  @brief One-article-per-file text: header block, headline-first files, bad input.
 */
#include "test_support.h"

#include <catch2/catch.hpp>

using byline::InputFormat;
using byline::test::ingest_text;

TEST_CASE("a header block gives every field and the body follows the blank line") {
    const auto result = ingest_text(
        "Title: Sutskever leaves OpenAI\n"
        "Date: 2024-05-15T08:30:00Z\n"
        "Source: Circuit Ledger\n"
        "Author: Dana Whitfield and Lee Park; Sam Roe\n"
        "URL: https://circuitledger.example/2024/05/15/x\n"
        "Tags: openai, ai-safety , people\n"
        "X-Archive-Note: ignored\n"
        "\n"
        "First paragraph.\n\nSecond paragraph.\n",
        InputFormat::article_text, "sample/a.txt");
    REQUIRE(result.skips.empty());
    REQUIRE(result.articles.size() == 1);
    const auto& a = result.articles.front();
    CHECK(a.title == "Sutskever leaves OpenAI");
    CHECK(a.date->iso() == "2024-05-15T08:30:00Z");
    CHECK(a.source == "Circuit Ledger");
    CHECK(a.authors == std::vector<std::string>{"Dana Whitfield", "Lee Park", "Sam Roe"});
    CHECK(a.url == "https://circuitledger.example/2024/05/15/x");
    CHECK(a.tags == std::vector<std::string>{"openai", "ai-safety", "people"});
    CHECK(a.body == "First paragraph.\n\nSecond paragraph.");
    CHECK(a.id == a.url);
}

TEST_CASE("header names ignore case, continuation lines extend a value, CRLF is accepted") {
    const auto result = ingest_text("title: A long\r\n  headline\r\nID: story-42\r\n\r\nBody.\r\n",
                                    InputFormat::article_text);
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "A long headline");
    CHECK(result.articles[0].id == "story-42");
    CHECK(result.articles[0].body == "Body.");
}

TEST_CASE("without a header block the first line is the headline, as in bbc-news") {
    const auto result = ingest_text("Microsoft: new worm alert\n\nThe body starts here.\n",
                                    InputFormat::article_text, "/archive/tech/001.txt");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "Microsoft: new worm alert");
    CHECK(result.articles[0].body == "The body starts here.");
    CHECK(result.articles[0].id == "/archive/tech/001.txt");
    CHECK_FALSE(result.articles[0].date);
}

TEST_CASE("Latin-1 text becomes UTF-8 and a byte-order mark is dropped") {
    auto result = ingest_text(
        "Price rise\n\nIt cost \xA3"
        "5.\n",
        InputFormat::article_text);
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].body ==
          "It cost \xC2\xA3"
          "5.");
    result = ingest_text("\xEF\xBB\xBFTitle: Marked\n\nBody\n", InputFormat::article_text);
    CHECK(result.articles.at(0).title == "Marked");
}

TEST_CASE("bad files are skipped with file:line and a reason") {
    SECTION("an unparsable date names its line") {
        const auto result = ingest_text("Title: T\nDate: next Tuesday\n\nBody\n",
                                        InputFormat::article_text, "f.txt");
        CHECK(result.articles.empty());
        CHECK(result.skips == std::vector<std::string>{"f.txt:2: unparsable date 'next Tuesday'"});
    }
    SECTION("a malformed header line") {
        const auto result =
            ingest_text("Title: T\nno colon here\n\nBody\n", InputFormat::article_text, "f.txt");
        CHECK(result.articles.empty());
        REQUIRE(result.skips.size() == 1);
        CHECK(result.skips[0].starts_with("f.txt:2: malformed header line"));
    }
    SECTION("an empty file") {
        const auto result = ingest_text("\n\n  \n", InputFormat::article_text, "f.txt");
        CHECK(result.skips == std::vector<std::string>{"f.txt: empty article"});
    }
    SECTION("binary data") {
        const auto result = ingest_text(std::string("\x7f"
                                                    "ELF\0\0\x01",
                                                    7),
                                        InputFormat::article_text, "f.txt");
        CHECK(result.skips == std::vector<std::string>{"f.txt:1: binary data, not an article"});
    }
}
