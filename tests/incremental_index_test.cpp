/** @file
 *  @brief Re-indexing: unchanged files passed over, changed ones replaced, gone ones
 *  pruned, identical articles stored once, one indexer at a time.
 */
#include "index_command.h"
#include "test_support.h"

#include <byline/index_writer.h>
#include <byline/searcher.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <xapian.h>

#include <chrono>
#include <thread>

using byline::test::run_index;
using byline::test::TempDir;

namespace {

/// A small archive of `files` JSON Lines files of `per_file` articles each.
void write_archive(const TempDir& dir, int files, int per_file) {
    for (int f = 0; f < files; ++f) {
        std::string text;
        for (int a = 0; a < per_file; ++a) {
            text += fmt::format(
                R"({{"id": "story-{}-{}", "title": "Dispatch {} of file {}", "body": "Reporters filed note {} from desk {} about widgets and gadgets."}})"
                "\n",
                f, a, a, f, a, f);
        }
        dir.write(fmt::format("archive/part-{:03}.jsonl", f), text);
    }
}

std::filesystem::path part(const TempDir& dir, int f) {
    return dir.path() / "archive" / fmt::format("part-{:03}.jsonl", f);
}

/// Moves a file's modification time forward, as an edit would.
void touch(const std::filesystem::path& file) {
    std::filesystem::last_write_time(
        file, std::filesystem::last_write_time(file) + std::chrono::seconds(5));
}

}  // namespace

TEST_CASE("re-running on an unchanged archive reads nothing and changes nothing") {
    TempDir dir;
    write_archive(dir, 12, 5);
    const auto db = (dir.path() / "index").string();
    const auto archive = (dir.path() / "archive").string();
    REQUIRE(run_index({"--db", db, archive}).status == byline::index_all_indexed);
    const auto revision = Xapian::Database(db).get_revision();
    CHECK(Xapian::Database(db).get_doccount() == 60);

    const auto again = run_index({"--db", db, archive});
    CHECK(again.status == byline::index_all_indexed);
    CHECK(again.err.find("(0.0 MB read); files: 12 found, 0 indexed, 12 unchanged") !=
          std::string::npos);
    CHECK(Xapian::Database(db).get_revision() == revision);
    CHECK(Xapian::Database(db).get_doccount() == 60);
}

TEST_CASE("changed files are re-indexed and touched ones with the same contents are not") {
    TempDir dir;
    write_archive(dir, 12, 5);
    const auto db = (dir.path() / "index").string();
    const auto archive = (dir.path() / "archive").string();
    REQUIRE(run_index({"--db", db, archive}).status == byline::index_all_indexed);

    // Three files edited (one loses an article), two only touched.
    for (const int f : {1, 4, 7}) {
        dir.write(
            fmt::format("archive/part-{:03}.jsonl", f),
            fmt::format(
                R"({{"id": "story-{0}-0", "title": "Revised dispatch {0}", "body": "Corrected text about sprockets."}})"
                "\n"
                R"({{"id": "story-{0}-1", "title": "Second revision {0}", "body": "More corrected text."}})"
                "\n",
                f));
        touch(part(dir, f));
    }
    touch(part(dir, 2));
    touch(part(dir, 3));
    const auto result = run_index({"--db", db, archive});
    CHECK(result.status == byline::index_all_indexed);
    CHECK(result.err.find("indexed 6 articles") != std::string::npos);
    CHECK(result.err.find("files: 12 found, 3 indexed, 7 unchanged, 2 touched with the same "
                          "contents") != std::string::npos);
    CHECK(result.err.find("9 deleted") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 60 - 3 * 5 + 3 * 2);

    byline::Searcher searcher(db);
    const auto response = searcher.search(byline::test::request_for("sprockets"));
    CHECK(response.estimated_matches == 3);
    CHECK(searcher.search(byline::test::request_for("\"Dispatch 3 of file 4\"")).hits.empty());

    // The touched files are now recorded with their new times: nothing is read again.
    CHECK(run_index({"--db", db, archive}).err.find("0 indexed, 12 unchanged") !=
          std::string::npos);
}

TEST_CASE("pruning deletes exactly the articles of files that are gone") {
    TempDir dir;
    write_archive(dir, 12, 5);
    const auto db = (dir.path() / "index").string();
    const auto archive = (dir.path() / "archive").string();
    REQUIRE(run_index({"--db", db, archive}).status == byline::index_all_indexed);
    std::filesystem::remove(part(dir, 0));
    std::filesystem::remove(part(dir, 11));

    // Without --prune, the articles stay.
    run_index({"--db", db, archive});
    CHECK(Xapian::Database(db).get_doccount() == 60);

    const auto pruned = run_index({"--db", db, "--prune", archive});
    CHECK(pruned.status == byline::index_all_indexed);
    CHECK(pruned.err.find("10 deleted (2 files gone)") != std::string::npos);
    const Xapian::Database index(db);
    CHECK(index.get_doccount() == 50);
    CHECK(index.get_termfreq("Qstory-0-0") == 0);
    CHECK(index.get_termfreq("Qstory-11-4") == 0);
    CHECK(index.get_termfreq("Qstory-5-2") == 1);
}

TEST_CASE("a second indexer is refused with a clear message while the first holds the index") {
    TempDir dir;
    write_archive(dir, 2, 2);
    const auto db = dir.path() / "index";
    {
        const byline::IndexWriter holder(db, byline::IndexOptions{});
        const auto refused = run_index({"--db", db.string(), (dir.path() / "archive").string()});
        CHECK(refused.status == byline::index_failed);
        CHECK(refused.err.find("is locked by another indexer") != std::string::npos);
    }
    const auto after = run_index({"--db", db.string(), (dir.path() / "archive").string()});
    CHECK(after.status == byline::index_all_indexed);
}

TEST_CASE("with the wait option an indexer waits for the indexer holding the index and then runs") {
    TempDir dir;
    write_archive(dir, 2, 2);
    const auto db = dir.path() / "index";
    auto holder = std::make_unique<byline::IndexWriter>(db, byline::IndexOptions{});
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        holder.reset();
    });
    const auto waited =
        run_index({"--db", db.string(), "--wait", (dir.path() / "archive").string()});
    release.join();
    CHECK(waited.status == byline::index_all_indexed);
    CHECK(waited.err.find("waiting for the indexer") != std::string::npos);
    CHECK(Xapian::Database(db.string()).get_doccount() == 4);
}

TEST_CASE("compaction rewrites the index and keeps every article searchable") {
    TempDir dir;
    write_archive(dir, 6, 5);
    const auto db = (dir.path() / "index").string();
    // An update in place (the index is not empty) leaves an index worth compacting.
    dir.write("first/one.txt", "Title: First\n\nThe first article.\n");
    REQUIRE(run_index({"--db", db, (dir.path() / "first").string()}).status == 0);
    REQUIRE(run_index({"--db", db, (dir.path() / "archive").string()}).status == 0);
    const auto compacted = run_index({"--db", db, "--compact"});
    CHECK(compacted.status == byline::index_all_indexed);
    CHECK(compacted.err.find("compacted the index") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 31);
    byline::Searcher searcher(db);
    CHECK(searcher.search(byline::test::request_for("widgets")).estimated_matches == 30);
    // The file states survive: nothing is read again.
    CHECK(run_index({"--db", db, (dir.path() / "archive").string()})
              .err.find("0 indexed, 6 unchanged") != std::string::npos);
}
