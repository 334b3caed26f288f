/** @file
 *  @brief Writer threads, each fed by a bounded queue of its own.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INDEX_WRITER_POOL_H
#define BYLINE_INCLUDED_INDEX_WRITER_POOL_H

#include "index/database_writer.h"
#include "index/work_queue.h"

#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace byline {

/// Runs writers on threads, each fed by its own queue.
class WriterPool {
  public:
    WriterPool(std::vector<std::unique_ptr<Writer>> writers, std::size_t queue_bytes)
        : queue_bytes_(queue_bytes) {
        for (auto& writer : writers) {
            add(std::move(writer));
        }
    }
    ~WriterPool();
    WriterPool(const WriterPool&) = delete;
    WriterPool& operator=(const WriterPool&) = delete;

    [[nodiscard]] std::size_t size() const { return writers_.size(); }
    /// Starts another writer (a new shard) and returns its number. Called, like send(),
    /// on the one thread that dispatches.
    std::size_t add(std::unique_ptr<Writer> writer);
    /// Sends an item to writer `i`; false when a writer failed.
    bool send(std::size_t i, WorkItem item) { return queues_[i]->push(std::move(item)); }
    /// Waits for the writers to drain their queues, commits, and rethrows their failure.
    void finish();
    [[nodiscard]] std::size_t written() const;
    [[nodiscard]] std::vector<std::unique_ptr<Writer>>& writers() { return writers_; }

  private:
    void run(BoundedQueue& queue, Writer& writer);
    void close_all();

    std::size_t queue_bytes_;
    /// Guards the lists below while add() grows them and a failing writer walks them.
    std::mutex structure_mutex_;
    std::vector<std::unique_ptr<Writer>> writers_;
    std::vector<std::unique_ptr<BoundedQueue>> queues_;
    std::vector<std::thread> threads_;
    std::mutex failure_mutex_;
    std::exception_ptr failure_;
};

/// Thrown to the reading thread when a writer failed; the writer's own error is
/// rethrown by WriterPool::finish().
class WriterFailed : public std::exception {};

}  // namespace byline

#endif
