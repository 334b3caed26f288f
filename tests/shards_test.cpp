/** @file
 *  @brief Sharded indexes: one stub over shard indexes that answers as one index,
 *  re-indexing in the shard that holds an article, and partial answers.
 */
#include "index_command.h"
#include "json_schema.h"
#include "search_command.h"
#include "test_support.h"

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <xapian.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using byline::test::run_index;
using byline::test::run_search;
using byline::test::TempDir;

namespace {

/// An article a file; `day` sets its date (a month of 2024 per 28 days). Bodies differ
/// in length, so that no two articles tie in score.
void write_article(const TempDir& dir, int n, int day, const std::string& words) {
    std::string filler;
    for (int i = 0; i < n; ++i) {
        filler += " and more";
    }
    dir.write(fmt::format("archive/a{:02}.txt", n),
              fmt::format("Title: Dispatch {0} on {1}\nDate: 2024-{2:02}-{3:02}\nId: story-{0}\n\n"
                          "Reporters filed note {0} about {1}{4}.\n",
                          n, words, 1 + day / 28, 1 + day % 28, filler));
}

void write_archive(const TempDir& dir) {
    for (int n = 0; n < 12; ++n) {
        write_article(dir, n, n * 20, n % 2 == 0 ? "widgets and gadgets" : "sprockets");
    }
}

Xapian::doccount articles_in(const std::filesystem::path& db) {
    return Xapian::Database(db.string()).get_doccount();
}

/// The shards (sub-folders) that hold the article with this id.
int shards_holding(const std::filesystem::path& index, const std::string& id) {
    int holding = 0;
    for (const auto& entry : std::filesystem::directory_iterator(index)) {
        if (entry.is_directory() && std::filesystem::exists(entry.path() / "XAPIANDB")) {
            const Xapian::Database shard(entry.path().string());
            holding += shard.term_exists("Q" + id) ? 1 : 0;
        }
    }
    return holding;
}

}  // namespace

TEST_CASE("a sharded index is one index to Xapian and byline-search", "[shards]") {
    TempDir dir;
    write_archive(dir);
    const auto archive = (dir.path() / "archive").string();
    const auto one = dir.path() / "one";
    const auto sharded = dir.path() / "sharded";
    REQUIRE(run_index({"--db", one.string(), archive}).status == byline::index_all_indexed);
    REQUIRE(run_index({"--db", sharded.string(), "--shards", "3", archive}).status ==
            byline::index_all_indexed);
    CHECK(articles_in(sharded) == 12);
    for (const auto* shard : {"shard-000", "shard-001", "shard-002"}) {
        CHECK(articles_in(sharded / shard) < 12);
    }
    const auto ranking = [](const std::filesystem::path& db, const std::string& query) {
        return run_search({"--db", db.string(), "--format", "tsv", "-n", "20", query}).out;
    };
    CHECK(ranking(sharded, "widgets") == ranking(one, "widgets"));
    CHECK(ranking(sharded, "sprockets") == ranking(one, "sprockets"));
    // Two --db naming the shards are the same index as their stub.
    const auto shards_by_name = run_search(
        {"--db", (sharded / "shard-000").string(), "--db", (sharded / "shard-001").string(), "--db",
         (sharded / "shard-002").string(), "--format", "tsv", "-n", "20", "widgets"});
    CHECK(shards_by_name.out == ranking(one, "widgets"));
}

TEST_CASE("a sharded index keeps its layout and refuses another", "[shards]") {
    TempDir dir;
    write_archive(dir);
    const auto archive = (dir.path() / "archive").string();
    const auto sharded = (dir.path() / "sharded").string();
    REQUIRE(run_index({"--db", sharded, "--shards", "3", archive}).status ==
            byline::index_all_indexed);
    const auto other = run_index({"--db", sharded, "--shards", "4", archive});
    CHECK(other.status == byline::index_failed);
    CHECK(other.err.find("sharded by id-hash 3, not id-hash 4") != std::string::npos);
    const auto one = (dir.path() / "one").string();
    REQUIRE(run_index({"--db", one, archive}).status == byline::index_all_indexed);
    const auto into_one = run_index({"--db", one, "--shard-by", "month", archive});
    CHECK(into_one.status == byline::index_failed);
    CHECK(into_one.err.find("holds an unsharded index") != std::string::npos);
}

TEST_CASE("re-indexing a sharded index updates each article in its shard", "[shards]") {
    TempDir dir;
    write_archive(dir);
    const auto archive = (dir.path() / "archive").string();
    const auto index = dir.path() / "by-month";
    REQUIRE(run_index({"--db", index.string(), "--shard-by", "month", archive}).status ==
            byline::index_all_indexed);
    CHECK(articles_in(index) == 12);
    CHECK(std::filesystem::exists(index / "2024-01"));

    const auto again = run_index({"--db", index.string(), archive});
    CHECK(again.err.find("12 found, 0 indexed, 12 unchanged") != std::string::npos);

    // Story 3 gets new words and a date in a month no shard holds yet; story 5 is gone.
    write_article(dir, 3, 320, "turbines");
    std::filesystem::remove(dir.path() / "archive" / "a05.txt");
    const auto update = run_index({"--db", index.string(), "--prune", archive});
    CHECK(update.status == byline::index_all_indexed);
    CHECK(update.err.find("11 found, 1 indexed, 10 unchanged") != std::string::npos);
    CHECK(articles_in(index) == 11);
    CHECK(shards_holding(index, "story-3") == 1);
    CHECK(shards_holding(index, "story-5") == 0);
    CHECK(Xapian::Database((index / "2024-12").string()).term_exists("Qstory-3"));
    CHECK(run_search({"--db", index.string(), "--format", "ids", "turbines"}).out == "story-3\n");
    // The shard made by this run knows the files the others know: nothing to re-read.
    const auto last = run_index({"--db", index.string(), archive});
    CHECK(last.err.find("11 found, 0 indexed, 11 unchanged") != std::string::npos);
}

TEST_CASE("a shard that cannot be reached fails the search or with --partial is named",
          "[shards]") {
    TempDir dir;
    write_archive(dir);
    const auto archive = (dir.path() / "archive").string();
    const auto index = (dir.path() / "index").string();
    REQUIRE(run_index({"--db", index, archive}).status == byline::index_all_indexed);
    // Nothing listens on port 1: the connection is refused at once.
    const auto stub =
        dir.write("remote.stub", fmt::format("auto {}\nremote :127.0.0.1:1\n", index));

    const auto failed = run_search({"--db", stub.string(), "widgets"});
    CHECK(failed.status == byline::search_failed);
    CHECK(failed.out.empty());
    CHECK(failed.err.find("cannot reach shard tcp://127.0.0.1:1") != std::string::npos);

    const auto partial =
        run_search({"--db", stub.string(), "--partial", "--format", "json", "widgets"});
    CHECK(partial.status == byline::search_hits);
    CHECK(partial.err.find("partial results: shard tcp://127.0.0.1:1 left out") !=
          std::string::npos);
    const auto answer = nlohmann::json::parse(partial.out);
    CHECK(byline::test::schema_errors(byline::test::output_format_schema(), "/$defs/answer",
                                      answer) == std::vector<std::string>{});
    CHECK(answer["missing_shards"][0]["shard"] == "tcp://127.0.0.1:1");
    CHECK(answer["hits"].size() == 6);

    const auto lines = byline::test::lines_of(
        run_search({"--db", stub.string(), "--partial", "--format", "jsonl", "widgets"}).out);
    REQUIRE(lines.size() == 7);
    CHECK(byline::test::schema_errors(byline::test::output_format_schema(),
                                      "/$defs/jsonl_missing_shards",
                                      nlohmann::json::parse(lines[0]))
              .empty());
    const auto count =
        run_search({"--db", stub.string(), "--partial", "--count", "--format", "json", "widgets"});
    CHECK(byline::test::schema_errors(byline::test::output_format_schema(), "/$defs/count",
                                      nlohmann::json::parse(count.out))
              .empty());
    CHECK(count.out.find("\"missing_shards\"") != std::string::npos);

    // Every shard down: an error even with --partial.
    const auto none = run_search({"--db", "tcp://127.0.0.1:1", "--partial", "widgets"});
    CHECK(none.status == byline::search_failed);
    CHECK(none.err.find("no shard could be opened") != std::string::npos);
}

TEST_CASE("the shard-by option: year puts each year's articles in a shard of its own", "[shards]") {
    TempDir dir;
    dir.write("archive/a.txt", "Title: Canal locks reopen\nDate: 2022-04-02\n\nBoats pass.\n");
    dir.write("archive/b.txt", "Title: Canal tolls rise\nDate: 2023-01-15\n\nBoats pay.\n");
    dir.write("archive/c.txt", "Title: Canal dredged\nDate: 2023-11-30\n\nBoats float.\n");
    dir.write("archive/d.txt", "Title: Canal history told\n\nBoats remembered.\n");
    const auto index = dir.path() / "by-year";
    const auto indexed = run_index(
        {"--db", index.string(), "--shard-by", "year", (dir.path() / "archive").string()});
    CHECK(indexed.status == byline::index_all_indexed);
    CHECK(indexed.err.find("indexed 4 articles") != std::string::npos);
    CHECK(articles_in(index) == 4);
    CHECK(articles_in(index / "2022") == 1);
    CHECK(articles_in(index / "2023") == 2);
    CHECK(articles_in(index / "undated") == 1);
    CHECK_FALSE(std::filesystem::exists(index / "2023-01"));
    CHECK(byline::test::read_file(index / "byline-shards").starts_with("year"));
    const auto found = run_search({"--db", index.string(), "--format", "ids", "title:canal"});
    CHECK(found.status == byline::search_hits);
    CHECK(byline::test::lines_of(found.out).size() == 4);
}

TEST_CASE("a server that accepts and never answers fails the search after --timeout", "[shards]") {
    // A socket that listens and is never read: the kernel completes the connection, and
    // the searcher then waits for a greeting that never comes.
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listener >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(listen(listener, 8) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    const auto shard = fmt::format("tcp://127.0.0.1:{}", ntohs(address.sin_port));

    // The real program, killed if it outlives the bound: the test must not hang.
    const auto result = byline::test::run_program(
        {BYLINE_SEARCH_PROGRAM, "--db", shard, "--timeout", "1", "widgets"},
        std::chrono::seconds(30));
    close(listener);
    REQUIRE_FALSE(result.timed_out);
    CHECK(result.status == byline::search_failed);
    CHECK(result.out.empty());
    CHECK(result.err.find("cannot reach shard " + shard) != std::string::npos);
    // Well before the default of 10 s: the option, not the default, ended the wait.
    CHECK(result.elapsed.count() < 8);
}
