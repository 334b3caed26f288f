/** @file
 *  @brief The articles related to one (--like): its story's, then more like it.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_RELATED_ARTICLES_H
#define BYLINE_INCLUDED_SEARCH_RELATED_ARTICLES_H

#include <byline/search_results.h>

#include <xapian.h>

#include <cstddef>

namespace byline {

/// The terms "more like this" looks for: as Omega's similar-documents (Lucene's
/// MoreLikeThis takes 25).
inline constexpr Xapian::termcount related_terms = 40;
/// Related coverage names at most this many articles of one outlet, so that one
/// prolific outlet does not fill the list.
inline constexpr Xapian::doccount related_per_outlet = 2;

/// The articles related to document `docid`: the other articles of its story, oldest
/// first, then the best matches for its related_terms most telling words (Xapian's
/// expand set over the article), outside its story; hits from `offset`, at most
/// `limit`, each with a snippet of about `snippet_length` bytes (0: none).
[[nodiscard]] SearchResponse related_articles(const Xapian::Database& db, Xapian::docid docid,
                                              Xapian::doccount offset, Xapian::doccount limit,
                                              std::size_t snippet_length);

}  // namespace byline

#endif
