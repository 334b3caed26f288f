// Batch mode's engine with answerers of the test's own: order and read-ahead.
#include "batch_mode.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <string>

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
