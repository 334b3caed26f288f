/** @file
 *  @brief The index folder's layout: a lock, a stub naming the current generation, and
 *  the generations themselves.
 */
#include "index/index_store.h"

#include <byline/error.h>

#include <fmt/format.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace byline {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view stub_name = "XAPIANDB";
constexpr std::string_view generation_prefix = "gen-";

/// The generation the stub names, or an empty path when there is no stub.
fs::path read_stub(const fs::path& dir) {
    std::ifstream in(dir / stub_name);
    std::string backend;
    std::string name;
    if (!(in >> backend >> name) || backend != "glass" || !name.starts_with(generation_prefix)) {
        return {};
    }
    return dir / name;
}

/// Refuses a folder that is itself a glass database, as an early byline-index wrote.
void check_not_old_layout(const fs::path& dir) {
    std::error_code error;
    if (fs::exists(dir / "iamglass", error)) {
        throw Error(
            fmt::format("{} holds an index from an earlier byline-index; remove it and index again",
                        dir.string()));
    }
}

unsigned generation_number(const fs::path& generation) {
    const auto name = generation.filename().string();
    return static_cast<unsigned>(std::stoul(name.substr(generation_prefix.size())));
}

}  // namespace

/// Writes a file and renames it into place, so readers find the old or the new text.
void replace_file_atomically(const fs::path& path, const std::string& text) {
    const auto temporary = fs::path(path.string() + ".new");
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0 &&
              ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
              ::fsync(fd) == 0;
    if (fd >= 0) {
        ok = ::close(fd) == 0 && ok;
    }
    if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
        throw Error(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
    }
    const int dir_fd = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
}

IndexLock::IndexLock(const fs::path& dir, bool wait, const std::function<void()>& on_wait) {
    std::error_code error;
    fs::create_directories(dir, error);
    const auto lock_path = dir / "byline.lock";
    fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        throw Error(fmt::format("cannot open index {} for writing: {}", dir.string(),
                                std::strerror(errno)));
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        if (!wait) {
            ::close(fd_);
            throw IndexLockedError(dir);
        }
        on_wait();
        while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
        }
    }
}

IndexLock::~IndexLock() {
    ::close(fd_);
}

IndexStore::IndexStore(const fs::path& dir, bool wait, const std::function<void()>& on_wait)
    : dir_(dir), lock_(dir, wait, on_wait) {
    check_not_old_layout(dir_);
    std::error_code error;
    current_ = read_stub(dir_);
    if (current_.empty() && fs::exists(dir_ / stub_name, error)) {
        // Damaged or not ours: making a new index here would throw the old one away.
        throw Error(
            fmt::format("index {} is damaged: its {} file names no generation of an "
                        "index (a sharded index or a stub of your own?)",
                        dir_.string(), stub_name));
    }
    if (current_.empty()) {
        current_ = dir_ / fmt::format("{}{:06}", generation_prefix, 1);
        fs::remove_all(current_, error);
        Xapian::WritableDatabase(current_.string(), Xapian::DB_CREATE_OR_OVERWRITE).commit();
        replace_file_atomically(dir_ / stub_name,
                                fmt::format("glass {}\n", current_.filename().string()));
    }
    // Whatever a crashed or interrupted run left: unpublished generations, scratch files.
    for (const auto& entry : fs::directory_iterator(dir_, error)) {
        const auto name = entry.path().filename().string();
        if (name.starts_with(generation_prefix) && entry.path() != current_) {
            fs::remove_all(entry.path(), error);
        }
    }
    fs::remove_all(scratch(), error);
}

fs::path IndexStore::next_generation() const {
    return dir_ / fmt::format("{}{:06}", generation_prefix, generation_number(current_) + 1);
}

fs::path IndexStore::scratch() const {
    return dir_ / "scratch";
}

void IndexStore::publish(const fs::path& generation) {
    replace_file_atomically(dir_ / stub_name,
                            fmt::format("glass {}\n", generation.filename().string()));
    std::error_code error;
    fs::remove_all(current_, error);
    current_ = generation;
}

void IndexStore::compact() {
    const auto generation = next_generation();
    try {
        Xapian::Database(current_.string()).compact(generation.string());
    } catch (const Xapian::Error& e) {
        std::error_code error;
        fs::remove_all(generation, error);
        throw Error(fmt::format("cannot compact index {}: {}", dir_.string(), e.get_msg()));
    }
    publish(generation);
}

}  // namespace byline
