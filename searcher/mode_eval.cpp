/** @file
 *  @brief byline-search --eval TOPICS QRELS: the IR measures over a topic set.
 */
#include "modes.h"

#include "search_command.h"

#include <byline/evaluation.h>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace byline {

namespace {

std::string_view mode_name(MatchMode mode) {
    switch (mode) {
        case MatchMode::most_words:
            break;
        case MatchMode::every_word:
            return "--every-word";
        case MatchMode::any_word:
            return "--any";
    }
    return "the default search";
}

}  // namespace

/// The IR measures over a topic set, each topic searched exactly as byline-search
/// searches a query given on its command line (with its options), deeper: 1000 hits.
int run_eval_mode(const Options& options, std::ostream& out, std::ostream& err) {
    Searcher searcher(sources_for(options), synonyms_for(options));
    MissingShardReport().report(err, searcher.missing_shards());
    const auto topics = read_topics(options.eval_files[0]);
    const auto qrels = read_qrels(options.eval_files[1]);
    auto request = options.request;
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
    fmt::print(out, "# byline-search --eval {} {} (topics searched as {} searches a query)\n",
               options.eval_files[0], options.eval_files[1], mode_name(request.match));
    print_evaluation(out, report);
    return report.topics.empty() ? search_no_hits : search_hits;
}

}  // namespace byline
