/** @file
 *  @brief byline-search --new NAME: the articles of a saved search that entered the
 *  index since it last ran with --new.
 */
#include "modes.h"

#include "saved_searches.h"
#include "search_command.h"
#include "terminal.h"

#include <byline/new_since.h>

namespace byline {

int run_new_mode(const Options& options, std::ostream& out, std::ostream& err) {
    const auto& name = *options.new_name;
    SavedSearchFile file(saved_searches_path());
    const auto seen = file.find(name).new_since;
    auto [request, printer] = plan(options, out, false);
    Searcher searcher(sources_for(options), synonyms_for(options));
    MissingShardReport missing;
    missing.report(err, searcher.missing_shards());
    // Read before the search: an article committed meanwhile is shown now and again
    // next time, never missed.
    const auto newest = newest_indexed_time(searcher.database());
    request.query = options.query;
    // The new articles are those the saved search matches over the whole index, not
    // a search of the new ones alone, which would widen to any of the words when few
    // hold them all.
    const auto corrected = settle_match(searcher, request);
    if (seen) {
        request.filter = indexed_after(*seen);
    }
    if (!options.limit_given) {
        request.limit = searcher.database().get_doccount();  // Every new article.
    }
    Answer answer{{}, options.query, options.offset, searcher.search(request)};
    answer.response.corrected_query = corrected;
    missing.report(err, answer.response.missing_shards);
    report_syntax(err, answer);
    printer.print(out, answer, std::nullopt);
    out.flush();
    if (newest) {
        file.set_new_since(name, *newest);
        file.write();
    }
    return answer.response.hits.empty() ? search_no_hits : search_hits;
}

}  // namespace byline
