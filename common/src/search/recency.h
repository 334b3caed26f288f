/** @file
 *  @brief The recency bonus (--recent): newer articles gain a bounded share of the score.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_RECENCY_H
#define BYLINE_INCLUDED_SEARCH_RECENCY_H

#include <byline/searcher.h>

#include <xapian.h>

namespace byline {

/// `query` with a bonus for newer articles, bounded by the best relevance score that
/// `query` reaches in `enquire` (which it leaves set to `query`); `query` itself when
/// nothing matches or no article has a date.
[[nodiscard]] Xapian::Query with_recency_bonus(const Xapian::Query& query, Xapian::Enquire& enquire,
                                               const Xapian::Database& db,
                                               const RankingWeights& weights);

}  // namespace byline

#endif
