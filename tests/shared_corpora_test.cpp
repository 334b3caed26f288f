/** @file
 *  @brief The real corpora in ../shared: the seed article among 3,485 others.
 *
 *  Needs ../shared/corpora beside the checkout; skips with a message without it.
 */
#include "search_command.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <xapian.h>

TEST_CASE("the seed article ranks first for 'Sutskever safety' among bbc-news and ai-tech") {
    const auto shared = byline::test::shared_corpora_or_skip();
    if (!shared) {
        return;
    }
    byline::test::TempDir dir;
    const auto db = (dir.path() / "index").string();
    const auto seed = *shared / "techovedas-seed" / "sutskever-leaves-openai.txt";
    const auto indexed = byline::test::run_index(
        {"--db", db, seed.string(), (*shared / "bbc-news" / "articles.jsonl").string(),
         (*shared / "ai-tech-articles" / "articles.jsonl").string()});
    REQUIRE(indexed.status == 0);
    // bbc-news holds some stories twice, word for word: every record is an article,
    // the copies recognised as such.
    CHECK(indexed.err.find("indexed 3485 articles") != std::string::npos);
    const auto copies = indexed.err.find(" copies of other articles");
    REQUIRE(copies != std::string::npos);
    const auto count_start = indexed.err.rfind(' ', copies - 1) + 1;
    CHECK(std::stoul(indexed.err.substr(count_start, copies - count_start)) > 0);
    CHECK(Xapian::Database(db).get_doccount() == 3485);
    const auto info = byline::test::run_search({"--db", db, "--info"});
    CHECK(info.out.find("Articles:     3485\n") != std::string::npos);

    const auto result =
        byline::test::run_search({"--db", db, "--format", "jsonl", "Sutskever safety"});
    REQUIRE(result.status == byline::search_hits);
    const auto lines = byline::test::lines_of(result.out);
    REQUIRE_FALSE(lines.empty());
    for (const auto& line : lines) {
        CHECK_NOTHROW(nlohmann::json::parse(line));
    }
    CHECK(nlohmann::json::parse(lines.front())["id"] == seed.string());
}
