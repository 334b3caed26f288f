/** @file
 *  @brief Saved searches: --save, --saved, --run, and --new, which shows exactly the
 *  articles that entered the index since it last ran.
 */
#include "search_command.h"
#include "test_support.h"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using byline::test::lines_of;
using byline::test::read_file;
using byline::test::run_index;
using byline::test::run_search;
using byline::test::sample_db;
using byline::test::ScopedEnv;
using byline::test::TempDir;

namespace {

/// Saved searches kept in a folder of the test's own.
struct ConfigFolder {
    TempDir dir;
    ScopedEnv env{"XDG_CONFIG_HOME", (dir.path() / "config").string()};

    [[nodiscard]] std::filesystem::path file() const {
        return dir.path() / "config" / "byline" / "searches";
    }
};

std::vector<std::string> sorted_lines(const std::string& text) {
    auto lines = lines_of(text);
    std::sort(lines.begin(), lines.end());
    return lines;
}

/// One article of the archive: about widgets or not.
std::string article_line(const std::string& id, bool widgets) {
    return fmt::format(R"({{"id": "{}", "title": "Report {}", "body": "The desk wrote about {}."}})"
                       "\n",
                       id, id, widgets ? "widgets and gadgets" : "harbours and ships");
}

}  // namespace

TEST_CASE("a search saved with --save is listed by --saved and run by --run",
          "[saved][sample_index]") {
    const ConfigFolder config;
    const auto saved = run_search(
        {"--save", "board", "--every-word", "--since", "2023-11", "-n", "3", "openai board"});
    CHECK(saved.status == byline::search_hits);
    CHECK(saved.out.empty());
    CHECK(saved.err.empty());
    // The options that choose the articles are kept; the output's (-n) are not.
    CHECK(read_file(config.file())
              .find("[board]\nquery = openai board\nevery-word\n"
                    "since = 2023-11\n") != std::string::npos);
    const auto listed = run_search({"--saved"});
    CHECK(listed.status == byline::search_hits);
    CHECK(listed.out == "board  --every-word --since 2023-11 'openai board'\n");

    const auto run = run_search({"--db", sample_db(), "--run", "board", "--format", "ids"});
    const auto direct = run_search({"--db", sample_db(), "--every-word", "--since", "2023-11",
                                    "--format", "ids", "openai board"});
    CHECK(run.status == byline::search_hits);
    CHECK_FALSE(run.out.empty());
    CHECK(run.out == direct.out);
    // Options given with --run override the saved ones; other modes take its query.
    CHECK(run_search({"--db", sample_db(), "--run", "board", "--since", "2024", "--format", "ids"})
              .out == run_search({"--db", sample_db(), "--every-word", "--since", "2024",
                                  "--format", "ids", "openai board"})
                          .out);
    CHECK(
        run_search({"--db", sample_db(), "--run", "board", "--any", "--count"}).out ==
        run_search({"--db", sample_db(), "--any", "--since", "2023-11", "--count", "openai board"})
            .out);
    CHECK(
        run_search({"--db", sample_db(), "--timeline", "--run", "board", "--format", "tsv"}).out ==
        run_search({"--db", sample_db(), "--timeline", "--every-word", "--since", "2023-11",
                    "--format", "tsv", "openai board"})
            .out);

    CHECK(run_search({"--db", sample_db(), "--run", "board", "openai"}).status ==
          byline::search_failed);
    const auto unknown = run_search({"--db", sample_db(), "--run", "nothing"});
    CHECK(unknown.status == byline::search_failed);
    CHECK(unknown.err.find("no saved search called 'nothing'") != std::string::npos);
    CHECK(run_search({"--save", "-bad", "openai"}).status == byline::search_failed);
}

TEST_CASE("the saved searches file stays as a person wrote it", "[saved]") {
    const ConfigFolder config;
    std::filesystem::create_directories(config.file().parent_path());
    std::ofstream(config.file()) << "# mine\n[chips]\n  query = tag:chips  \n# keep this\n\n";
    REQUIRE(run_search({"--save", "ships", "--sort", "date", "harbour ships"}).status == 0);
    REQUIRE(run_search({"--save", "chips", "--any", "nvidia chips"}).status == 0);
    CHECK(read_file(config.file()) ==
          "# mine\n[chips]\nquery = nvidia chips\nany\n# keep this\n\n\n[ships]\n"
          "query = harbour ships\nsort = date\n");
    CHECK(run_search({"--saved"}).out ==
          "chips  --any 'nvidia chips'\nships  --sort date 'harbour ships'\n");

    std::ofstream(config.file(), std::ios::app) << "[broken]\nquery = x\nfrobnicate = 3\n";
    const auto broken = run_search({"--saved"});
    CHECK(broken.status == byline::search_failed);
    CHECK(broken.err.find(config.file().string() + ":13: 'frobnicate' is not") !=
          std::string::npos);
}

TEST_CASE("new articles: --new shows those that entered the index since it last ran", "[saved]") {
    const ConfigFolder config;
    TempDir dir;
    const auto archive = dir.path() / "archive";
    const auto db = (dir.path() / "index").string();
    const auto index = [&] {
        const auto result = run_index({"--db", db, archive.string()});
        REQUIRE(result.status == 0);
    };
    const auto new_ids = [&] {
        return run_search({"--db", db, "--new", "widgets", "--format", "ids"});
    };
    dir.write("archive/part-1.jsonl",
              article_line("a1", true) + article_line("a2", true) + article_line("a3", false));
    index();
    REQUIRE(run_search({"--save", "widgets", "widgets"}).status == 0);

    // The first time, every match is new; then nothing is.
    auto seen = new_ids();
    CHECK(seen.status == byline::search_hits);
    CHECK(sorted_lines(seen.out) == std::vector<std::string>{"a1", "a2"});
    CHECK(read_file(config.file()).find("new-since = 20") != std::string::npos);
    CHECK(new_ids().status == byline::search_no_hits);

    // Articles added: exactly the matching ones, then nothing.
    dir.write("archive/part-2.jsonl",
              article_line("b1", true) + article_line("b2", false) + article_line("b3", true));
    index();
    seen = new_ids();
    CHECK(seen.status == byline::search_hits);
    CHECK(sorted_lines(seen.out) == std::vector<std::string>{"b1", "b3"});
    seen = new_ids();
    CHECK(seen.status == byline::search_no_hits);
    CHECK(seen.out.empty());

    // Indexing again what is indexed makes nothing new: unchanged files, a file touched,
    // a file read again because an article was added to it.
    index();
    CHECK(new_ids().status == byline::search_no_hits);
    const auto part = archive / "part-1.jsonl";
    std::filesystem::last_write_time(
        part, std::filesystem::last_write_time(part) + std::chrono::seconds(5));
    index();
    CHECK(new_ids().status == byline::search_no_hits);
    std::ofstream(part, std::ios::app) << article_line("a4", true);
    index();
    seen = new_ids();
    CHECK(sorted_lines(seen.out) == std::vector<std::string>{"a4"});
    CHECK(new_ids().status == byline::search_no_hits);
}
