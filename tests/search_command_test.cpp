/** @file
 *  @brief byline-search end to end, in-process: formats, exit codes, stream discipline.
 */
#include "search_command.h"
#include "test_support.h"

#include <byline/version.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <xapian.h>

#include <cstdlib>

using byline::test::run_search;
using byline::test::sample_db;

TEST_CASE("jsonl output is one parseable object per hit with the documented fields",
          "[sample_index]") {
    const auto result = run_search({"--db", sample_db(), "--format", "jsonl", "-n", "5", "OpenAI"});
    CHECK(result.status == byline::search_hits);
    CHECK(result.err.empty());
    const auto lines = byline::test::lines_of(result.out);
    REQUIRE(lines.size() == 5);
    int rank = 0;
    for (const auto& line : lines) {
        const auto hit = nlohmann::json::parse(line);
        CHECK(hit["format_version"] == 1);
        CHECK(hit["rank"] == ++rank);
        for (const auto* key : {"id", "title", "url", "source", "author", "date", "snippet"}) {
            CAPTURE(key);
            CHECK(hit[key].is_string());
        }
        CHECK(hit["tags"].is_array());
        CHECK(hit["score"].is_number());
    }
}

TEST_CASE("offset pages through the same ranking", "[sample_index]") {
    const auto all = run_search({"--db", sample_db(), "--format", "jsonl", "-n", "4", "openai"});
    const auto page = run_search(
        {"--db", sample_db(), "--format", "jsonl", "-n", "2", "--offset", "2", "openai"});
    const auto all_lines = byline::test::lines_of(all.out);
    const auto page_lines = byline::test::lines_of(page.out);
    REQUIRE(all_lines.size() == 4);
    REQUIRE(page_lines.size() == 2);
    CHECK(nlohmann::json::parse(page_lines[0])["id"] == nlohmann::json::parse(all_lines[2])["id"]);
    CHECK(nlohmann::json::parse(page_lines[0])["rank"] == 3);
}

TEST_CASE(
    "text output lists rank and title and byline and URL and snippet with colour only when asked",
    "[sample_index]") {
    const auto plain = run_search({"--db", sample_db(), "--color", "never", "Sutskever safety"});
    CHECK(plain.status == byline::search_hits);
    CHECK(plain.out.starts_with("1. Sutskever leaves OpenAI"));
    CHECK(plain.out.find("circuitledger.example") != std::string::npos);
    CHECK(plain.out.find('\x1b') == std::string::npos);
    const auto colored = run_search({"--db", sample_db(), "--color", "always", "Sutskever safety"});
    CHECK(colored.out.find("\x1b[1;31m") != std::string::npos);
}

TEST_CASE("a query with no match exits 1 with nothing on stdout", "[sample_index]") {
    for (const auto* format : {"text", "jsonl"}) {
        const auto result = run_search({"--db", sample_db(), "--format", format, "zzzzqqq"});
        CHECK(result.status == byline::search_no_hits);
        CHECK(result.out.empty());
        CHECK(result.err.empty());
    }
}

TEST_CASE("errors exit 2 with one line on stderr and nothing on stdout", "[sample_index]") {
    byline::test::TempDir dir;
    const auto missing = (dir.path() / "no-index").string();
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"--db", missing, "openai"},
                                               {"--db", sample_db(), "--bogus", "openai"},
                                               {"--db", sample_db(), "--format", "xml", "openai"},
                                               {"--db", sample_db(), "-n", "ten", "openai"},
                                               {"--db", sample_db()}}) {
        const auto result = run_search(args);
        CHECK(result.status == byline::search_failed);
        CHECK(result.out.empty());
        CHECK(byline::test::lines_of(result.err).size() == 1);
        CHECK(result.err.starts_with("byline-search: "));
    }
}

TEST_CASE("broken query syntax is answered as plain words with a one-line note", "[sample_index]") {
    for (const auto* query : {"openai AND", "title:("}) {
        CAPTURE(query);
        const auto result = run_search({"--db", sample_db(), "--format", "jsonl", query});
        CHECK(result.status != byline::search_failed);
        CHECK(byline::test::lines_of(result.err).size() == 1);
        CHECK(result.err.find("byline-search: query '") == 0);
    }
}

TEST_CASE("the index is found through BYLINE_DB when --db is not given", "[sample_index]") {
    ::setenv("BYLINE_DB", sample_db().c_str(), 1);
    const auto result = run_search({"--format", "jsonl", "GPT-4o"});
    ::unsetenv("BYLINE_DB");
    CHECK(result.status == byline::search_hits);
}

TEST_CASE("byline-search --version prints the program, its version and Xapian's and exits 0") {
    const auto result = run_search({"--version"});
    CHECK(result.status == byline::search_hits);
    CHECK(result.out ==
          fmt::format("byline-search {} (Xapian {})\n", byline::version, Xapian::version_string()));
    CHECK(result.err.empty());
}
