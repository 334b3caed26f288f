/** @file
 *  @brief A hit's snippet: the body text around its matches, with their places marked.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_SNIPPETS_H
#define BYLINE_INCLUDED_SEARCH_SNIPPETS_H

#include <byline/search_results.h>

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>

namespace byline {

/// The words a snippet's matches must have (snippets.cpp).
class QueryWords;

/// Makes the snippets of one query's hits.
class SnippetMaker {
  public:
    /// For the hits of `query` (the query as run, lifts and filters included).
    explicit SnippetMaker(const Xapian::Query& query);
    ~SnippetMaker();
    SnippetMaker(const SnippetMaker&) = delete;
    SnippetMaker& operator=(const SnippetMaker&) = delete;

    /// About `length` bytes of `body` around the query's matches; `mset` is the hit's.
    [[nodiscard]] Snippet make(const Xapian::MSet& mset, const std::string& body,
                               std::size_t length) const;

  private:
    std::unique_ptr<QueryWords> words_;
    Xapian::Stem stemmer_;
};

}  // namespace byline

#endif
