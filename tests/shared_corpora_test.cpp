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
    const auto shared = byline::test::shared_corpora();
    if (!shared) {
        WARN("skipped: ../shared/corpora is not beside the checkout");
        return;
    }
    byline::test::TempDir dir;
    const auto db = (dir.path() / "index").string();
    const auto seed = *shared / "techovedas-seed" / "sutskever-leaves-openai.txt";
    const auto indexed = byline::test::run_index(
        {"--db", db, seed.string(), (*shared / "bbc-news" / "articles.jsonl").string(),
         (*shared / "ai-tech-articles" / "articles.jsonl").string()});
    REQUIRE(indexed.status == 0);
    CHECK(Xapian::Database(db).get_doccount() == 3485);

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
