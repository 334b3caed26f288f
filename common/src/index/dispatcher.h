/** @file
 *  @brief The reading thread's side of an update: which files to read, which articles
 *  are copies, which story each reports, and which writer gets what.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INDEX_DISPATCHER_H
#define BYLINE_INCLUDED_INDEX_DISPATCHER_H

#include <byline/index_writer.h>
#include <byline/ingest.h>

#include "index/copy_detection.h"
#include "index/story_clustering.h"
#include "index/writer_pool.h"
#include "schema/file_state.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace byline {

/// Which writer an article goes to, and which writers record the state of files.
struct Routing {
    /// The writer for an article (may start a new one, for a new shard).
    std::function<std::size_t(const Article&)> writer_for;
    /// True when every writer records every file (shards: each is an index of its own);
    /// false when the first alone does (a full build's writers are merged at the end).
    bool every_writer_records_files = false;
};

/// Receives the walk's findings on the calling thread: decides which files to read,
/// spots duplicates, routes work to the writers and reports progress.
class Dispatcher : public ArticleSink {
  public:
    /// `stored`: the databases of the index being updated (none for a full build),
    /// whose articles new ones may be copies of or join the stories of.
    Dispatcher(WriterPool& pool, Routing routing,
               std::unordered_map<std::string, FileState>& known_files,
               std::vector<std::filesystem::path> stored, IndexReporter& reporter,
               const std::atomic<bool>& stop, IndexCounts& counts)
        : pool_(pool),
          routing_(std::move(routing)),
          known_files_(known_files),
          reporter_(reporter),
          stop_(stop),
          counts_(counts),
          stored_unread_(std::move(stored)) {}

    bool want_file(const FoundFile& file) override;
    bool want_contents(const FoundFile& file, std::uint64_t content_hash) override;
    void on_bytes_read(std::size_t bytes) override;
    bool keep_reading() override;
    void on_article(Article&& article, InputFormat format) override;
    void on_skip(const SourceLocation& where, SkipKind kind, std::string_view reason) override;
    void end_file(const FoundFile& file) override;

    /// Files recorded in the index that this run did not find and that are gone.
    void prune_missing();
    void report();

  private:
    bool stopping();
    void pass_over(const FoundFile& file);
    FileState state_of(const FoundFile& file) const;
    void send_file_item(const WorkItem& item);

    /// A shard made during this run records the files recorded before it existed: none
    /// of their articles belong in it, or it would have existed then.
    void catch_up_new_writers();
    void send(std::size_t writer, WorkItem item);
    void maybe_report();

    WriterPool& pool_;
    Routing routing_;
    std::size_t initial_writers_ = pool_.size();
    std::size_t writers_caught_up_ = pool_.size();
    /// What every writer was sent about files, for writers that start later.
    std::vector<WorkItem> file_items_;
    std::unordered_map<std::string, FileState>& known_files_;
    IndexReporter& reporter_;
    const std::atomic<bool>& stop_;
    IndexCounts& counts_;
    std::unordered_set<std::string> visited_;
    /// Read on the first article: a run that indexes nothing need not.
    std::vector<std::filesystem::path> stored_unread_;
    CopyFinder copies_;
    StoryFinder stories_;
    std::uint64_t file_hash_ = 0;
    bool known_before_ = false;
    bool interrupted_file_ = false;
    std::string current_file_term_;
    std::chrono::steady_clock::time_point last_report_ = std::chrono::steady_clock::now();
};

}  // namespace byline

#endif
