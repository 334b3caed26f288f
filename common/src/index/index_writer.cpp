/** @file
 *  @brief Writing articles into a Byline index: full builds on every core, incremental
 *  updates, crash-safe commits.
 *
 *  The calling thread walks the input and parses it; writer threads turn articles into
 *  documents and write them, fed through bounded queues so memory stays bounded however
 *  large the archive. Xapian's write path (its in-memory inverted buffer and flushes)
 *  costs far more than parsing and term generation, so:
 *  - an empty index is built as one shard per writer thread, each flushed every
 *    `flush_articles` articles (smaller buffers are cheaper to update), then the shards
 *    are compacted into a new generation of the index and published at once;
 *  - an index that already holds articles is updated in place by one writer, which
 *    commits at file boundaries every `commit_articles` articles, so a crash leaves
 *    every file either wholly indexed and recorded, or not recorded and re-read next time.
 *
 *  Incremental state lives in the index itself, committed atomically with the articles:
 *  a user-metadata entry per file ("byline.file:" + hash of its absolute path) holds its
 *  size, modification time, content hash and path; every document carries a term naming
 *  its file (to replace or prune a file's articles); its story (slot_story) and copy
 *  signature let later runs find the copies of what it holds.
 *
 *  The parts, each in a file of its own: document_builder (Article -> Document),
 *  schema/file_state (what is remembered per file), work_queue and writer_pool (the
 *  threads and their queues), database_writer (one database's commit policy), copy_detection
 * (copies and near-copies) and dispatcher (which file to read, which article is a copy of which,
 * which writer gets what). This file holds the two build strategies that compose them.
 */
#include <byline/index_writer.h>

#include <byline/error.h>

#include "index/database_writer.h"
#include "index/dispatcher.h"
#include "index/index_store.h"
#include "index/shard_layout.h"
#include "index/writer_pool.h"
#include "schema/file_state.h"
#include "schema/index_format.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_map>

namespace byline {

namespace fs = std::filesystem;

std::size_t IndexCounts::articles() const {
    std::size_t total = 0;
    for (const auto& [format, count] : articles_by_format) {
        total += count;
    }
    return total;
}

namespace {

unsigned writer_threads(unsigned jobs) {
    if (jobs > 0) {
        return jobs;
    }
    return std::max(1U, std::thread::hardware_concurrency());
}

/// Feeds the articles under `paths` to `writers` and waits for them to finish; returns
/// the writers (for their counts).
std::vector<std::unique_ptr<Writer>> run_writers(
    std::vector<std::unique_ptr<Writer>> writers,
    const std::function<Routing(WriterPool&)>& make_routing,
    std::unordered_map<std::string, FileState>& known_files, std::vector<fs::path> stored,
    const std::vector<fs::path>& paths, const IndexOptions& options, IndexReporter& reporter,
    const std::atomic<bool>& stop, IndexCounts& counts) {
    // Room for a few hundred articles per writer, not the whole archive; it is also
    // what the writers still finish after Ctrl-C (about a second's work).
    constexpr std::size_t queue_bytes = 4 << 20;
    WriterPool pool(std::move(writers), queue_bytes);
    Dispatcher dispatcher(pool, make_routing(pool), known_files, std::move(stored), reporter, stop,
                          counts);
    try {
        for (const auto& path : paths) {
            ingest_path(path, dispatcher, options.ingest);
        }
        if (options.prune && !counts.interrupted) {
            dispatcher.prune_missing();
        }
    } catch (const WriterFailed&) {
        // The writer's own error is rethrown by finish().
    }
    pool.finish();
    dispatcher.report();
    for (const auto& writer : pool.writers()) {
        counts.articles_deleted += writer->deleted();
    }
    return std::move(pool.writers());
}

/// The files every shard has recorded alike: only those can be passed over, since a
/// crash may leave one shard committed and another not.
std::unordered_map<std::string, FileState> files_known_to_every_shard(ShardedIndex& index) {
    std::optional<std::unordered_map<std::string, FileState>> known;
    for (const auto& [name, store] : index.shards()) {
        auto states = read_file_states(Xapian::Database(store->current().string()));
        if (!known) {
            known = std::move(states);
            continue;
        }
        std::erase_if(*known, [&](const auto& entry) {
            const auto other = states.find(entry.first);
            return other == states.end() || other->second.encode() != entry.second.encode();
        });
    }
    return known ? std::move(*known) : std::unordered_map<std::string, FileState>{};
}

}  // namespace

struct IndexWriter::State {
    IndexOptions options;
    /// One of these: the usual index, or a sharded one.
    std::optional<IndexStore> store;
    std::optional<ShardedIndex> sharded;

    State(const fs::path& dir, const IndexOptions& opts, const std::function<void()>& on_wait)
        : options(opts) {
        if (opts.shards.by != ShardBy::none || read_shard_rule(dir)) {
            sharded.emplace(dir, opts.shards, opts.wait_for_lock, on_wait);
        } else {
            store.emplace(dir, opts.wait_for_lock, on_wait);
        }
    }

    IndexCounts update_single(const std::vector<fs::path>& paths, IndexReporter& reporter,
                              const std::atomic<bool>& stop);
    IndexCounts update_sharded(const std::vector<fs::path>& paths, IndexReporter& reporter,
                               const std::atomic<bool>& stop);
};

IndexWriter::IndexWriter(const fs::path& index_dir, const IndexOptions& options,
                         const std::function<void()>& on_wait)
    : state_(std::make_unique<State>(index_dir, options, on_wait)) {}

IndexWriter::~IndexWriter() = default;

IndexCounts IndexWriter::update(const std::vector<fs::path>& paths, IndexReporter& reporter,
                                const std::atomic<bool>& stop) {
    return state_->sharded ? state_->update_sharded(paths, reporter, stop)
                           : state_->update_single(paths, reporter, stop);
}

IndexCounts IndexWriter::State::update_single(const std::vector<fs::path>& paths,
                                              IndexReporter& reporter,
                                              const std::atomic<bool>& stop) {
    IndexCounts counts;
    auto known_files = read_file_states(Xapian::Database(store->current().string()));
    counts.full_build =
        known_files.empty() && Xapian::Database(store->current().string()).get_doccount() == 0;

    if (!counts.full_build) {
        require_current_format(Xapian::Database(store->current().string()), store->dir());
    }

    std::vector<std::unique_ptr<Writer>> writers;
    std::vector<fs::path> shards;
    if (counts.full_build) {
        // Each writer builds a shard of its own, and its spelling data beside it; they
        // are merged at the end. Shards are scratch: no need to sync them to disk.
        fs::create_directories(store->scratch());
        const auto scratch_database = [&](const std::string& name) {
            shards.push_back(store->scratch() / name);
            return Xapian::WritableDatabase(shards.back().string(),
                                            Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        };
        for (unsigned i = 0; i < writer_threads(options.jobs); ++i) {
            auto shard = scratch_database(fmt::format("shard-{}", i));
            auto spelling = scratch_database(fmt::format("spelling-{}", i));
            writers.push_back(std::make_unique<Writer>(std::move(shard), options.flush_articles,
                                                       WriterRole::shard, stop,
                                                       std::move(spelling)));
        }
    } else {
        writers.push_back(std::make_unique<Writer>(
            Xapian::WritableDatabase(store->current().string(), Xapian::DB_OPEN),
            options.commit_articles, WriterRole::update, stop));
    }
    const auto by_id_hash = [](WriterPool& pool) {
        return Routing{[&pool](const Article& article) {
                           return static_cast<std::size_t>(stable_hash(article.id) % pool.size());
                       },
                       false};
    };
    std::vector<fs::path> stored;
    if (!counts.full_build) {
        stored.push_back(store->current());
    }
    writers = run_writers(std::move(writers), by_id_hash, known_files, std::move(stored), paths,
                          options, reporter, stop, counts);

    if (counts.full_build) {
        writers.clear();
        Xapian::Database merged;
        for (const auto& shard : shards) {
            merged.add_database(Xapian::Database(shard.string()));
        }
        const auto generation = store->next_generation();
        try {
            merged.compact(generation.string());
        } catch (const Xapian::Error& e) {
            throw Error(fmt::format("cannot merge the new index into {}: {}", generation.string(),
                                    e.get_msg()));
        }
        store->publish(generation);
        std::error_code error;
        fs::remove_all(store->scratch(), error);
    }
    return counts;
}

/// Each shard is an index of its own, updated in place by one writer thread: an article
/// goes to the shard the rule names (a new month makes a new shard), and every shard
/// records every file, so that a changed file loses its stale articles in each shard and
/// --prune deletes a gone file's articles from all of them.
IndexCounts IndexWriter::State::update_sharded(const std::vector<fs::path>& paths,
                                               IndexReporter& reporter,
                                               const std::atomic<bool>& stop) {
    IndexCounts counts;
    auto& index = *sharded;
    auto known_files = files_known_to_every_shard(index);
    counts.full_build = known_files.empty();
    std::map<std::string, std::size_t> writer_of_shard;
    std::vector<std::unique_ptr<Writer>> writers;
    for (const auto& [name, shard_store] : index.shards()) {
        Xapian::WritableDatabase db(shard_store->current().string(), Xapian::DB_OPEN);
        counts.full_build = counts.full_build && db.get_doccount() == 0;
        writer_of_shard.emplace(name, writers.size());
        writers.push_back(std::make_unique<Writer>(std::move(db), options.commit_articles,
                                                   WriterRole::update, stop));
    }
    const auto rule = index.rule();
    const auto route = [&](WriterPool& pool) {
        return Routing{
            [&, rule](const Article& article) {
                const auto name = shard_name(rule, article);
                if (const auto it = writer_of_shard.find(name); it != writer_of_shard.end()) {
                    return it->second;
                }
                // A new shard holds none of the articles of the files known
                // to every shard, or it would exist: it knows them too.
                Xapian::WritableDatabase db(index.shard(name).current().string(), Xapian::DB_OPEN);
                for (const auto& [key, state] : known_files) {
                    db.set_metadata(key, state.encode());
                }
                const auto writer = pool.add(std::make_unique<Writer>(
                    std::move(db), options.commit_articles, WriterRole::update, stop));
                writer_of_shard.emplace(name, writer);
                return writer;
            },
            true};
    };
    std::vector<fs::path> stored;
    for (const auto& [name, shard_store] : index.shards()) {
        stored.push_back(shard_store->current());
    }
    writers = run_writers(std::move(writers), route, known_files, std::move(stored), paths, options,
                          reporter, stop, counts);
    writers.clear();
    if (counts.full_build && !counts.interrupted) {
        // Written in place, a new shard is larger and slower to search than a compacted
        // one, as the usual full build would have made.
        for (const auto& [name, shard_store] : index.shards()) {
            shard_store->compact();
        }
    }
    return counts;
}

void IndexWriter::compact() {
    if (state_->sharded) {
        for (const auto& [name, shard_store] : state_->sharded->shards()) {
            shard_store->compact();
        }
        return;
    }
    state_->store->compact();
}

Xapian::doccount IndexWriter::document_count() const {
    if (state_->sharded) {
        Xapian::doccount total = 0;
        for (const auto& [name, shard_store] : state_->sharded->shards()) {
            total += Xapian::Database(shard_store->current().string()).get_doccount();
        }
        return total;
    }
    return Xapian::Database(state_->store->current().string()).get_doccount();
}

}  // namespace byline
