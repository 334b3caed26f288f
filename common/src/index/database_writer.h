/** @file
 *  @brief One writer thread's database and its commit policy.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INDEX_DATABASE_WRITER_H
#define BYLINE_INCLUDED_INDEX_DATABASE_WRITER_H

#include <byline/article.h>

#include "index/document_builder.h"
#include "index/work_queue.h"

#include <xapian.h>

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_set>

namespace byline {

enum class WriterRole {
    /// Writes one shard of a full build into an empty database: commits (flushes) every
    /// so many articles; nothing is stored yet to replace.
    shard,
    /// Updates the index in place: articles may replace stored ones, and
    /// commits fall at file ends, so that every commit holds whole files.
    update,
};

/// One writer thread's database and its commit policy.
class Writer {
  public:
    /// `commit_every`: articles between commits; once `stop` is set, an update commits
    /// at every file end. `spelling_db`: where a shard's spelling data goes (see
    /// Writer::spelling_db_); an update writes it into `db` itself.
    Writer(Xapian::WritableDatabase db, std::size_t commit_every, WriterRole role,
           const std::atomic<bool>& stop,
           std::optional<Xapian::WritableDatabase> spelling_db = std::nullopt);
    void handle(WorkItem&& item);
    void commit();
    /// The last commit: the articles and the spelling data.
    void finish();
    [[nodiscard]] std::size_t written() const { return written_.load(); }
    [[nodiscard]] std::size_t deleted() const { return deleted_; }

  private:
    void apply(ArticleItem&& item);
    /// The slot_indexed value of the article whose Q term is `id_term`.
    [[nodiscard]] std::string indexed_time(const std::string& id_term);

    void apply(FileDone&& done);
    void apply(FileGone&& gone);
    void apply(FileAbandoned&& /*abandoned*/);

    Xapian::WritableDatabase db_;
    /// A shard commits every few hundred articles (small flushes are cheapest for
    /// postings), but every commit of spelling data rewrites the trigram lists of the
    /// words it adds, which made title spelling cost a fifth of a full build. So a shard
    /// keeps its spelling data in a database of its own, committed rarely, and merged
    /// with the shards at compaction.
    std::optional<Xapian::WritableDatabase> spelling_db_;
    /// Articles between commits of `spelling_db_`: bounds the memory its pending words take.
    static constexpr std::size_t spelling_commit_articles = 20000;
    const std::atomic<bool>& stop_;
    Xapian::TermGenerator generator_ = make_term_generator();
    std::size_t commit_every_;
    bool at_file_ends_;
    bool check_existing_;
    std::size_t pending_ = 0;
    std::atomic<std::size_t> written_ = 0;
    std::size_t deleted_ = 0;
    std::unordered_set<Xapian::docid> file_docids_;
};

}  // namespace byline

#endif
