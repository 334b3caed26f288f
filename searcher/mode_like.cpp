/** @file
 *  @brief byline-search --like ID: the articles related to one, its story's first,
 * then related coverage.
 */
#include "modes.h"

#include "search_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace byline {

int run_like_mode(const Options& options, std::ostream& out, std::ostream& err) {
    auto [request, printer] = plan(options, out, false);
    Searcher searcher(sources_for(options), synonyms_for(options));
    MissingShardReport missing;
    missing.report(err, searcher.missing_shards());
    auto response = searcher.related(*options.like_id, request);
    if (!response) {
        fmt::print(err, "{}: no article with id '{}' in the index\n", search_program,
                   *options.like_id);
        return search_no_hits;
    }
    const Answer answer{{}, *options.like_id, options.offset, std::move(*response)};
    printer.print(out, answer, std::nullopt);
    out.flush();
    return answer.response.hits.empty() ? search_no_hits : search_hits;
}

}  // namespace byline
