/** @file
 *  @brief Pseudo-relevance feedback (RM3-style): words the top-ranked stories share,
 *  added to a query that widened past its every-word matches.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_FEEDBACK_H
#define BYLINE_INCLUDED_SEARCH_FEEDBACK_H

#include <byline/searcher.h>

#include <xapian.h>

#include <string>
#include <vector>

namespace byline {

/// `query` with the RankingWeights::feedback_words terms that best set its top
/// feedback_articles stories (copies of one story count once) apart from the index,
/// as a lift that reorders the matches without adding any: together they weigh
/// feedback_weight of the query's `searched_terms`. `query` itself when nothing matches
/// or the query has fewer than feedback_min_words distinct words.
[[nodiscard]] Xapian::Query with_feedback(const Xapian::Query& query, const Xapian::Database& db,
                                          const Xapian::Weight& weighting,
                                          const std::vector<std::string>& searched_terms,
                                          const RankingWeights& weights);

}  // namespace byline

#endif
