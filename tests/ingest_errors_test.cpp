/** @file
 *  @brief byline-index on mixed and broken input: FILE:LINE: REASON, exit status 1, every
 *  good record indexed and searchable by source and tag whatever its format.
 */
#include "index_command.h"
#include "search_command.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <xapian.h>

#include <filesystem>

using byline::test::ingest_fixture;
using byline::test::read_file;
using byline::test::run_index;
using byline::test::run_search;
using byline::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The titles of every hit for a query, in rank order.
std::vector<std::string> titles_for(const std::string& db, const std::string& query) {
    const auto result = run_search({"--db", db, "--format", "jsonl", "-n", "50", query});
    std::vector<std::string> titles;
    for (const auto& line : byline::test::lines_of(result.out)) {
        titles.push_back(nlohmann::json::parse(line)["title"].get<std::string>());
    }
    std::sort(titles.begin(), titles.end());
    return titles;
}

}  // namespace

TEST_CASE("a bad JSON line and a broken CSV row and a binary file are skipped and reported",
          "[ingest][cli]") {
    TempDir dir;
    const auto archive = dir.path() / "archive";
    std::filesystem::create_directories(archive);
    std::filesystem::copy(ingest_fixture("articles.jsonl"), archive / "lines.jsonl");
    std::filesystem::copy(ingest_fixture("articles.csv"), archive / "rows.csv");
    dir.write("archive/photo.txt", std::string("Title: no\n\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 26));
    const auto db = (dir.path() / "index").string();
    const auto result = run_index({"--db", db, "--field", "source=Outlet", archive.string()});
    CHECK(result.status == byline::index_some_skipped);
    const auto where = archive.string() + "/";
    CHECK(contains(result.err, where + "lines.jsonl:2: malformed JSON"));
    CHECK(contains(result.err, where + "rows.csv:3: broken row: 5 columns where the header has 7"));
    CHECK(contains(result.err, where + "photo.txt:4: binary data, not an article"));
    CHECK(contains(result.err, "indexed 4 articles (2 JSON Lines, 2 CSV)"));
    CHECK(contains(result.err, "skipped 3 (1 binary, 2 malformed)"));
    CHECK(Xapian::Database(db).get_doccount() == 4);
}

TEST_CASE("source and tag filters work on articles from every format", "[ingest][cli]") {
    TempDir dir;
    const auto archive = dir.path() / "archive";
    std::filesystem::create_directories(archive);
    for (const auto* name : {"page.html", "feed.rss", "feed.atom", "archive.warc", "articles.json",
                             "articles.tsv", "articles.csv", "articles.jsonl"}) {
        std::filesystem::copy(ingest_fixture(name), archive / name);
    }
    std::filesystem::copy(byline::test::sample_archive() / "2024-05-15-sutskever-leaves-openai.txt",
                          archive / "sutskever.txt");
    // A feed under a name that says nothing: read only when named with its format.
    const auto copy = dir.write("archive/feed-copy.dat", read_file(ingest_fixture("feed.rss")));
    const auto db = (dir.path() / "index").string();
    const auto forced = run_index({"--db", db, "--input-format", "rss", copy.string()});
    CHECK(forced.status == byline::index_some_skipped);  // the feed's two bad items
    CHECK(contains(forced.err, "indexed 2 articles (2 RSS)"));
    // The CSV file's own column names; the other files keep their common names.
    const auto all = run_index(
        {"--db", db, "--field", "source=Outlet", "--field", "tags=Topics", archive.string()});
    CHECK(all.status == byline::index_some_skipped);
    CHECK(contains(all.err,
                   "indexed 15 articles (1 article text, 2 JSON Lines, 2 JSON, 2 CSV, 1 TSV, "
                   "1 HTML, 2 RSS, 2 Atom, 2 WARC)"));

    using Titles = std::vector<std::string>;
    CHECK(titles_for(db, "source:\"the silicon wire\"") ==
          Titles{"Chipmakers race to stack memory higher"});
    CHECK(titles_for(db, "tag:chips") == Titles{"Chipmakers race to stack memory higher"});
    CHECK(titles_for(db, "source:\"circuit ledger\" tag:security") ==
          Titles{"AT&T tests quantum-safe keys on fibre"});
    CHECK(titles_for(db, "tag:launches") == Titles{"Reusable boosters fly a twentieth time"});
    CHECK(titles_for(db, "source:\"orbit notes\"") ==
          Titles{"Cubesat radios go optical", "Reusable boosters fly a twentieth time",
                 "Satellite makers shrink their dishes"});
    CHECK(titles_for(db, "source:gridnews.example") ==
          Titles{"Solar farms learn to share the grid"});
    CHECK(titles_for(db, "tag:gpus source:\"compute post\"") ==
          Titles{"Startups rent out idle graphics cards"});
    CHECK(titles_for(db, "tag:printing source:\"office tech\"") ==
          Titles{"Printers that fix themselves"});
    CHECK(titles_for(db, "tag:hydrogen source:\"transit today\"") ==
          Titles{"Rail line trials hydrogen trains"});
    CHECK(titles_for(db, "tag:storage source:\"grid news\"") ==
          Titles{"Battery plant opens beside a wind farm"});
    CHECK(titles_for(db, "tag:openai source:\"circuit ledger\"") ==
          Titles{"Sutskever leaves OpenAI as safety and speed pull apart"});
}

TEST_CASE("bad --field and --input-format values are usage errors", "[ingest][cli]") {
    TempDir dir;
    const auto db = (dir.path() / "index").string();
    const auto file = dir.write("a.txt", "Title: T\n\nB\n").string();
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"--db", db, "--field", "headline", file},
                                               {"--db", db, "--field", "colour=red", file},
                                               {"--db", db, "--input-format", "pdf", file}}) {
        const auto result = run_index(args);
        CHECK(result.status == byline::index_failed);
        CHECK(byline::test::lines_of(result.err).size() == 1);
    }
}
