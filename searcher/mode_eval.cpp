/** @file
 *  @brief byline-search --eval TOPICS QRELS: the IR measures over a topic set.
 */
#include "modes.h"

#include "search_command.h"

#include <byline/evaluation.h>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace byline {

/// The IR measures over a topic set: topics are long natural-language requests,
/// so their words are combined with OR and read as words, not query syntax.
int run_eval_mode(const Options& options, std::ostream& out, std::ostream& err) {
    Searcher searcher(sources_for(options), synonyms_for(options));
    MissingShardReport().report(err, searcher.missing_shards());
    const auto topics = read_topics(options.eval_files[0]);
    const auto qrels = read_qrels(options.eval_files[1]);
    auto request = options.request;
    request.query_options.default_op = Xapian::Query::OP_OR;
    request.query_options.syntax = false;
    request.collapse_copies = false;
    request.correct_spelling = false;
    request.offset = 0;
    request.limit = 1000;
    request.snippet_length = 0;
    const auto report = evaluate(topics, qrels, [&](const std::string& text) {
        request.query = text;
        std::vector<std::string> ranking;
        for (const auto& hit : searcher.search(request).hits) {
            ranking.push_back(hit.article.id);
        }
        return ranking;
    });
    fmt::print(out, "# byline-search --eval {} {} (topics run as plain words joined by OR)\n",
               options.eval_files[0], options.eval_files[1]);
    print_evaluation(out, report);
    return report.topics.empty() ? search_no_hits : search_hits;
}

}  // namespace byline
