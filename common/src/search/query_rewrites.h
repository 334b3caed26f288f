/** @file
 *  @brief What the parsed query becomes before it is run: expansions made as written
 *  rewritten into stems, and the plain words that proximity lifts are measured on.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_QUERY_REWRITES_H
#define BYLINE_INCLUDED_SEARCH_QUERY_REWRITES_H

#include <xapian.h>

#include <string>
#include <vector>

namespace byline {

/// Rewrites what the parser expanded as written into stems: the synonyms from the
/// index's table (under OP_SYNONYM the parser puts the query's own words first, then
/// the table's entries) and wildcards.
[[nodiscard]] Xapian::Query stem_expansions(const Xapian::Query& query,
                                            const Xapian::Stem& stemmer);

/// The plain words a document must or may have, in query order: not the excluded
/// ones, not filters, not phrases (already exact) or wildcards, and of words with
/// synonyms the query's own.
void collect_positive_words(const Xapian::Query& query, std::vector<std::string>& words);

}  // namespace byline

#endif
