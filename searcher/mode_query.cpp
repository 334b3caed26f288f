/** @file
 *  @brief byline-search QUERY: one query's answer, or with --count its number
 * of matches.
 */
#include "modes.h"

#include "search_command.h"
#include "terminal.h"

#include <chrono>
#include <optional>

namespace byline {

namespace {

/// --count: the number of matching articles alone, every copy included.
int print_count(const Options& options, Searcher& searcher, const SearchRequest& request,
                const AnswerPrinter& printer, std::ostream& out) {
    const Answer answer{{}, options.query, 0, searcher.search(counting(request))};
    printer.print_count(out, answer);
    out.flush();
    return answer.response.estimated_matches == 0 ? search_no_hits : search_hits;
}

}  // namespace

int run_query_mode(const Options& options, std::ostream& out, std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    auto [request, printer] = plan(options, out, false);
    Searcher searcher(sources_for(options), synonyms_for(options));
    MissingShardReport missing;
    missing.report(err, searcher.missing_shards());
    request.query = options.query;
    if (options.count_only) {
        return print_count(options, searcher, request, printer, out);
    }
    Answer answer{{}, options.query, options.offset, searcher.search(request)};
    missing.report(err, answer.response.missing_shards);
    report_syntax(err, answer);
    std::optional<double> seconds;
    if (is_terminal(out)) {
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    printer.print(out, answer, seconds);
    out.flush();
    return answer.response.hits.empty() ? search_no_hits : search_hits;
}

}  // namespace byline
