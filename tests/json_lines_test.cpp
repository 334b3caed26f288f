/** @file
 *  @brief JSON Lines: one article object per line, bad lines skipped alone.
 */
#include "test_support.h"

#include <catch2/catch.hpp>

using byline::InputFormat;
using byline::test::ingest_text;

TEST_CASE("each JSON line is an article with its fields") {
    const auto result = ingest_text(
        R"({"id": "bbc/tech/1", "title": "T1", "body": "B1", "source": "BBC News", "tags": ["tech"]})"
        "\n"
        R"({"title": "T2", "text": "B2", "url": "https://x.example/2", "date": "2020", "author": ["A", "B"]})"
        "\n\n"
        R"({"headline": "T3", "content": "B3", "keywords": "x, y", "byline": "C and D"})"
        "\n",
        InputFormat::json_lines, "feed.jsonl");
    REQUIRE(result.skips.empty());
    REQUIRE(result.articles.size() == 3);
    CHECK(result.articles[0].id == "bbc/tech/1");
    CHECK(result.articles[0].source == "BBC News");
    CHECK(result.articles[0].tags == std::vector<std::string>{"tech"});
    CHECK(result.articles[1].id == "https://x.example/2");
    CHECK(result.articles[1].body == "B2");
    CHECK(result.articles[1].date->iso() == "2020");
    CHECK(result.articles[1].authors == std::vector<std::string>{"A", "B"});
    CHECK(result.articles[2].id == "feed.jsonl:4");
    CHECK(result.articles[2].title == "T3");
    CHECK(result.articles[2].tags == std::vector<std::string>{"x", "y"});
    CHECK(result.articles[2].authors == std::vector<std::string>{"C", "D"});
}

TEST_CASE("a malformed line is skipped with its line number and the rest is read") {
    const auto result = ingest_text(
        "{\"title\": \"good 1\"}\n{\"title\": \"broken\n[1, 2]\n{\"title\": \"\"}\n"
        "{\"title\": \"bad date\", \"date\": \"someday\"}\n{\"title\": \"good 2\"}\n",
        InputFormat::json_lines, "f.jsonl");
    REQUIRE(result.articles.size() == 2);
    CHECK(result.articles[1].title == "good 2");
    REQUIRE(result.skips.size() == 4);
    CHECK(result.skips[0].starts_with("f.jsonl:2: malformed JSON"));
    CHECK(result.skips[1] == "f.jsonl:3: not a JSON object");
    CHECK(result.skips[2] == "f.jsonl:4: empty article (no title or body)");
    CHECK(result.skips[3] == "f.jsonl:5: unparsable date 'someday'");
}

TEST_CASE("invalid UTF-8 inside a JSON line is read as Latin-1, not rejected") {
    const auto result = ingest_text(
        "{\"title\": \"Price \xA3"
        "5\"}\n",
        InputFormat::json_lines, "f.jsonl");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title ==
          "Price \xC2\xA3"
          "5");
}
