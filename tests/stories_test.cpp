/** @file
 *  @brief Stories across outlets: three outlets' reports of one event are one story,
 *  shown once with "+2 sources", listed by story:ID, --stories and --like, and the
 *  same whatever the threads, shards and runs that indexed them.
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

const auto fixtures = std::filesystem::path(BYLINE_SOURCE_DIR) / "tests" / "fixtures" / "stories";
/// The sample archive goes in too: a story is told apart from an archive of others.
const auto sample = std::filesystem::path(BYLINE_SOURCE_DIR) / "corpora" / "sample";

/// The three reports of the tram line's opening, by the last part of their URLs.
const std::vector<std::string> tram_reports = {
    "portvale-driverless-tram", "harbourline-portvale-launch", "portvale-trams-first-riders"};

std::string index_first_run(const byline::test::TempDir& dir, const std::string& name,
                            std::vector<std::string> options = {}) {
    const auto db = (dir.path() / name).string();
    std::vector<std::string> args = {"--db", db};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(sample.string());
    args.push_back((fixtures / "first_run").string());
    const auto indexed = byline::test::run_index(args);
    REQUIRE(indexed.status == 0);
    return db;
}

}  // namespace

TEST_CASE("three outlets' reports of one event are one story, shown once with +2 sources") {
    byline::test::TempDir dir;
    const auto db = index_first_run(dir, "index");
    const auto stories = byline::test::values_by_id(db, byline::slot_story);
    const auto& story = stories.at(tram_reports[0]);
    for (const auto& report : tram_reports) {
        CAPTURE(report);
        CHECK(stories.at(report) == story);
    }
    // Another event the same day, and the same words two years before, are not it.
    CHECK(stories.at("lumen-robotics-recall") != story);
    CHECK(stories.at("portvale-council-tram-vote") != story);

    const auto text =
        byline::test::run_search({"--db", db, "--color", "never", "driverless tram Portvale"});
    REQUIRE(text.status == byline::search_hits);
    CHECK(text.out.find("+2 sources: ") != std::string::npos);
    const auto answer = json::parse(
        byline::test::run_search({"--db", db, "--format", "json", "driverless tram Portvale"}).out);
    const auto& hits = answer["hits"];
    REQUIRE(hits.size() == 2);  // The story, and the council's vote of 2022.
    const auto& hit = hits[0]["story"] == story ? hits[0] : hits[1];
    CHECK(hit["story"] == story);
    CHECK(hit["story_articles"] == 2);
    CHECK(hit["sources"].size() == 2);
    CHECK(hit["copies"] == 0);
    CHECK(hits[0]["story"] != hits[1]["story"]);

    const auto all = byline::test::run_search(
        {"--db", db, "--format", "ids", "--all", "driverless tram Portvale"});
    CHECK(byline::test::lines_of(all.out).size() == 4);

    // story:ID: the story as it unfolded, every article, oldest first.
    const auto unfolded =
        byline::test::run_search({"--db", db, "--format", "jsonl", "story:" + story});
    REQUIRE(unfolded.status == byline::search_hits);
    std::vector<std::string> dates;
    for (const auto& line : byline::test::lines_of(unfolded.out)) {
        dates.push_back(json::parse(line)["date"]);
    }
    CHECK(dates == std::vector<std::string>{"2024-03-04T09:00:00Z", "2024-03-05T07:15:00Z",
                                            "2024-03-05T12:40:00Z"});
}

TEST_CASE("the stories option lists stories largest first, the like option its story first") {
    byline::test::TempDir dir;
    const auto db = index_first_run(dir, "index");
    const auto listed =
        byline::test::run_search({"--db", db, "--stories", "--format", "jsonl", "Portvale"});
    REQUIRE(listed.status == byline::search_hits);
    const auto lines = byline::test::lines_of(listed.out);
    REQUIRE(lines.size() == 2);
    const auto story = json::parse(lines[0]);
    CHECK(story["articles"] == 3);
    CHECK(story["sources"] ==
          json::array({"Harbour Gazette", "Metro Ledger", "Coastal Wire"}));  // First report first.
    CHECK(story["first"] == "2024-03-04T09:00:00Z");
    CHECK(story["last"] == "2024-03-05T12:40:00Z");
    CHECK(story["title"] == "Portvale opens its driverless tram line to passengers");
    REQUIRE(story["members"].size() == 3);
    CHECK(story["members"][0]["url"] ==
          "https://harbourgazette.example/2024/03/04/portvale-driverless-tram");
    CHECK(json::parse(lines[1])["articles"] == 1);

    const auto everything =
        byline::test::run_search({"--db", db, "--stories", "--format", "ids", "-n", "1000", "*"});
    // 42 sample articles and 5 of the fixture, the three reports one story.
    CHECK(byline::test::lines_of(everything.out).size() == 45);
    const auto none = byline::test::run_search({"--db", db, "--stories", "zzyzzqx"});
    CHECK(none.status == byline::search_no_hits);

    const auto like = byline::test::run_search(
        {"--db", db, "--like", "https://harbourgazette.example/2024/03/04/portvale-driverless-tram",
         "--format", "jsonl", "-n", "5"});
    REQUIRE(like.status == byline::search_hits);
    const auto related = byline::test::lines_of(like.out);
    REQUIRE(related.size() >= 3);
    CHECK(json::parse(related[0])["relation"] == "same_story");
    CHECK(json::parse(related[0])["source"] == "Metro Ledger");
    CHECK(json::parse(related[1])["relation"] == "same_story");
    CHECK(json::parse(related[1])["source"] == "Coastal Wire");
    CHECK(json::parse(related[2])["relation"] == "related");
    CHECK(json::parse(related[2])["title"] ==
          "Portvale council approves plan for a driverless tram line");
    const auto unknown = byline::test::run_search({"--db", db, "--like", "no-such-article"});
    CHECK(unknown.status == byline::search_no_hits);
    CHECK(unknown.err.find("no article with id 'no-such-article'") != std::string::npos);
}

TEST_CASE("a report read in a later run joins the stored story") {
    byline::test::TempDir dir;
    const auto db = index_first_run(dir, "index");
    const auto later = byline::test::run_index({"--db", db, (fixtures / "later_run").string()});
    REQUIRE(later.status == 0);
    CHECK(later.err.find("1 joined another outlet's story") != std::string::npos);
    const auto stories = byline::test::values_by_id(db, byline::slot_story);
    CHECK(stories.at("driverless-trams-week-one") == stories.at(tram_reports[0]));
}

TEST_CASE("the stories are the same with one thread, two, and over three shards") {
    byline::test::TempDir dir;
    const auto one = byline::test::values_by_id(index_first_run(dir, "one", {"--jobs", "1"}),
                                                byline::slot_story);
    const auto two = byline::test::values_by_id(index_first_run(dir, "two", {"--jobs", "2"}),
                                                byline::slot_story);
    const auto sharded = byline::test::values_by_id(
        index_first_run(dir, "sharded", {"--shards", "3"}), byline::slot_story);
    CHECK(one.size() == 47);
    CHECK(two == one);
    CHECK(sharded == one);
}
