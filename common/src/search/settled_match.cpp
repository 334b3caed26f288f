/** @file
 *  @brief A request's match settled as a search of the whole index settles it.
 */
#include <byline/searcher.h>

namespace byline {

std::optional<std::string> settle_match(Searcher& searcher, SearchRequest& request) {
    // A probe as the search pipeline's own: are there enough articles holding every
    // word? Counting that many is enough to tell.
    auto probe = request;
    probe.offset = 0;
    probe.limit = request.match == MatchMode::most_words ? request.weights.every_word_enough : 0;
    probe.snippet_length = 0;
    probe.collapse_stories = false;
    probe.facets.clear();
    probe.explain = false;
    probe.recent = false;
    probe.exact_count = false;
    probe.count_values.reset();
    if (request.match == MatchMode::most_words) {
        probe.match = MatchMode::every_word;
    }
    const auto response = searcher.search(probe);
    if (request.match == MatchMode::most_words) {
        // Fewer than `limit` matches are all found, so the estimate is their number.
        request.match =
            response.estimated_matches >= probe.limit ? MatchMode::every_word : MatchMode::any_word;
    }
    if (response.corrected_query) {
        request.query = *response.corrected_query;
    }
    request.correct_spelling = false;
    return response.corrected_query;
}

}  // namespace byline
