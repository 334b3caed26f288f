/** @file
 *  @brief Copies of a story: the other matching articles a collapsed hit stands for.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_COPIES_H
#define BYLINE_INCLUDED_SEARCH_COPIES_H

#include <byline/search_results.h>

#include <xapian.h>

#include <map>

namespace byline {

/// The other articles of a story that match the query, for a hit standing for them.
struct StoryCopies {
    Xapian::doccount count = 0;
    /// Oldest first; at most max_listed_copies.
    std::vector<Copy> listed;
};

/// For each hit of `mset` (collapsed on slot_story) whose story has other articles
/// matching `query`: those articles, by the hit's docid.
[[nodiscard]] std::map<Xapian::docid, StoryCopies> find_copies(const Xapian::Database& db,
                                                               const Xapian::Query& query,
                                                               const Xapian::MSet& mset);

}  // namespace byline

#endif
