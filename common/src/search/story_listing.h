/** @file
 *  @brief The stories a query's matches belong to, largest first (--stories).
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_STORY_LISTING_H
#define BYLINE_INCLUDED_SEARCH_STORY_LISTING_H

#include <byline/search_results.h>

#include <xapian.h>

namespace byline {

/// The stories of the articles matching `query`, largest first (ties by id), from
/// `offset`, at most `limit`; each with its matching articles. Every match is counted, over every
/// shard, by a match spy (which Xapian's remote backend also runs).
[[nodiscard]] StoriesResponse list_stories(const Xapian::Database& db, const Xapian::Query& query,
                                           Xapian::doccount offset, Xapian::doccount limit);

}  // namespace byline

#endif
