/** @file
 *  @brief byline-index end to end, in-process: counts, re-indexing, errors, exit codes.
 */
#include "index_command.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <xapian.h>

using byline::test::run_index;
using byline::test::TempDir;

TEST_CASE("indexing the sample archive twice leaves the document count unchanged") {
    TempDir dir;
    const auto db = (dir.path() / "index").string();
    const auto archive = byline::test::sample_archive().string();
    const auto first = run_index({"--db", db, archive});
    CHECK(first.status == byline::index_all_indexed);
    CHECK(first.out.empty());
    const auto count = Xapian::Database(db).get_doccount();
    CHECK(count >= 40);
    CHECK(first.err.find(std::to_string(count) + " articles") != std::string::npos);
    const auto second = run_index({"--db", db, archive});
    CHECK(second.status == byline::index_all_indexed);
    CHECK(Xapian::Database(db).get_doccount() == count);
}

TEST_CASE("skipped records are reported as file:line: reason and set exit status 1") {
    TempDir dir;
    dir.write("archive/good.txt", "Title: Good\n\nA fine article.\n");
    dir.write("archive/bad-date.txt", "Title: Bad\nDate: sometime\n\nBody.\n");
    dir.write("archive/feed.jsonl", "{\"title\": \"one\"}\n{oops\n{\"title\": \"two\"}\n");
    dir.write("archive/notes.md", "not an article format: passed over\n");
    dir.write("archive/.hidden.txt", "Title: Hidden\n\nNever read.\n");
    const auto db = (dir.path() / "index").string();
    const auto result = run_index({"--db", db, (dir.path() / "archive").string()});
    CHECK(result.status == byline::index_some_skipped);
    CHECK(result.err.find("bad-date.txt:2: unparsable date 'sometime'") != std::string::npos);
    CHECK(result.err.find("feed.jsonl:2: malformed JSON") != std::string::npos);
    CHECK(result.err.find("indexed 3 articles") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 3);
}

TEST_CASE("usage errors exit 2 with one line on stderr and nothing on stdout") {
    TempDir dir;
    const auto db = (dir.path() / "index").string();
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"--db", db},
                                               {"--db", db, "--no-such-option", "x"},
                                               {"--db", db, (dir.path() / "missing").string()}}) {
        const auto result = run_index(args);
        CHECK(result.status == byline::index_failed);
        CHECK(result.out.empty());
        CHECK(byline::test::lines_of(result.err).size() == 1);
        CHECK(result.err.starts_with("byline-index: "));
    }
}

TEST_CASE("help prints usage on stdout and exits 0") {
    const auto result = run_index({"--help"});
    CHECK(result.status == 0);
    CHECK(result.out.find("Usage: byline-index") != std::string::npos);
    CHECK(result.err.empty());
}

TEST_CASE("an index built in an earlier format is refused by both commands with a clear error") {
    TempDir dir;
    const auto db = (dir.path() / "index").string();
    const auto archive = byline::test::sample_archive().string();
    REQUIRE(run_index({"--db", db, archive}).status == byline::index_all_indexed);
    {
        // What an earlier Byline left: the same index without the format entry.
        Xapian::WritableDatabase writable(db);
        writable.set_metadata("byline.index_format", "");
        writable.commit();
    }
    const auto search = byline::test::run_search({"--db", db, "openai"});
    CHECK(search.status == 2);
    CHECK(search.err.find("built by an earlier version of Byline") != std::string::npos);
    const auto index = run_index({"--db", db, archive});
    CHECK(index.status == byline::index_failed);
    CHECK(index.err.find("built by an earlier version of Byline") != std::string::npos);
}
