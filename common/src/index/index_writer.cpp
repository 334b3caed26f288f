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
 *  its file (to replace or prune a file's articles) and one holding the hash of its
 *  title and body (to store identical articles once).
 */
#include <byline/index_writer.h>

#include <byline/document_data.h>
#include <byline/error.h>
#include <byline/fields.h>
#include <byline/synonyms.h>

#include "index/index_store.h"
#include "index/shard_layout.h"
#include "schema/file_state.h"
#include "schema/index_format.h"
#include "schema/terms.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <variant>

namespace byline {

namespace fs = std::filesystem;

namespace {

void add_date(Xapian::Document& doc, const Date& date) {
    doc.add_value(slot_date, date.sortable());
    doc.add_boolean_term(date_term(date, DatePrecision::year));
    if (date.precision == DatePrecision::year) {
        return;
    }
    doc.add_boolean_term(date_term(date, DatePrecision::month));
    if (date.precision == DatePrecision::month) {
        return;
    }
    doc.add_boolean_term(date_term(date, DatePrecision::day));
}

// ---- What the reading thread sends the writers ----

struct ArticleItem {
    Article article;
    std::string file_term;
    std::uint64_t content_hash = 0;
};
/// A file whose articles have all been sent: record its state; a changed file indexed
/// before also loses the articles it no longer holds.
struct FileDone {
    std::string key;
    FileState state;
    bool drop_stale_articles = false;
};
/// A file that is gone: delete its articles and its state.
struct FileGone {
    std::string key;
    std::string file_term;
};
/// An article identical to a stored one: keep its id as an alias of that one.
struct AliasItem {
    std::string canonical_id;
    std::string alias_id;
};
/// A file whose reading was interrupted: what it sent since the last file's end is
/// dropped, so that no commit holds part of a file.
struct FileAbandoned {};
using WorkItem = std::variant<ArticleItem, FileDone, FileGone, AliasItem, FileAbandoned>;

std::size_t weight_of(const WorkItem& item) {
    if (const auto* article = std::get_if<ArticleItem>(&item)) {
        return article->article.body.size() + article->article.title.size() + 256;
    }
    return 256;
}

/// A queue with a limit on the bytes it holds: the reader waits when writers lag.
class BoundedQueue {
  public:
    explicit BoundedQueue(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}

    /// False when the queue was closed (a writer failed): stop producing.
    bool push(WorkItem item) {
        const auto weight = weight_of(item);
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return closed_ || held_ == 0 || held_ + weight <= capacity_; });
        if (closed_) {
            return false;
        }
        held_ += weight;
        items_.push_back(std::move(item));
        not_empty_.notify_one();
        return true;
    }
    /// The next item, or nothing once the queue is finished and empty.
    std::optional<WorkItem> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return closed_ || finished_ || !items_.empty(); });
        if (closed_ || items_.empty()) {
            return std::nullopt;
        }
        auto item = std::move(items_.front());
        items_.pop_front();
        held_ -= weight_of(item);
        not_full_.notify_one();
        return item;
    }
    /// No more items will come; pop() drains what is left.
    void finish() {
        std::lock_guard lock(mutex_);
        finished_ = true;
        not_empty_.notify_all();
    }
    /// Abandons the queue: producers and consumers return at once.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
        not_full_.notify_all();
    }

  private:
    std::mutex mutex_;
    std::condition_variable not_full_;
    std::condition_variable not_empty_;
    std::deque<WorkItem> items_;
    std::size_t capacity_;
    std::size_t held_ = 0;
    bool finished_ = false;
    bool closed_ = false;
};

Xapian::TermGenerator make_term_generator() {
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem(std::string(stemmer_language)));
    generator.set_stemming_strategy(term_generator_stemming);
    return generator;
}

enum class WriterRole {
    /// Writes one shard of a full build into an empty database: commits (flushes) every
    /// so many articles; nothing is stored yet to replace or alias.
    shard,
    /// Updates the index in place: articles may replace or alias stored ones, and
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
           std::optional<Xapian::WritableDatabase> spelling_db = std::nullopt)
        : db_(std::move(db)),
          spelling_db_(std::move(spelling_db)),
          stop_(stop),
          commit_every_(commit_every),
          at_file_ends_(role == WriterRole::update),
          check_existing_(role == WriterRole::update) {
        // The spelling data behind "did you mean" (from titles: see make_document), and
        // the shipped synonym table that plain queries expand with; both merge when
        // shards are compacted.
        generator_.set_database(spelling_db_ ? *spelling_db_ : db_);
        generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
        // An index that has its synonyms keeps them: rewriting them would make an
        // unchanged re-run a change.
        if (db_.synonym_keys_begin() == db_.synonym_keys_end()) {
            add_synonyms(db_, builtin_synonyms());
        }
        mark_current_format(db_);
        if (at_file_ends_) {
            // Changes since the last commit stay in a transaction, so that an interrupted
            // file's articles can be dropped, and a failure (a full disk) commits nothing.
            db_.begin_transaction();
        }
    }

    void handle(WorkItem&& item) {
        std::visit([this](auto&& value) { apply(std::move(value)); }, std::move(item));
    }
    void commit() {
        if (at_file_ends_) {
            db_.commit_transaction();
            db_.begin_transaction();
        } else {
            db_.commit();
        }
        pending_ = 0;
    }
    /// The last commit: the articles and the spelling data.
    void finish() {
        commit();
        if (spelling_db_) {
            spelling_db_->commit();
        }
    }
    [[nodiscard]] std::size_t written() const { return written_.load(); }
    [[nodiscard]] std::size_t deleted() const { return deleted_; }
    /// Articles found identical to one stored before this run.
    [[nodiscard]] std::size_t aliases() const { return aliases_; }

  private:
    void apply(ArticleItem&& item) {
        auto& article = item.article;
        const auto id_term = unique_id_term(article.id);
        const auto hash_term = content_hash_term(item.content_hash);
        if (check_existing_) {
            if (keep_as_alias(article, id_term, hash_term)) {
                return;
            }
        }
        auto doc = make_document(article, generator_);
        doc.add_boolean_term(item.file_term);
        doc.add_boolean_term(hash_term);
        const auto docid = db_.replace_document(id_term, doc);
        if (check_existing_) {
            file_docids_.insert(docid);
        }
        ++written_;
        ++pending_;
        if (!at_file_ends_ && pending_ >= commit_every_) {
            commit();
        }
        if (spelling_db_ && written_ % spelling_commit_articles == 0) {
            spelling_db_->commit();
        }
    }

    /// In an index that held articles before this run: when a different article with
    /// the same title and body is stored, records this one as its alias and returns true.
    /// An article stored again under its own id keeps the aliases it had.
    bool keep_as_alias(Article& article, const std::string& id_term, const std::string& hash_term) {
        for (auto it = db_.postlist_begin(hash_term); it != db_.postlist_end(hash_term); ++it) {
            auto stored = db_.get_document(*it);
            auto stored_article = decode_document_data(stored.get_data());
            if (unique_id_term(stored_article.id) == id_term) {
                article.aliases = std::move(stored_article.aliases);
                return false;
            }
            add_alias(stored, std::move(stored_article), article.id);
            file_docids_.insert(*it);
            ++aliases_;
            return true;
        }
        return false;
    }

    void add_alias(Xapian::Document& doc, Article&& stored, const std::string& alias_id) {
        if (std::find(stored.aliases.begin(), stored.aliases.end(), alias_id) !=
                stored.aliases.end() ||
            stored.id == alias_id) {
            return;
        }
        stored.aliases.push_back(alias_id);
        doc.set_data(encode_document_data(stored));
        db_.replace_document(doc.get_docid(), doc);
    }

    void apply(FileDone&& done) {
        if (done.drop_stale_articles) {
            // Articles the file held last time and holds no more.
            const auto term = file_term(done.state.path);
            std::vector<Xapian::docid> stale;
            for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
                if (!file_docids_.contains(*it)) {
                    stale.push_back(*it);
                }
            }
            for (const auto docid : stale) {
                db_.delete_document(docid);
                ++deleted_;
            }
        }
        file_docids_.clear();
        db_.set_metadata(done.key, done.state.encode());
        if (at_file_ends_ && (pending_ >= commit_every_ || stop_.load())) {
            commit();
        }
    }

    void apply(FileGone&& gone) {
        for (auto it = db_.postlist_begin(gone.file_term); it != db_.postlist_end(gone.file_term);
             ++it) {
            ++deleted_;
        }
        db_.delete_document(gone.file_term);
        db_.set_metadata(gone.key, {});
    }

    void apply(FileAbandoned&& /*abandoned*/) {
        if (!at_file_ends_) {
            // A full build: the file is not recorded, and the next run replaces what was
            // written of it.
            return;
        }
        // Xapian drops every change since the last commit: the part of this file, and
        // the files read since that commit, unless they ended after the stop (see
        // apply(FileDone)). None is recorded, so the next run reads them again.
        db_.cancel_transaction();
        db_.begin_transaction();
        file_docids_.clear();
        pending_ = 0;
    }

    void apply(AliasItem&& alias) {
        const auto term = unique_id_term(alias.canonical_id);
        const auto it = db_.postlist_begin(term);
        if (it == db_.postlist_end(term)) {
            return;
        }
        auto doc = db_.get_document(*it);
        add_alias(doc, decode_document_data(doc.get_data()), alias.alias_id);
    }

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
    std::size_t aliases_ = 0;
    std::unordered_set<Xapian::docid> file_docids_;
};

/// Runs writers on threads, each fed by its own queue.
class WriterPool {
  public:
    WriterPool(std::vector<std::unique_ptr<Writer>> writers, std::size_t queue_bytes)
        : queue_bytes_(queue_bytes) {
        for (auto& writer : writers) {
            add(std::move(writer));
        }
    }
    ~WriterPool() {
        close_all();
        for (auto& thread : threads_) {
            if (thread.joinable()) {
                thread.join();
            }
        }
    }
    WriterPool(const WriterPool&) = delete;
    WriterPool& operator=(const WriterPool&) = delete;

    [[nodiscard]] std::size_t size() const { return writers_.size(); }
    /// Starts another writer (a new shard) and returns its number. Called, like send(),
    /// on the one thread that dispatches.
    std::size_t add(std::unique_ptr<Writer> writer) {
        std::lock_guard lock(structure_mutex_);
        writers_.push_back(std::move(writer));
        queues_.push_back(std::make_unique<BoundedQueue>(queue_bytes_));
        threads_.emplace_back([this, queue = queues_.back().get(), writer = writers_.back().get()] {
            run(*queue, *writer);
        });
        return writers_.size() - 1;
    }
    /// Sends an item to writer `i`; false when a writer failed.
    bool send(std::size_t i, WorkItem item) { return queues_[i]->push(std::move(item)); }
    /// Waits for the writers to drain their queues, commits, and rethrows their failure.
    void finish() {
        for (auto& queue : queues_) {
            queue->finish();
        }
        for (auto& thread : threads_) {
            thread.join();
        }
        if (failure_) {
            std::rethrow_exception(failure_);
        }
    }
    [[nodiscard]] std::size_t written() const {
        std::size_t total = 0;
        for (const auto& writer : writers_) {
            total += writer->written();
        }
        return total;
    }
    [[nodiscard]] std::vector<std::unique_ptr<Writer>>& writers() { return writers_; }

  private:
    void run(BoundedQueue& queue, Writer& writer) {
        try {
            while (auto item = queue.pop()) {
                writer.handle(std::move(*item));
            }
            std::lock_guard lock(failure_mutex_);
            if (!failure_) {
                writer.finish();
            }
        } catch (...) {
            {
                std::lock_guard lock(failure_mutex_);
                if (!failure_) {
                    failure_ = std::current_exception();
                }
            }
            close_all();
        }
    }

    void close_all() {
        std::lock_guard lock(structure_mutex_);
        for (auto& queue : queues_) {
            queue->close();
        }
    }

    std::size_t queue_bytes_;
    /// Guards the lists below while add() grows them and a failing writer walks them.
    std::mutex structure_mutex_;
    std::vector<std::unique_ptr<Writer>> writers_;
    std::vector<std::unique_ptr<BoundedQueue>> queues_;
    std::vector<std::thread> threads_;
    std::mutex failure_mutex_;
    std::exception_ptr failure_;
};

class WriterFailed : public std::exception {};

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
    Dispatcher(WriterPool& pool, Routing routing,
               std::unordered_map<std::string, FileState>& known_files, IndexReporter& reporter,
               const std::atomic<bool>& stop, IndexCounts& counts)
        : pool_(pool),
          routing_(std::move(routing)),
          known_files_(known_files),
          reporter_(reporter),
          stop_(stop),
          counts_(counts) {}

    bool want_file(const FoundFile& file) override {
        ++counts_.files_found;
        visited_.insert(file_state_key(file.identity_path));
        if (stopping()) {
            return false;
        }
        const auto known = known_files_.find(file_state_key(file.identity_path));
        if (known != known_files_.end() && known->second.size == file.size &&
            known->second.mtime_ns == file.mtime_ns && known->second.path == file.identity_path) {
            pass_over(file);
            return false;
        }
        return true;
    }

    bool want_contents(const FoundFile& file, std::string_view contents) override {
        counts_.bytes_read += contents.size();
        file_hash_ = stable_hash(contents);
        const auto key = file_state_key(file.identity_path);
        const auto known = known_files_.find(key);
        known_before_ = known != known_files_.end();
        if (known_before_ && known->second.content_hash == file_hash_ &&
            known->second.path == file.identity_path) {
            // Touched but not changed: remember the new time, index nothing.
            ++counts_.files_same_contents;
            counts_.bytes_done += file.size;
            send_file_item(FileDone{key, state_of(file), false});
            return false;
        }
        ++counts_.files_indexed;
        current_file_term_ = file_term(file.identity_path);
        interrupted_file_ = false;
        return true;
    }

    void on_article(Article&& article, InputFormat format) override {
        if (stopping()) {
            interrupted_file_ = true;
            return;
        }
        const auto hash = content_hash(article);
        const auto canonical = first_by_content_.find(hash);
        if (canonical != first_by_content_.end() && canonical->second.id != article.id) {
            ++counts_.aliases;
            send(canonical->second.writer, AliasItem{canonical->second.id, article.id});
        } else {
            const auto writer = routing_.writer_for(article);
            catch_up_new_writers();
            first_by_content_.try_emplace(hash, StoredCopy{article.id, writer});
            send(writer, ArticleItem{std::move(article), current_file_term_, hash});
        }
        ++counts_.articles_by_format[format];
        maybe_report();
    }

    void on_skip(const SourceLocation& where, SkipKind kind, std::string_view reason) override {
        ++counts_.skipped;
        ++counts_.skips_by_kind[kind];
        reporter_.on_skip(where, reason);
    }

    void end_file(const FoundFile& file) override {
        counts_.bytes_done += file.size;
        if (interrupted_file_) {
            // Not recorded, and what was written of it is dropped: the next run reads it.
            for (std::size_t i = 0; i < pool_.size(); ++i) {
                send(i, FileAbandoned{});
            }
            return;
        }
        // In a full build every writer holds part of the file, and all is published at
        // once; in an update the one writer commits the file whole.
        send_file_item(FileDone{file_state_key(file.identity_path), state_of(file), known_before_});
        maybe_report();
    }

    /// Files recorded in the index that this run did not find and that are gone.
    void prune_missing() {
        for (const auto& [key, state] : known_files_) {
            std::error_code error;
            if (visited_.contains(key) || fs::exists(state.path, error) || error) {
                continue;
            }
            ++counts_.files_pruned;
            send_file_item(FileGone{key, file_term(state.path)});
        }
    }

    void report() {
        counts_.articles_written = pool_.written();
        reporter_.on_progress(counts_);
    }

  private:
    bool stopping() {
        if (stop_.load()) {
            counts_.interrupted = true;
        }
        return counts_.interrupted;
    }

    void pass_over(const FoundFile& file) {
        ++counts_.files_unchanged;
        counts_.bytes_done += file.size;
        maybe_report();
    }

    FileState state_of(const FoundFile& file) const {
        return {file.size, file.mtime_ns, file_hash_, file.identity_path};
    }

    void send_file_item(const WorkItem& item) {
        if (!routing_.every_writer_records_files) {
            send(0, item);
            return;
        }
        for (std::size_t i = 0; i < pool_.size(); ++i) {
            send(i, item);
        }
        file_items_.push_back(item);
    }

    /// A shard made during this run records the files recorded before it existed: none
    /// of their articles belong in it, or it would have existed then.
    void catch_up_new_writers() {
        for (; writers_caught_up_ < pool_.size(); ++writers_caught_up_) {
            if (writers_caught_up_ < initial_writers_) {
                continue;
            }
            for (const auto& item : file_items_) {
                send(writers_caught_up_, item);
            }
        }
    }

    void send(std::size_t writer, WorkItem item) {
        if (!pool_.send(writer, std::move(item))) {
            throw WriterFailed();
        }
    }

    void maybe_report() {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_report_ >= std::chrono::milliseconds(250)) {
            last_report_ = now;
            report();
        }
    }

    /// The first article seen with some contents, and the writer that stores it.
    struct StoredCopy {
        std::string id;
        std::size_t writer = 0;
    };

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
    std::unordered_map<std::uint64_t, StoredCopy> first_by_content_;
    std::uint64_t file_hash_ = 0;
    bool known_before_ = false;
    bool interrupted_file_ = false;
    std::string current_file_term_;
    std::chrono::steady_clock::time_point last_report_ = std::chrono::steady_clock::now();
};

unsigned writer_threads(unsigned jobs) {
    if (jobs > 0) {
        return jobs;
    }
    return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

std::size_t IndexCounts::articles() const {
    std::size_t total = 0;
    for (const auto& [format, count] : articles_by_format) {
        total += count;
    }
    return total;
}

Xapian::Document make_document(const Article& article, Xapian::TermGenerator& term_generator) {
    Xapian::Document doc;
    term_generator.set_document(doc);
    for (const auto& field : fields()) {
        for (const auto value : field.values(article)) {
            if (value.empty()) {
                continue;
            }
            if (field.kind == FieldKind::boolean) {
                doc.add_boolean_term(boolean_term(field.prefix, value));
                continue;
            }
            const std::string text(value);
            term_generator.index_text(text, 1, std::string(field.prefix));
            if (field.default_search_weight > 0) {
                term_generator.index_text(text, field.default_search_weight);
            }
            // A gap so that phrases never run from one field value into the next.
            term_generator.increase_termpos();
        }
    }
    // Spelling data ("did you mean") comes from the fields above, titles above all,
    // not from bodies: headlines hold the names and words people search for, and
    // adding every body word doubled the indexer's CPU time on the bench corpus.
    const auto flags = term_generator.set_flags(Xapian::TermGenerator::flags(0),
                                                ~Xapian::TermGenerator::FLAG_SPELLING);
    term_generator.index_text(article.body, body_weight);
    term_generator.set_flags(flags);
    doc.add_boolean_term(unique_id_term(article.id));
    if (article.date) {
        add_date(doc, *article.date);
    }
    // Values the searcher collapses copies and counts facets by.
    const auto story = story_key(article);
    doc.add_value(slot_story, story);
    if (!story.empty()) {
        doc.add_boolean_term(story_term(story));
    }
    doc.add_value(slot_source, article.source);
    doc.add_value(slot_tags, tags_value(article));
    doc.set_data(encode_document_data(article));
    return doc;
}

namespace {

/// Feeds the articles under `paths` to `writers` and waits for them to finish; returns
/// the writers (for their counts).
std::vector<std::unique_ptr<Writer>> run_writers(
    std::vector<std::unique_ptr<Writer>> writers,
    const std::function<Routing(WriterPool&)>& make_routing,
    std::unordered_map<std::string, FileState>& known_files, const std::vector<fs::path>& paths,
    const IndexOptions& options, IndexReporter& reporter, const std::atomic<bool>& stop,
    IndexCounts& counts) {
    // Room for a few hundred articles per writer, not the whole archive; it is also
    // what the writers still finish after Ctrl-C (about a second's work).
    constexpr std::size_t queue_bytes = 4 << 20;
    WriterPool pool(std::move(writers), queue_bytes);
    Dispatcher dispatcher(pool, make_routing(pool), known_files, reporter, stop, counts);
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
        counts.aliases += writer->aliases();
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
    writers = run_writers(std::move(writers), by_id_hash, known_files, paths, options, reporter,
                          stop, counts);

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
    writers =
        run_writers(std::move(writers), route, known_files, paths, options, reporter, stop, counts);
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
