/** @file
 *  @brief Searchers for a server's threads, each reopened before it is lent.
 */
#include "searcher_pool.h"

#include <exception>
#include <utility>

namespace byline {

SearcherPool::SearcherPool(IndexSources sources, std::vector<SynonymGroup> synonyms)
    : sources_(std::move(sources)), synonyms_(std::move(synonyms)) {}

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher)
    : pool_(pool),
      searcher_(std::move(searcher)),
      exceptions_at_start_(std::uncaught_exceptions()) {}

SearcherPool::Lease::~Lease() {
    if (std::uncaught_exceptions() == exceptions_at_start_) {
        pool_.give_back(std::move(searcher_));
    }
}

SearcherPool::Lease SearcherPool::borrow() {
    std::unique_ptr<Searcher> searcher;
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            searcher = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (searcher) {
        try {
            searcher->reopen();
        } catch (const Xapian::DatabaseError&) {
            searcher.reset();
        }
    }
    if (!searcher) {
        searcher = std::make_unique<Searcher>(sources_, synonyms_);
    }
    return {*this, std::move(searcher)};
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(searcher));
}

}  // namespace byline
