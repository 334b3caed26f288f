/** @file
 *  @brief The index folder's layout: a lock, a stub naming the current generation, and
 *  the generations themselves.
 *  @internal
 *
 *  INDEX/XAPIANDB is a Xapian stub file ("glass gen-000002") that readers open like a
 *  database; INDEX/gen-NNNNNN are glass databases. A full build or a compaction writes a
 *  new generation beside the current one and publishes it by renaming a new stub over
 *  the old: readers see the old index or the new one, never a half-written one, and a
 *  crash at any moment leaves the last published generation intact. INDEX/byline.lock
 *  is held (flock) by the one indexer that may write.
 */
#ifndef BYLINE_INCLUDED_INDEX_INDEX_STORE_H
#define BYLINE_INCLUDED_INDEX_INDEX_STORE_H

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <string>

namespace byline {

/// Writes a file and renames it into place, so readers find the old or the new text.
void replace_file_atomically(const std::filesystem::path& path, const std::string& text);

/// The flock on INDEX/byline.lock held by the one indexer that may write the folder.
class IndexLock {
  public:
    /// Creates the folder when missing. When another indexer holds the lock, throws
    /// byline::Error, or with `wait` calls `on_wait` once and waits for it.
    IndexLock(const std::filesystem::path& dir, bool wait, const std::function<void()>& on_wait);
    ~IndexLock();
    IndexLock(const IndexLock&) = delete;
    IndexLock& operator=(const IndexLock&) = delete;

  private:
    int fd_ = -1;
};

class IndexStore {
  public:
    /// Locks the index folder for writing, creating an empty index when there is none,
    /// and removes what a crashed run left behind. When another indexer holds the lock,
    /// throws byline::Error, or with `wait` calls `on_wait` once and waits for it.
    IndexStore(const std::filesystem::path& dir, bool wait, const std::function<void()>& on_wait);
    IndexStore(const IndexStore&) = delete;
    IndexStore& operator=(const IndexStore&) = delete;

    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
    /// The published generation's database.
    [[nodiscard]] const std::filesystem::path& current() const { return current_; }
    /// An unused path for the next generation (not created).
    [[nodiscard]] std::filesystem::path next_generation() const;
    /// A private folder for temporary databases, emptied on every run.
    [[nodiscard]] std::filesystem::path scratch() const;
    /// Makes `generation` the index readers open, and removes the one it replaces.
    void publish(const std::filesystem::path& generation);
    /// Compacts the current generation into a new one and publishes it.
    void compact();

  private:
    std::filesystem::path dir_;
    IndexLock lock_;
    std::filesystem::path current_;
};

}  // namespace byline

#endif
