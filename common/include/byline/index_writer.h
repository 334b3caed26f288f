/** @file
 *  @brief Writing articles into a Byline index: full builds on every core, incremental
 *  updates, crash-safe commits.
 */
#ifndef BYLINE_INCLUDED_INDEX_WRITER_H
#define BYLINE_INCLUDED_INDEX_WRITER_H

#include <byline/article.h>
#include <byline/ingest.h>

#include <xapian.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

namespace byline {

/// How a sharded index spreads its articles over shard databases.
enum class ShardBy {
    /// One database (the usual index).
    none,
    /// `ShardOptions::count` shards, by a hash of the article id.
    id_hash,
    /// One shard per month of the article's date (per year for a date without a month).
    month,
    /// One shard per year of the article's date.
    year,
};

/// byline-index --shards N / --shard-by month|year. Given for a new index; an existing
/// sharded index keeps the layout it was built with.
struct ShardOptions {
    ShardBy by = ShardBy::none;
    unsigned count = 0;
};

struct IndexOptions {
    /// Threads that generate terms and write a full build; 0: one per core.
    unsigned jobs = 0;
    /// Delete the articles of files that are gone.
    bool prune = false;
    /// Wait for another indexer holding the index instead of failing.
    bool wait_for_lock = false;
    /// Articles per commit: a crash loses at most this many (plus the file in hand).
    std::size_t commit_articles = 5000;
    /// Articles a full build's writer holds in memory before flushing them to its shard.
    /// Bounds memory; and Xapian's in-memory buffer (maps of terms to maps of documents)
    /// gets slower as it grows: on the bench corpus, CPU time fell from 60 s at 3000 to
    /// 41 s at 1000 and 32 s at 100-300, so a small batch it is.
    std::size_t flush_articles = 200;
    /// How the readers map fields and choose formats (--field, --input-format).
    IngestOptions ingest;
    ShardOptions shards;
};

/// What an update has done so far: for the progress line and the summary.
struct IndexCounts {
    std::size_t files_found = 0;
    /// Files passed over unread: same size and time as when last indexed.
    std::size_t files_unchanged = 0;
    /// Files read again (new size or time) whose contents turned out the same.
    std::size_t files_same_contents = 0;
    /// Files whose articles were indexed.
    std::size_t files_indexed = 0;
    std::uintmax_t bytes_read = 0;
    /// Bytes of files passed over plus bytes read: how far through the input the run is.
    std::uintmax_t bytes_done = 0;
    std::map<InputFormat, std::size_t> articles_by_format;
    /// Articles that are copies or near-copies of one read before (each is indexed).
    std::size_t copies = 0;
    /// Articles that joined the story of another outlet's report (copies aside).
    std::size_t story_joins = 0;
    std::size_t articles_written = 0;
    std::size_t articles_deleted = 0;
    std::size_t files_pruned = 0;
    std::size_t skipped = 0;
    std::map<SkipKind, std::size_t> skips_by_kind;
    bool full_build = false;
    bool interrupted = false;

    [[nodiscard]] std::size_t articles() const;
};

/// Receives what an update reports, on the thread that called update().
class IndexReporter {
  public:
    virtual ~IndexReporter() = default;
    /// A record or file that was not indexed, what kind of problem it had, and why.
    virtual void on_skip(const SourceLocation& where, SkipKind kind, std::string_view reason) = 0;
    /// Called every few hundred milliseconds while the update runs.
    virtual void on_progress(const IndexCounts& counts) = 0;
};

/// Holds an index open for writing (and locked against other indexers) and updates it.
class IndexWriter {
  public:
    /// Opens or creates the index folder. Throws byline::Error when another indexer holds
    /// it, or with `options.wait_for_lock`, calls `on_wait` and waits for it.
    IndexWriter(
        const std::filesystem::path& index_dir, const IndexOptions& options,
        const std::function<void()>& on_wait = [] {});
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Indexes every article under `paths`: files unchanged since the last run are passed
    /// over, changed ones replace their articles, and with `prune` the articles of files
    /// that are gone are deleted. An empty index is built on every core and compacted.
    /// When `stop` becomes true, commits what is done and returns early.
    IndexCounts update(const std::vector<std::filesystem::path>& paths, IndexReporter& reporter,
                       const std::atomic<bool>& stop);
    /// Rewrites the index compactly (smaller and faster to search).
    void compact();
    [[nodiscard]] Xapian::doccount document_count() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

/// The Xapian document for an article, with every term, value and stored field.
[[nodiscard]] Xapian::Document make_document(const Article& article,
                                             Xapian::TermGenerator& term_generator);

}  // namespace byline

#endif
