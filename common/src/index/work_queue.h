/** @file
 *  @brief What the reading thread sends the writer threads, and the bounded queue it
 *  travels in.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INDEX_WORK_QUEUE_H
#define BYLINE_INCLUDED_INDEX_WORK_QUEUE_H

#include <byline/article.h>

#include "schema/file_state.h"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

namespace byline {

struct ArticleItem {
    Article article;
    std::string file_term;
    /// The body's copy signature (slot_copy_signature); empty for a short body.
    std::string copy_signature;
    /// The article's story vector (slot_story_terms); empty for a copy.
    std::string story_terms;
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
/// A file whose reading was interrupted: what it sent since the last file's end is
/// dropped, so that no commit holds part of a file.
struct FileAbandoned {};
using WorkItem = std::variant<ArticleItem, FileDone, FileGone, FileAbandoned>;

inline std::size_t weight_of(const WorkItem& item) {
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

}  // namespace byline

#endif
