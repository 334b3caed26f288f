/** @file
 *  @brief Copies of a story: how many other matching articles a collapsed hit stands for.
 */
#include "search/copies.h"

#include "schema/terms.h"

#include <set>
#include <utility>

namespace byline {

std::map<std::string, Xapian::doccount> count_copies(const Xapian::Database& db,
                                                     const Xapian::Query& query,
                                                     const Xapian::MSet& mset) {
    // The matcher skips matches that cannot reach the page, so its collapse counts are
    // only lower bounds. A story of two or more articles has its matching copies counted
    // among its few documents. Each story's size is asked for by its term: a term cursor
    // would be cheaper locally, but a remote shard sends a cursor's whole prefix list.
    std::set<std::string> stories;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (auto story = it.get_collapse_key(); !story.empty()) {
            stories.insert(std::move(story));
        }
    }
    std::map<std::string, Xapian::doccount> copies;
    for (const auto& story : stories) {
        const auto term = story_term(story);
        const auto story_size = db.get_termfreq(term);
        if (story_size < 2) {
            continue;
        }
        Xapian::Enquire matching(db);
        matching.set_weighting_scheme(Xapian::BoolWeight());
        matching.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(term)));
        const auto matches = matching.get_mset(0, 0, story_size).get_matches_estimated();
        copies[story] = matches > 0 ? matches - 1 : 0;
    }
    return copies;
}

}  // namespace byline
