/** @file
 *  @brief The reading thread's side of an update: which files to read, which articles
 *  are copies, which story each reports, and which writer gets what.
 */
#include "index/dispatcher.h"

#include <byline/fields.h>

#include "schema/terms.h"
#include "text.h"

#include <filesystem>

namespace byline {

namespace fs = std::filesystem;

bool Dispatcher::want_file(const FoundFile& file) {
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

bool Dispatcher::want_contents(const FoundFile& file, std::uint64_t content_hash) {
    file_hash_ = content_hash;
    const auto key = file_state_key(file.identity_path);
    const auto known = known_files_.find(key);
    known_before_ = known != known_files_.end();
    if (known_before_ && known->second.content_hash == file_hash_ &&
        known->second.path == file.identity_path) {
        // Touched but not changed: remember the new time, index nothing.
        ++counts_.files_same_contents;
        counts_.bytes_read += file.size;
        counts_.bytes_done += file.size;
        send_file_item(FileDone{key, state_of(file), false});
        return false;
    }
    ++counts_.files_indexed;
    current_file_term_ = file_term(file.identity_path);
    interrupted_file_ = false;
    return true;
}

void Dispatcher::on_bytes_read(std::size_t bytes) {
    counts_.bytes_read += bytes;
    counts_.bytes_done += bytes;
    maybe_report();
}

bool Dispatcher::keep_reading() {
    if (stopping()) {
        interrupted_file_ = true;
    }
    return !interrupted_file_;
}

void Dispatcher::on_article(Article&& article, InputFormat format) {
    if (stopping()) {
        interrupted_file_ = true;
        return;
    }
    for (const auto& path : stored_unread_) {
        const Xapian::Database db(path.string());
        copies_.add_stored(db);
        stories_.add_stored(db);
    }
    stored_unread_.clear();
    // Copies and stories are told apart here, on the one reading thread, so that they
    // are the same whatever the number of writers.
    const auto body = word_sequence(article.body);
    const auto sketch = CopySketch::of(body);
    auto copy = copies_.group_for(sketch, copy_key(article, body));
    auto vector = stories_.vector_of(article, body);
    if (copy.copy) {
        ++counts_.copies;
        article.story = stories_.story_of_copy(copy.group, article.date);
        // A copy adds no words to its story (story_of_copy), here or in a later run.
        vector.clear();
    } else {
        article.story = stories_.story_for(vector, article.date, copy.group);
        if (article.story != copy.group) {
            ++counts_.story_joins;
        }
    }
    article.copy_group = std::move(copy.group);
    const auto writer = routing_.writer_for(article);
    catch_up_new_writers();
    send(writer,
         ArticleItem{std::move(article), current_file_term_,
                     sketch ? sketch->signature() : std::string(), StoryFinder::encode(vector)});
    ++counts_.articles_by_format[format];
    maybe_report();
}

void Dispatcher::on_skip(const SourceLocation& where, SkipKind kind, std::string_view reason) {
    ++counts_.skipped;
    ++counts_.skips_by_kind[kind];
    reporter_.on_skip(where, kind, reason);
}

void Dispatcher::end_file(const FoundFile& file) {
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

void Dispatcher::prune_missing() {
    for (const auto& [key, state] : known_files_) {
        std::error_code error;
        if (visited_.contains(key) || fs::exists(state.path, error) || error) {
            continue;
        }
        ++counts_.files_pruned;
        send_file_item(FileGone{key, file_term(state.path)});
    }
}

void Dispatcher::report() {
    counts_.articles_written = pool_.written();
    reporter_.on_progress(counts_);
}

bool Dispatcher::stopping() {
    if (stop_.load()) {
        counts_.interrupted = true;
    }
    return counts_.interrupted;
}

void Dispatcher::pass_over(const FoundFile& file) {
    ++counts_.files_unchanged;
    counts_.bytes_done += file.size;
    maybe_report();
}

FileState Dispatcher::state_of(const FoundFile& file) const {
    return {file.size, file.mtime_ns, file_hash_, file.identity_path};
}

void Dispatcher::send_file_item(const WorkItem& item) {
    if (!routing_.every_writer_records_files) {
        send(0, item);
        return;
    }
    for (std::size_t i = 0; i < pool_.size(); ++i) {
        send(i, item);
    }
    file_items_.push_back(item);
}

void Dispatcher::catch_up_new_writers() {
    for (; writers_caught_up_ < pool_.size(); ++writers_caught_up_) {
        if (writers_caught_up_ < initial_writers_) {
            continue;
        }
        for (const auto& item : file_items_) {
            send(writers_caught_up_, item);
        }
    }
}

void Dispatcher::send(std::size_t writer, WorkItem item) {
    if (!pool_.send(writer, std::move(item))) {
        throw WriterFailed();
    }
}

void Dispatcher::maybe_report() {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report_ >= std::chrono::milliseconds(250)) {
        last_report_ = now;
        report();
    }
}

}  // namespace byline
