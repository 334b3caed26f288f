/** @file
 *  @brief Explanations (--explain): each hit's score, part by part.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_EXPLAIN_H
#define BYLINE_INCLUDED_SEARCH_EXPLAIN_H

#include <byline/search_results.h>

#include <xapian.h>

#include <vector>

namespace byline {

/// The parts of a query whose weights add up to a document's score: the operands of
/// the additive operators, down to terms, phrases, synonym groups and sources.
[[nodiscard]] std::vector<Xapian::Query> score_parts(const Xapian::Query& query);

/// Each part's weight for the one document `doc`, under `weighting`; parts that add
/// nothing are left out.
[[nodiscard]] std::vector<ScorePart> explain_score(const Xapian::Database& db,
                                                   const Xapian::Weight& weighting,
                                                   const std::vector<Xapian::Query>& parts,
                                                   const Xapian::Document& doc);

}  // namespace byline

#endif
