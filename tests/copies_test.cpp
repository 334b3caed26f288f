/** @file
 *  @brief Copies of a story: each is an article of its own, found by its own fields, and
 *  a search shows the story once, naming where else it ran.
 */
#include "search_command.h"
#include "test_support.h"

#include <byline/fields.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <xapian.h>

#include <filesystem>
#include <map>

using nlohmann::json;

namespace {

/// Long enough (over min_story_words) for near-copies to be looked for.
const std::string wire_body =
    "The chipmaker raised its full-year revenue forecast on Wednesday after demand for "
    "data-centre processors outran supply for a third quarter in a row, and said it would "
    "spend more on new fabrication lines in two countries over the next two years.";

std::string wire_record(const std::string& id, const std::string& source, const std::string& url,
                        const std::string& date) {
    return json{{"id", id},          {"title", "Chipmaker raises forecast"},
                {"body", wire_body}, {"source", source},
                {"url", url},        {"date", date}}
        .dump();
}

const std::string reuters_copy =
    wire_record("wire-1", "Reuters", "https://reuters.example/a", "2024-05-01");
const std::string yahoo_copy =
    wire_record("wire-2", "Yahoo Finance", "https://yahoo.example/b", "2024-05-02");

}  // namespace

TEST_CASE("two copies of a wire story are two articles, shown as one hit with +1 copy") {
    byline::test::TempDir dir;
    const auto file = dir.write("wire.jsonl", reuters_copy + "\n" + yahoo_copy + "\n").string();
    const auto db = (dir.path() / "index").string();
    const auto indexed = byline::test::run_index({"--db", db, file});
    REQUIRE(indexed.status == 0);
    CHECK(indexed.err.find("1 copy of another article") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 2);

    // Each is found by its own fields.
    const auto yahoo =
        byline::test::run_search({"--db", db, "--format", "jsonl", "source:\"yahoo finance\""});
    REQUIRE(yahoo.status == byline::search_hits);
    CHECK(json::parse(yahoo.out)["id"] == "wire-2");
    const auto by_date =
        byline::test::run_search({"--db", db, "--format", "jsonl", "date:2024-05-02"});
    REQUIRE(by_date.status == byline::search_hits);
    CHECK(json::parse(by_date.out)["id"] == "wire-2");
    const auto by_url = byline::test::run_search(
        {"--db", db, "--format", "jsonl", "url:reuters.example/a", "chipmaker"});
    REQUIRE(by_url.status == byline::search_hits);
    CHECK(json::parse(by_url.out)["id"] == "wire-1");
    const auto count = byline::test::run_search({"--db", db, "--count", "chipmaker"});
    CHECK(count.out == "2\n");
    const auto facets = byline::test::run_search(
        {"--db", db, "--format", "json", "--facet", "source", "chipmaker"});
    CHECK(json::parse(facets.out)["facets"]["source"]["counts"] ==
          json::array(
              {{{"value", "Reuters"}, {"count", 1}}, {{"value", "Yahoo Finance"}, {"count", 1}}}));

    // The default search shows the story once and says where else it ran.
    const auto text = byline::test::run_search({"--db", db, "--color", "never", "chipmaker"});
    REQUIRE(text.status == byline::search_hits);
    CHECK(text.out.find("+1 copy: Yahoo Finance 2024-05-02") != std::string::npos);
    CHECK(text.out.find("2. ") == std::string::npos);
    const auto listed = byline::test::run_search({"--db", db, "--format", "json", "chipmaker"});
    const auto hits = json::parse(listed.out)["hits"];
    REQUIRE(hits.size() == 1);
    CHECK(hits[0]["id"] == "wire-1");
    CHECK(hits[0]["copies"] == 1);
    CHECK(hits[0]["copy_articles"] == json::array({{{"id", "wire-2"},
                                                    {"title", "Chipmaker raises forecast"},
                                                    {"source", "Yahoo Finance"},
                                                    {"url", "https://yahoo.example/b"},
                                                    {"date", "2024-05-02"}}}));
    CHECK(hits[0]["story"].is_string());

    const auto all =
        byline::test::run_search({"--db", db, "--format", "jsonl", "--all", "chipmaker"});
    REQUIRE(all.status == byline::search_hits);
    CHECK(byline::test::lines_of(all.out).size() == 2);

    // Copies that fall into different shards are still one story.
    const auto sharded = (dir.path() / "sharded").string();
    REQUIRE(byline::test::run_index({"--db", sharded, "--shards", "3", file}).status == 0);
    int shards_holding_one = 0;
    for (const auto* shard : {"shard-000", "shard-001", "shard-002"}) {
        shards_holding_one +=
            Xapian::Database((std::filesystem::path(sharded) / shard).string()).get_doccount() == 1
                ? 1
                : 0;
    }
    REQUIRE(shards_holding_one == 2);
    const auto over_shards =
        byline::test::run_search({"--db", sharded, "--format", "json", "chipmaker"});
    const auto sharded_hits = json::parse(over_shards.out)["hits"];
    REQUIRE(sharded_hits.size() == 1);
    CHECK(sharded_hits[0]["copies"] == 1);
}

TEST_CASE("a copy read in a later run joins the stored article's story, and goes on its own") {
    byline::test::TempDir dir;
    dir.write("archive/a/reuters.jsonl", reuters_copy + "\n");
    dir.write("archive/b/yahoo.jsonl", yahoo_copy + "\n");
    const auto db = (dir.path() / "index").string();
    REQUIRE(byline::test::run_index({"--db", db, (dir.path() / "archive" / "a").string()}).status ==
            0);
    const auto later = byline::test::run_index({"--db", db, (dir.path() / "archive").string()});
    REQUIRE(later.status == 0);
    CHECK(later.err.find("1 copy of another article") != std::string::npos);
    for (const auto slot : {byline::slot_story, byline::slot_copy_group}) {
        const auto values = byline::test::values_by_id(db, slot);
        REQUIRE(values.size() == 2);
        CHECK(values.at("wire-1") == values.at("wire-2"));
    }

    // Pruned on its own: the copy's file goes, the other article stays.
    std::filesystem::remove(dir.path() / "archive" / "b" / "yahoo.jsonl");
    REQUIRE(byline::test::run_index({"--db", db, "--prune", (dir.path() / "archive").string()})
                .status == 0);
    const auto left = byline::test::run_search({"--db", db, "--format", "json", "chipmaker"});
    const auto hits = json::parse(left.out)["hits"];
    REQUIRE(hits.size() == 1);
    CHECK(hits[0]["id"] == "wire-1");
    CHECK(hits[0]["copies"] == 0);
}

TEST_CASE("near-copies share a copy group, which another outlet's report of the event is not in") {
    const auto fixtures =
        std::filesystem::path(BYLINE_SOURCE_DIR) / "tests" / "fixtures" / "near_copies";
    byline::test::TempDir dir;
    const auto db = (dir.path() / "index").string();
    const auto indexed = byline::test::run_index({"--db", db, fixtures.string()});
    REQUIRE(indexed.status == 0);
    const auto groups = byline::test::values_by_id(db, byline::slot_copy_group);
    REQUIRE(groups.size() == 7);
    const auto& group = groups.at("original.txt");
    CHECK_FALSE(group.empty());
    for (const auto* copy : {"headline_changed.txt", "paragraph_added.txt",
                             "last_paragraph_cut.txt", "site_boilerplate.txt"}) {
        CAPTURE(copy);
        CHECK(groups.at(copy) == group);
    }
    CHECK(groups.at("other_report.txt") != group);
    CHECK(groups.at("unrelated.txt") != group);
    CHECK(groups.at("unrelated.txt") != groups.at("other_report.txt"));

    // Whatever the number of threads, the same stories.
    byline::test::TempDir one_thread;
    const auto db1 = (one_thread.path() / "index").string();
    REQUIRE(byline::test::run_index({"--db", db1, "--jobs", "1", fixtures.string()}).status == 0);
    CHECK(byline::test::values_by_id(db1, byline::slot_copy_group) == groups);

    const auto text =
        byline::test::run_search({"--db", db, "--color", "never", "Glenmoor cooperative fibre"});
    REQUIRE(text.status == byline::search_hits);
    CHECK(text.out.find("+4 copies:") != std::string::npos);
}
