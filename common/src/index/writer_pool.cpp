/** @file
 *  @brief Writer threads, each fed by a bounded queue of its own.
 */
#include "index/writer_pool.h"

namespace byline {

WriterPool::~WriterPool() {
    close_all();
    for (auto& thread : threads_) {
        if (thread.joinable()) {
            thread.join();
        }
    }
}

std::size_t WriterPool::add(std::unique_ptr<Writer> writer) {
    std::lock_guard lock(structure_mutex_);
    writers_.push_back(std::move(writer));
    queues_.push_back(std::make_unique<BoundedQueue>(queue_bytes_));
    threads_.emplace_back([this, queue = queues_.back().get(), writer = writers_.back().get()] {
        run(*queue, *writer);
    });
    return writers_.size() - 1;
}

void WriterPool::finish() {
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

std::size_t WriterPool::written() const {
    std::size_t total = 0;
    for (const auto& writer : writers_) {
        total += writer->written();
    }
    return total;
}

void WriterPool::run(BoundedQueue& queue, Writer& writer) {
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

void WriterPool::close_all() {
    std::lock_guard lock(structure_mutex_);
    for (auto& queue : queues_) {
        queue->close();
    }
}

}  // namespace byline
