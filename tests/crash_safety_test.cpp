/** @file
 *  @brief The real byline-index killed part-way and searched while it writes: the index
 *  stays at its last commit, a re-run completes it, searches never fail.
 */
#include "test_support.h"

#include <byline/error.h>
#include <byline/searcher.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <xapian.h>

#include <chrono>
#include <csignal>
#include <thread>

#include <sys/wait.h>

using byline::test::TempDir;

namespace {

constexpr int files = 150;
constexpr int per_file = 10;

/// `files` JSON Lines files of `per_file` distinct articles each.
void write_archive(const TempDir& dir) {
    for (int f = 0; f < files; ++f) {
        std::string text;
        for (int a = 0; a < per_file; ++a) {
            text += fmt::format(
                R"({{"id": "f{0}-a{1}", "title": "Bulletin {1} in batch {0}", "body": "Harbour cranes moved {1} containers in batch {0}; dockworkers said the tides were kind."}})"
                "\n",
                f, a);
        }
        dir.write(fmt::format("archive/part-{:03}.jsonl", f), text);
    }
}

int wait_for(pid_t pid) {
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    return status;
}

/// The document count, or nothing when the index cannot be opened at this instant.
std::optional<Xapian::doccount> count_now(const std::string& db) {
    try {
        return Xapian::Database(db).get_doccount();
    } catch (const Xapian::Error&) {
        return std::nullopt;
    }
}

/// Polls until the index holds more than `count` articles; false after 30 s.
bool wait_for_more_than(const std::string& db, Xapian::doccount count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        if (count_now(db).value_or(0) > count) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
}

/// Every file's articles are all in the index or none are; returns the files in.
int whole_files_indexed(const Xapian::Database& index) {
    int complete = 0;
    for (int f = 0; f < files; ++f) {
        int present = 0;
        for (int a = 0; a < per_file; ++a) {
            const auto term = fmt::format("Qf{}-a{}", f, a);
            CHECK(index.get_termfreq(term) <= 1);
            present += index.get_termfreq(term) > 0 ? 1 : 0;
        }
        INFO("file " << f);
        CHECK((present == 0 || present == per_file));
        complete += present == per_file ? 1 : 0;
    }
    return complete;
}

/// The indexer died of the SIGKILL, before it could finish: a run that ended first would
/// have exited normally and printed its summary line.
void require_killed_before_the_end(int status, const std::filesystem::path& log) {
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    const auto printed = byline::test::read_file(log);
    INFO("stderr: " << printed);
    CHECK(printed.find("indexed") == std::string::npos);
}

}  // namespace

TEST_CASE("an indexer killed with SIGKILL leaves the index at its last commit") {
    TempDir dir;
    write_archive(dir);
    const auto db = (dir.path() / "index").string();
    const auto archive = (dir.path() / "archive").string();
    // An index that holds articles is updated in place and committed in batches.
    dir.write("first/note.txt", "Title: Opening note\n\nThe first article of the index.\n");
    REQUIRE(byline::test::run_index({"--db", db, (dir.path() / "first").string()}).status == 0);

    const auto log = dir.path() / "stderr.txt";
    const auto pid = byline::test::spawn_index({"--db", db, "--commit-every", "10", archive}, log);
    // Under way: three files committed, and the run not over.
    const bool committed_some = wait_for_more_than(db, 1 + 3 * per_file);
    kill(pid, SIGKILL);
    const auto status = wait_for(pid);
    REQUIRE(committed_some);
    require_killed_before_the_end(status, log);

    const Xapian::Database index(db);
    const auto count = index.get_doccount();
    const auto complete = whole_files_indexed(index);
    CHECK(count == 1 + static_cast<Xapian::doccount>(complete * per_file));
    CHECK(complete < files);

    const auto rerun = byline::test::run_index({"--db", db, archive});
    CHECK(rerun.status == 0);
    const Xapian::Database finished(db);
    CHECK(finished.get_doccount() == 1 + files * per_file);
    CHECK(whole_files_indexed(finished) == files);
}

TEST_CASE("a full build killed with SIGKILL leaves an index that opens and a re-run completes") {
    TempDir dir;
    write_archive(dir);
    const auto db = (dir.path() / "index").string();
    const auto archive = (dir.path() / "archive").string();
    const auto log = dir.path() / "stderr.txt";
    const auto pid = byline::test::spawn_index({"--db", db, archive}, log);
    // Kill it while its shards are being written: the scratch folder is there (the build
    // started) and the index holds nothing yet (it has not published).
    const auto scratch = dir.path() / "index" / "scratch";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    bool under_way = false;
    while (std::chrono::steady_clock::now() < deadline) {
        std::error_code error;
        if (std::filesystem::exists(scratch, error) && count_now(db).value_or(0) == 0) {
            under_way = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kill(pid, SIGKILL);
    const auto status = wait_for(pid);
    REQUIRE(under_way);
    require_killed_before_the_end(status, log);

    const Xapian::Database index(db);
    // A full build publishes all at once: the index is empty or complete, never between.
    const auto count = index.get_doccount();
    CHECK((count == 0 || count == files * per_file));
    CHECK(whole_files_indexed(index) == static_cast<int>(count / per_file));
    CHECK(byline::test::run_index({"--db", db, archive}).status == 0);
    CHECK(Xapian::Database(db).get_doccount() == files * per_file);
    CHECK(whole_files_indexed(Xapian::Database(db)) == files);
}

TEST_CASE("searches running while the indexer writes all succeed") {
    TempDir dir;
    write_archive(dir);
    const auto db = (dir.path() / "index").string();
    REQUIRE(byline::test::run_index({"--db", db, byline::test::sample_archive().string()}).status ==
            0);
    const auto sample_count = Xapian::Database(db).get_doccount();

    // Three commits while the searches run. (A Xapian reader must reopen when two commits
    // overtake one search; Searcher tries three times, which commits every few articles
    // on a slow machine can defeat: a real run commits every 5000.)
    const auto pid = byline::test::spawn_index(
        {"--db", db, "--commit-every", "500", (dir.path() / "archive").string()});
    byline::Searcher long_lived(db);
    int searches = 0;
    int status = 0;
    std::vector<std::string> failures;
    while (true) {
        const bool finished = waitpid(pid, &status, WNOHANG) == pid;
        try {
            // One searcher kept open across the indexer's commits, as a server keeps it.
            const auto cranes = long_lived.search(byline::test::request_for("harbour cranes"));
            const auto sample = long_lived.search(byline::test::request_for("Sutskever safety"));
            if (sample.hits.empty()) {
                failures.emplace_back("the sample article is missing");
            }
            CHECK(cranes.estimated_matches <= files * per_file);
            ++searches;
        } catch (const byline::Error& e) {
            failures.emplace_back(e.what());
        }
        if (finished) {
            break;
        }
    }
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    INFO("searches: " << searches);
    INFO("failures: " << (failures.empty() ? std::string() : failures.front()));
    CHECK(failures.empty());
    CHECK(searches > 1);
    CHECK(Xapian::Database(db).get_doccount() == sample_count + files * per_file);
}
