/** @file
 *  @brief byline-index end to end, in-process: counts, re-indexing, errors, exit codes,
 *  --version, --jobs and where the index lives by default.
 */
#include "index_command.h"
#include "test_support.h"

#include <byline/version.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <xapian.h>

#include <cstdlib>
#include <map>
#include <optional>

using byline::test::run_index;
using byline::test::TempDir;

using byline::test::ScopedEnv;

namespace {

/// Each article's terms with their within-document frequencies, and its stored record,
/// by unique id: what an index holds, whatever document numbers it gave.
std::map<std::string, std::pair<std::map<std::string, Xapian::termcount>, std::string>>
documents_by_id(const std::string& db) {
    const Xapian::Database index(db);
    std::map<std::string, std::pair<std::map<std::string, Xapian::termcount>, std::string>>
        documents;
    for (auto id = index.allterms_begin("Q"); id != index.allterms_end("Q"); ++id) {
        const auto docid = *index.postlist_begin(*id);
        std::map<std::string, Xapian::termcount> terms;
        for (auto term = index.termlist_begin(docid); term != index.termlist_end(docid); ++term) {
            terms.emplace(*term, term.get_wdf());
        }
        documents.emplace(*id,
                          std::make_pair(std::move(terms), index.get_document(docid).get_data()));
    }
    return documents;
}

}  // namespace

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

TEST_CASE("byline-index --version prints the program, its version and Xapian's and exits 0") {
    const auto result = run_index({"--version"});
    CHECK(result.status == byline::index_all_indexed);
    CHECK(result.out ==
          fmt::format("byline-index {} (Xapian {})\n", byline::version, Xapian::version_string()));
    CHECK(result.err.empty());
}

TEST_CASE("the jobs option builds the same index with one thread as with three") {
    TempDir dir;
    const auto archive = byline::test::sample_archive().string();
    const auto one = (dir.path() / "one").string();
    const auto three = (dir.path() / "three").string();
    const auto with_one = run_index({"--db", one, "--jobs", "1", archive});
    const auto with_three = run_index({"--db", three, "--jobs", "3", archive});
    CHECK(with_one.status == byline::index_all_indexed);
    CHECK(with_three.status == byline::index_all_indexed);
    CHECK(with_one.err.find("indexed 42 articles") != std::string::npos);
    CHECK(with_three.err.find("indexed 42 articles") != std::string::npos);
    const auto documents = documents_by_id(one);
    CHECK(documents.size() == 42);
    CHECK(documents_by_id(three) == documents);
}

TEST_CASE("without --db the index is BYLINE_DB, else under XDG_DATA_HOME, else under HOME") {
    TempDir dir;
    const auto archive = dir.write("news/a.txt",
                                   "Title: Lighthouse keepers return\n\nThe lamp "
                                   "is tended by hand again.\n")
                             .parent_path()
                             .string();
    const auto where_indexed = [&](const std::optional<std::string>& byline_db,
                                   const std::optional<std::string>& xdg,
                                   const std::optional<std::string>& home) {
        const ScopedEnv db_env("BYLINE_DB", byline_db);
        const ScopedEnv xdg_env("XDG_DATA_HOME", xdg);
        const ScopedEnv home_env("HOME", home);
        const auto indexed = run_index({archive});
        CHECK(indexed.status == byline::index_all_indexed);
        // The search finds the index by the same rule.
        const auto found = byline::test::run_search({"--format", "ids", "lighthouse"});
        CHECK(found.status == 0);
        CHECK(found.out == (dir.path() / "news" / "a.txt").string() + "\n");
        return indexed.err;
    };
    const auto env_db = (dir.path() / "env-db").string();
    const auto xdg = (dir.path() / "xdg").string();
    const auto home = (dir.path() / "home").string();
    CHECK(where_indexed(env_db, xdg, home).find("the index at " + env_db + " holds 1") !=
          std::string::npos);
    // An empty variable counts as unset.
    CHECK(where_indexed("", xdg, home).find("the index at " + xdg + "/byline/index holds 1") !=
          std::string::npos);
    CHECK(where_indexed(std::nullopt, std::nullopt, home)
              .find("the index at " + home + "/.local/share/byline/index holds 1") !=
          std::string::npos);
    for (const auto* index : {"env-db", "xdg/byline/index", "home/.local/share/byline/index"}) {
        CAPTURE(index);
        CHECK(Xapian::Database((dir.path() / index).string()).get_doccount() == 1);
    }

    const ScopedEnv db_env("BYLINE_DB", std::nullopt);
    const ScopedEnv xdg_env("XDG_DATA_HOME", std::nullopt);
    const ScopedEnv home_env("HOME", std::nullopt);
    const auto nowhere = run_index({archive});
    CHECK(nowhere.status == byline::index_failed);
    CHECK(nowhere.out.empty());
    CHECK(nowhere.err == "byline-index: no index location: give --db DIR or set BYLINE_DB\n");
}
