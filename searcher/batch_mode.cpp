/** @file
 *  @brief Batch mode's engine: query lines answered in input order, several at once.
 */
#include "batch_mode.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace byline {

namespace {

void write(const LineAnswer& answer, std::ostream& out, std::ostream& err) {
    err << answer.err;
    out << answer.out;
    out.flush();
}

bool answer_in_turn(std::istream& lines, const LineAnswerer& answerer, std::ostream& out,
                    std::ostream& err) {
    bool any_hits = false;
    std::size_t line_number = 0;
    for (std::string line; std::getline(lines, line);) {
        const auto answer = answerer(++line_number, std::move(line));
        write(answer, out, err);
        any_hits = any_hits || answer.hits;
    }
    return any_hits;
}

/// Lines waiting for a thread, and answers waiting for their turn to be written.
class Exchange {
  public:
    void put(std::size_t line_number, std::string line) {
        const std::lock_guard lock(mutex_);
        waiting_.emplace_back(line_number, std::move(line));
        changed_.notify_all();
    }

    /// The next line to answer; nothing when the input has ended or the batch stopped.
    std::optional<std::pair<std::size_t, std::string>> take() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !waiting_.empty() || ended_ || stopped_; });
        if (waiting_.empty() || stopped_) {
            return std::nullopt;
        }
        auto line = std::move(waiting_.front());
        waiting_.pop_front();
        changed_.notify_all();
        return line;
    }

    void give(std::size_t line_number, LineAnswer answer) {
        const std::lock_guard lock(mutex_);
        answers_.emplace(line_number, std::move(answer));
        changed_.notify_all();
    }

    void fail(std::size_t line_number, std::exception_ptr error) {
        const std::lock_guard lock(mutex_);
        errors_.emplace(line_number, std::move(error));
        changed_.notify_all();
    }

    void end_input() {
        const std::lock_guard lock(mutex_);
        ended_ = true;
        changed_.notify_all();
    }

    /// Writes the answers whose turn has come, in order. Throws the error of a line
    /// whose turn has come.
    bool write_ready(std::ostream& out, std::ostream& err) {
        std::unique_lock lock(mutex_);
        return write_ready(lock, out, err);
    }

    /// Writes the answers in order up to line `last`, waiting for each.
    bool write_through(std::size_t last, std::ostream& out, std::ostream& err) {
        std::unique_lock lock(mutex_);
        bool any_hits = false;
        while (next_ <= last) {
            changed_.wait(lock,
                          [&] { return answers_.contains(next_) || errors_.contains(next_); });
            any_hits = write_ready(lock, out, err) || any_hits;
        }
        return any_hits;
    }

    void stop() {
        const std::lock_guard lock(mutex_);
        stopped_ = true;
        changed_.notify_all();
    }

  private:
    bool write_ready(std::unique_lock<std::mutex>& lock, std::ostream& out, std::ostream& err) {
        bool any_hits = false;
        for (;;) {
            if (const auto error = errors_.find(next_); error != errors_.end()) {
                stopped_ = true;
                changed_.notify_all();
                std::rethrow_exception(error->second);
            }
            const auto answer = answers_.find(next_);
            if (answer == answers_.end()) {
                return any_hits;
            }
            const auto ready = std::move(answer->second);
            answers_.erase(answer);
            ++next_;
            // Writing may block on a slow reader: let the threads go on meanwhile.
            lock.unlock();
            write(ready, out, err);
            any_hits = any_hits || ready.hits;
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::pair<std::size_t, std::string>> waiting_;
    std::map<std::size_t, LineAnswer> answers_;
    std::map<std::size_t, std::exception_ptr> errors_;
    /// The line whose answer is written next.
    std::size_t next_ = 1;
    bool ended_ = false;
    bool stopped_ = false;
};

void answer_taken_lines(Exchange& exchange, const std::function<LineAnswerer()>& make_answerer) {
    std::optional<LineAnswerer> answerer;
    while (auto line = exchange.take()) {
        try {
            if (!answerer) {
                answerer = make_answerer();
            }
            exchange.give(line->first, (*answerer)(line->first, std::move(line->second)));
        } catch (...) {
            exchange.fail(line->first, std::current_exception());
        }
    }
}

}  // namespace

bool answer_lines(std::istream& lines, std::size_t jobs,
                  const std::function<LineAnswerer()>& make_answerer, std::ostream& out,
                  std::ostream& err) {
    if (jobs <= 1) {
        return answer_in_turn(lines, make_answerer(), out, err);
    }
    // Lines read but not yet written: enough to keep every thread busy while one
    // query is slow, few enough that its wait does not pile up answers in memory.
    const std::size_t in_flight = 4 * jobs;
    Exchange exchange;
    std::vector<std::jthread> threads;
    // Stops the threads however this ends; they are joined as `threads` goes.
    struct StopOnExit {
        Exchange& exchange;
        ~StopOnExit() { exchange.stop(); }
    } stop_on_exit{exchange};
    for (std::size_t i = 0; i < jobs; ++i) {
        threads.emplace_back([&] { answer_taken_lines(exchange, make_answerer); });
    }
    bool any_hits = false;
    std::size_t line_number = 0;
    for (std::string line; std::getline(lines, line);) {
        if (++line_number > in_flight) {
            any_hits = exchange.write_through(line_number - in_flight, out, err) || any_hits;
        }
        exchange.put(line_number, std::move(line));
        any_hits = exchange.write_ready(out, err) || any_hits;
    }
    exchange.end_input();
    return exchange.write_through(line_number, out, err) || any_hits;
}

}  // namespace byline
