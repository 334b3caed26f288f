/** @file
 *  @brief byline-search --queries FILE: each line a query, answered in order
 * (batch_mode runs them, several at once when the input allows).
 */
#include "modes.h"

#include "batch_mode.h"
#include "search_command.h"

#include <byline/error.h>

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>
#include <utility>

namespace byline {

namespace {

/// One query line's answer: the line is ID<TAB>QUERY, or a query numbered by
/// its line.
LineAnswer answer_line(Searcher& searcher, SearchRequest request, const AnswerPrinter& printer,
                       Xapian::doccount offset, MissingShardReport& missing,
                       std::size_t line_number, std::string line) {
    if (line.ends_with('\r')) {
        line.pop_back();
    }
    Answer answer;
    answer.offset = offset;
    if (const auto tab = line.find('\t'); tab != std::string::npos) {
        answer.query_id = line.substr(0, tab);
        answer.query = line.substr(tab + 1);
    } else {
        answer.query_id = std::to_string(line_number);
        answer.query = std::move(line);
    }
    request.query = answer.query;
    answer.response = searcher.search(request);
    std::ostringstream out;
    std::ostringstream err;
    missing.report(err, answer.response.missing_shards);
    report_syntax(err, answer);
    printer.print(out, answer, std::nullopt);
    return {std::move(out).str(), std::move(err).str(), !answer.response.hits.empty()};
}

/// Answers each line of `queries` in order, flushing every answer so that a
/// program holding this process as a coprocess can read it before it asks the
/// next. Input that never keeps the reader waiting is answered several queries
/// at a time (--jobs).
int search_batch(const Options& options, std::istream& queries, bool never_waits, std::ostream& out,
                 std::ostream& err) {
    const auto planned = plan(options, out, true);
    const auto sources = sources_for(options);
    const auto synonyms = synonyms_for(options);
    // The first searcher opens here, so that a missing index fails before any
    // answer.
    auto first = std::make_shared<Searcher>(sources, synonyms);
    MissingShardReport missing;
    missing.report(err, first->missing_shards());
    std::mutex handing_out;
    const auto make_answerer = [&]() -> LineAnswerer {
        std::shared_ptr<Searcher> searcher;
        {
            const std::lock_guard lock(handing_out);
            searcher = std::exchange(first, nullptr);
        }
        if (!searcher) {
            searcher = std::make_shared<Searcher>(sources, synonyms);
        }
        return [searcher, &planned, &options, &missing](std::size_t line_number, std::string line) {
            return answer_line(*searcher, planned.request, planned.printer, options.offset, missing,
                               line_number, std::move(line));
        };
    };
    constexpr unsigned default_jobs_limit = 8;
    const unsigned jobs = options.jobs.value_or(
        std::clamp(std::thread::hardware_concurrency(), 1U, default_jobs_limit));
    const bool any_hits = answer_lines(queries, never_waits ? jobs : 1, make_answerer, out, err);
    if (queries.bad()) {
        throw Error(fmt::format("cannot read queries from {}", *options.queries_file));
    }
    return any_hits ? search_hits : search_no_hits;
}

}  // namespace

int run_batch_mode(const Options& options, std::istream& in, std::ostream& out, std::ostream& err) {
    if (*options.queries_file == "-") {
        // A stream other than standard input is in memory (the tests'); standard
        // input redirected from a file never waits either. A pipe may: a coprocess
        // writes its next query only after reading the answer to the last.
        struct stat status {};
        const bool never_waits =
            &in != &std::cin || (fstat(STDIN_FILENO, &status) == 0 && S_ISREG(status.st_mode));
        return search_batch(options, in, never_waits, out, err);
    }
    std::ifstream file(*options.queries_file);
    if (!file) {
        throw Error(fmt::format("cannot open queries file {}", *options.queries_file));
    }
    std::error_code ignored;
    return search_batch(options, file,
                        std::filesystem::is_regular_file(*options.queries_file, ignored), out, err);
}

}  // namespace byline
