/** @file
 *  @brief Bytes read front to back from a file, a bundle's member or memory, so that a
 *  file of any size is read in pieces, never held whole.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_BYTE_SOURCE_H
#define BYLINE_INCLUDED_INGEST_BYTE_SOURCE_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace byline {

/// A stream of bytes. Reading never throws: damage (a read error, corrupt compressed
/// data) ends the stream early and damage() says what it was, so that the records read
/// before it are still indexed.
class ByteSource {
  public:
    ByteSource() = default;
    virtual ~ByteSource() = default;
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    /// Up to `size` bytes into `buffer`; 0 at the end, or at damage.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
    /// Moves as lseek() does and returns the new offset, for bundles whose index is at
    /// their end (7z); nothing when this source cannot seek.
    virtual std::optional<std::int64_t> seek(std::int64_t /*offset*/, int /*whence*/) {
        return std::nullopt;
    }
    [[nodiscard]] virtual bool seekable() const { return false; }
    [[nodiscard]] const std::optional<std::string>& damage() const { return damage_; }

  protected:
    void set_damage(std::string why) { damage_ = std::move(why); }

  private:
    std::optional<std::string> damage_;
};

/// Bytes already in memory (a test's text, a compressed web page).
class MemorySource : public ByteSource {
  public:
    explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
    std::size_t read(char* buffer, std::size_t size) override;
    std::optional<std::int64_t> seek(std::int64_t offset, int whence) override;
    [[nodiscard]] bool seekable() const override { return true; }

  private:
    std::string_view bytes_;
    std::size_t position_ = 0;
};

/// An open file, read from its current offset; `on_read` hears how many bytes each read
/// took, for progress.
class FileSource : public ByteSource {
  public:
    FileSource(int fd, std::function<void(std::size_t)> on_read)
        : fd_(fd), on_read_(std::move(on_read)) {}
    std::size_t read(char* buffer, std::size_t size) override;
    std::optional<std::int64_t> seek(std::int64_t offset, int whence) override;
    [[nodiscard]] bool seekable() const override { return true; }
    /// The file's bytes read so far: what a compressed file's expansion is measured by.
    [[nodiscard]] const std::uintmax_t& bytes_read() const { return bytes_read_; }

  private:
    int fd_;
    std::function<void(std::size_t)> on_read_;
    std::uintmax_t bytes_read_ = 0;
};

/// A source whose first bytes have been read ahead, to tell what it holds: they are
/// given back before the rest.
class HeadedSource : public ByteSource {
  public:
    HeadedSource(ByteSource& rest, std::size_t head_bytes);
    /// Up to the first `head_bytes` bytes (fewer when the stream is shorter).
    [[nodiscard]] std::string_view head() const { return head_; }
    std::size_t read(char* buffer, std::size_t size) override;
    std::optional<std::int64_t> seek(std::int64_t offset, int whence) override;
    [[nodiscard]] bool seekable() const override { return rest_.seekable(); }

  private:
    ByteSource& rest_;
    std::string head_;
    std::size_t head_position_ = 0;
};

/// The stream's bytes up to `limit` + 1 of them: more than `limit` means there were more.
[[nodiscard]] std::string read_up_to(ByteSource& source, std::size_t limit);

}  // namespace byline

#endif
