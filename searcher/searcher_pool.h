/** @file
 *  @brief Searchers for a server's threads: each request borrows one of its own (Xapian
 * objects are not thread-safe), brought to the index's latest revision first.
 */
#ifndef BYLINE_INCLUDED_SEARCHER_POOL_H
#define BYLINE_INCLUDED_SEARCHER_POOL_H

#include <byline/searcher.h>

#include <memory>
#include <mutex>
#include <vector>

namespace byline {

class SearcherPool {
  public:
    SearcherPool(IndexSources sources, std::vector<SynonymGroup> synonyms);

    /// A borrowed searcher, given back to the pool when the lease ends; one that a
    /// request left by an exception is dropped instead, in case it is broken.
    class Lease {
      public:
        Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        Searcher& operator*() const { return *searcher_; }
        Searcher* operator->() const { return searcher_.get(); }

      private:
        SearcherPool& pool_;
        std::unique_ptr<Searcher> searcher_;
        int exceptions_at_start_;
    };

    /// A searcher at the index's latest revision: an idle one reopened, else a new one
    /// (also when the old one cannot reopen: a rebuild or compaction published a new
    /// generation). Throws as Searcher's constructor does when the index cannot be
    /// opened.
    [[nodiscard]] Lease borrow();

    /// What the searchers open.
    [[nodiscard]] const IndexSources& sources() const { return sources_; }

  private:
    void give_back(std::unique_ptr<Searcher> searcher);

    IndexSources sources_;
    std::vector<SynonymGroup> synonyms_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Searcher>> idle_;
};

}  // namespace byline

#endif
