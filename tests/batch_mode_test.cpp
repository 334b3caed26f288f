/** @file
 *  @brief Batch mode answering several queries at once: in input order, stopping at an
 *  error, reading ahead only so far. CI runs these under ThreadSanitizer too.
 */
#include "batch_mode.h"
#include "search_command.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <string>

using byline::test::lines_of;
using byline::test::sample_db;

TEST_CASE("a slow query holds back how far a parallel batch reads ahead", "[batch]") {
    constexpr std::size_t jobs = 2;
    constexpr std::size_t lines = 100;
    std::string input;
    for (std::size_t line = 1; line <= lines; ++line) {
        input += "q" + std::to_string(line) + "\n";
    }
    std::mutex mutex;
    std::condition_variable answered_more;
    std::size_t answered = 0;
    std::size_t answered_while_first_waited = 0;
    const auto make_answerer = [&]() -> byline::LineAnswerer {
        return [&](std::size_t line_number, std::string line) {
            std::unique_lock lock(mutex);
            if (line_number == 1) {
                // Unbounded read-ahead would answer every other line meanwhile.
                answered_more.wait_for(lock, std::chrono::milliseconds(300),
                                       [&] { return answered >= lines - 1; });
                answered_while_first_waited = answered;
            }
            ++answered;
            answered_more.notify_all();
            return byline::LineAnswer{line + "\n", "", line_number % 2 == 0};
        };
    };
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    CHECK(byline::answer_lines(in, jobs, make_answerer, out, err));
    CHECK(out.str() == input);
    CHECK(err.str().empty());
    CHECK(answered == lines);
    CHECK(answered_while_first_waited < 4 * jobs);
}

TEST_CASE("batch mode answers several queries at once in input order", "[cli][sample_index]") {
    const std::vector<std::string> words = {"openai",  "safety", "zzzzqqq", "chips", "Sutskever",
                                            "altman",  "board",  "nvidia",  "model", "export",
                                            "mistral", "GPT-4o", "huawei",  "data",  "regulators"};
    std::string queries;
    for (int round = 0; round < 4; ++round) {
        for (const auto& word : words) {
            queries += word + '\n';
        }
    }
    const std::vector<std::string> args = {"--db", sample_db(), "--queries",
                                           "-",    "--format",  "json"};
    auto one_at_a_time = args;
    one_at_a_time.insert(one_at_a_time.end(), {"--jobs", "1"});
    auto four_at_once = args;
    four_at_once.insert(four_at_once.end(), {"--jobs", "4"});
    const auto expected = byline::test::run_search(one_at_a_time, queries);
    REQUIRE(lines_of(expected.out).size() == 4 * words.size());
    for (int run = 0; run < 3; ++run) {
        const auto result = byline::test::run_search(four_at_once, queries);
        CHECK(result.status == expected.status);
        CHECK(result.err == expected.err);
        CHECK(result.out == expected.out);
    }
}

TEST_CASE("a failing query stops a parallel batch after the answers before it",
          "[cli][sample_index]") {
    std::string queries;
    for (int line = 0; line < 40; ++line) {
        queries += "openai\n";
    }
    const auto result = byline::test::run_search(
        {"--db", sample_db(), "--queries", "-", "--jobs", "4", "--since", "someday"}, queries);
    CHECK(result.status == byline::search_failed);
    CHECK(result.out.empty());
    CHECK(result.err ==
          "byline-search: --since someday: not a date (2024, 2024-05, 2024-05-01, "
          "30d, 6m, 1y)\n");
    CHECK(byline::test::run_search({"--db", sample_db(), "--queries", "-", "--jobs", "0"}).status ==
          byline::search_failed);
}
