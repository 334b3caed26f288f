/** @file
 *  @brief Bytes read front to back from a file, a bundle's member or memory.
 */
#include "ingest/byte_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace byline {

std::size_t MemorySource::read(char* buffer, std::size_t size) {
    const auto count = std::min(size, bytes_.size() - position_);
    std::memcpy(buffer, bytes_.data() + position_, count);
    position_ += count;
    return count;
}

std::optional<std::int64_t> MemorySource::seek(std::int64_t offset, int whence) {
    const auto base = whence == SEEK_SET   ? std::int64_t{0}
                      : whence == SEEK_CUR ? static_cast<std::int64_t>(position_)
                                           : static_cast<std::int64_t>(bytes_.size());
    const auto target = base + offset;
    if (target < 0 || target > static_cast<std::int64_t>(bytes_.size())) {
        return std::nullopt;
    }
    position_ = static_cast<std::size_t>(target);
    return target;
}

std::size_t FileSource::read(char* buffer, std::size_t size) {
    while (true) {
        const auto got = ::read(fd_, buffer, size);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            set_damage(std::strerror(errno));
            return 0;
        }
        const auto count = static_cast<std::size_t>(got);
        bytes_read_ += count;
        on_read_(count);
        return count;
    }
}

std::optional<std::int64_t> FileSource::seek(std::int64_t offset, int whence) {
    const auto at = ::lseek(fd_, offset, whence);
    if (at < 0) {
        return std::nullopt;
    }
    return at;
}

HeadedSource::HeadedSource(ByteSource& rest, std::size_t head_bytes) : rest_(rest) {
    head_.resize(head_bytes);
    std::size_t filled = 0;
    while (filled < head_bytes) {
        const auto got = rest_.read(head_.data() + filled, head_bytes - filled);
        if (got == 0) {
            break;
        }
        filled += got;
    }
    head_.resize(filled);
}

std::size_t HeadedSource::read(char* buffer, std::size_t size) {
    if (head_position_ < head_.size()) {
        const auto count = std::min(size, head_.size() - head_position_);
        std::memcpy(buffer, head_.data() + head_position_, count);
        head_position_ += count;
        return count;
    }
    const auto count = rest_.read(buffer, size);
    if (count == 0 && rest_.damage()) {
        set_damage(*rest_.damage());
    }
    return count;
}

std::optional<std::int64_t> HeadedSource::seek(std::int64_t offset, int whence) {
    // The head came from the start of `rest_`: past a seek, it is read from there.
    const auto unread_head = static_cast<std::int64_t>(head_.size() - head_position_);
    const auto at = rest_.seek(whence == SEEK_CUR ? offset - unread_head : offset, whence);
    if (at) {
        head_position_ = head_.size();
    }
    return at;
}

std::string read_up_to(ByteSource& source, std::size_t limit) {
    std::string bytes;
    constexpr std::size_t block = 1 << 20;
    while (bytes.size() <= limit) {
        const auto start = bytes.size();
        bytes.resize(start + std::min(block, limit + 1 - start));
        const auto got = source.read(bytes.data() + start, bytes.size() - start);
        bytes.resize(start + got);
        if (got == 0) {
            break;
        }
    }
    return bytes;
}

}  // namespace byline
