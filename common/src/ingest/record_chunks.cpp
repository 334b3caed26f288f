/** @file
 *  @brief A stream cut into pieces of whole records.
 */
#include "ingest/record_chunks.h"

#include <byline/byte_size.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace byline {

namespace {

/// The size of a piece handed to a reader: large enough that a reader's set-up per
/// piece costs nothing, small enough to keep memory flat.
constexpr std::size_t chunk_bytes = std::size_t{4} << 20;
constexpr std::size_t read_block_bytes = std::size_t{1} << 20;
/// How much of a record passed over is kept to tell what it held (a page or a video).
constexpr std::size_t record_head_bytes = std::size_t{64} << 10;
/// Text compresses ten to one, rarely thirty: a record past the size limit that expands
/// more than this is a bomb (a gzip of zeros reaches a thousand).
constexpr std::uintmax_t bomb_ratio = 200;

/// The line breaks in `text`, found by memchr(), which is several times faster than a
/// loop over the bytes: every byte of a big file passes here.
std::size_t count_lines(std::string_view text) {
    std::size_t lines = 0;
    const char* at = text.data();
    const char* const end = text.data() + text.size();
    while (at < end) {
        const auto* newline =
            static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
        if (newline == nullptr) {
            break;
        }
        ++lines;
        at = newline + 1;
    }
    return lines;
}

}  // namespace

RecordChunks::RecordChunks(ByteSource& source, RecordFraming framing, const FileRef& file,
                           std::size_t max_record_bytes, ArticleSink& sink,
                           const std::uintmax_t* packed_bytes_read)
    : source_(source),
      framing_(framing),
      file_(file),
      max_record_bytes_(max_record_bytes),
      sink_(sink),
      packed_bytes_read_(packed_bytes_read),
      packed_at_record_start_(packed_bytes_read == nullptr ? 0 : *packed_bytes_read) {}

std::string_view RecordChunks::next() {
    buffer_.erase(0, taken_);
    taken_ = 0;
    while (true) {
        first_line_ = next_line_;
        if (!ended_ && buffer_.size() < chunk_bytes) {
            read_more();
            continue;
        }
        if (ended_) {
            return take(buffer_.size());
        }
        if (const auto boundary = last_boundary(); boundary != 0) {
            return take(boundary);
        }
        const auto frame =
            framing_ == RecordFraming::web_archive ? web_archive_frame(buffer_) : WebArchiveFrame{};
        const bool long_record =
            frame.kind == WebArchiveFrame::Kind::record
                ? frame.header_bytes + frame.block_bytes > max_record_bytes_ + chunk_bytes
                : buffer_.size() >= max_record_bytes_ + chunk_bytes;
        if (long_record) {
            pass_over_long_record();
        } else {
            read_more();
        }
    }
}

bool RecordChunks::read_more() {
    // A whole block at a time: a source may give a few kilobytes a read (a compressed
    // member's blocks), and each resize here touches the block's every byte.
    const auto start = buffer_.size();
    buffer_.resize(start + read_block_bytes);
    std::size_t filled = 0;
    while (filled < read_block_bytes) {
        const auto got = source_.read(buffer_.data() + start + filled, read_block_bytes - filled);
        if (got == 0) {
            ended_ = true;
            break;
        }
        filled += got;
    }
    buffer_.resize(start + filled);
    return filled > 0;
}

std::size_t RecordChunks::last_boundary() const {
    const std::string_view text = buffer_;
    switch (framing_) {
        case RecordFraming::lines: {
            const auto newline = text.rfind('\n');
            return newline == std::string_view::npos ? 0 : newline + 1;
        }
        case RecordFraming::rows: {
            // Quotes written twice toggle twice, so a line break at an even count of
            // quotes ends a row.
            bool quoted = false;
            std::size_t boundary = 0;
            for (std::size_t i = 0; i < text.size(); ++i) {
                if (text[i] == '"') {
                    quoted = !quoted;
                } else if (text[i] == '\n' && !quoted) {
                    boundary = i + 1;
                }
            }
            if (boundary == 0 && text.size() > max_record_bytes_) {
                // A stray quote, or a quoted field past the limit: the reader reports
                // the row and resumes at the line after its first.
                const auto newline = text.rfind('\n');
                boundary = newline == std::string_view::npos ? 0 : newline + 1;
            }
            return boundary;
        }
        case RecordFraming::web_archive: {
            std::size_t end = 0;
            while (end < text.size()) {
                const auto frame = web_archive_frame(text.substr(end));
                if (frame.kind == WebArchiveFrame::Kind::invalid && end == 0) {
                    // Lost sync: the reader reports it and finds the next record. With
                    // none in sight, whole lines go, as a header starts a line.
                    const auto next = next_web_archive_record(text);
                    if (next != text.size()) {
                        return next;
                    }
                    const auto newline = text.rfind('\n');
                    return newline == std::string_view::npos ? 0 : newline + 1;
                }
                if (frame.kind != WebArchiveFrame::Kind::record ||
                    frame.header_bytes + frame.block_bytes > text.size() - end) {
                    break;
                }
                end += frame.header_bytes + frame.block_bytes;
            }
            return end;
        }
    }
    return 0;
}

std::string_view RecordChunks::take(std::size_t bytes) {
    const std::string_view chunk(buffer_.data(), bytes);
    taken_ = bytes;
    next_line_ += count_lines(chunk);
    if (packed_bytes_read_ != nullptr) {
        packed_at_record_start_ = *packed_bytes_read_;
    }
    return chunk;
}

void RecordChunks::drop(std::size_t bytes) {
    next_line_ += count_lines(std::string_view(buffer_).substr(0, bytes));
    buffer_.erase(0, bytes);
}

void RecordChunks::pass_over_long_record() {
    const SourceLocation where{file_.display_path, next_line_};
    if (framing_ == RecordFraming::web_archive) {
        const auto frame = web_archive_frame(buffer_);
        if (frame.kind == WebArchiveFrame::Kind::record) {
            const bool page =
                web_archive_record_is_page(std::string_view(buffer_).substr(0, record_head_bytes));
            const std::uintmax_t record_bytes = frame.header_bytes + frame.block_bytes;
            std::uintmax_t left = record_bytes;
            while (left > 0 && (!buffer_.empty() || read_more())) {
                const auto bytes =
                    static_cast<std::size_t>(std::min<std::uintmax_t>(left, buffer_.size()));
                drop(bytes);
                left -= bytes;
                check_expansion(record_bytes - left, where.line);
            }
            // Only pages count: large records of other kinds (videos) are passed over.
            if (page) {
                sink_.on_skip(where, SkipKind::too_large,
                              over_size_limit("a page", frame.block_bytes, max_record_bytes_));
            }
            return;
        }
    }
    // No line break within the limit: the record ends at the next one.
    std::uintmax_t skipped = 0;
    auto newline = buffer_.find('\n');
    while (newline == std::string::npos) {
        skipped += buffer_.size();
        buffer_.clear();
        check_expansion(skipped, where.line);
        if (!read_more()) {
            break;
        }
        newline = buffer_.find('\n');
    }
    if (newline != std::string::npos) {
        skipped += newline;
        drop(newline + 1);
    }
    sink_.on_skip(where, SkipKind::too_large,
                  over_size_limit(framing_ == RecordFraming::rows ? "a row" : "a line", skipped,
                                  max_record_bytes_));
}

void RecordChunks::check_expansion(std::uintmax_t unpacked, std::size_t line) const {
    if (packed_bytes_read_ == nullptr || unpacked <= max_record_bytes_) {
        return;
    }
    const auto packed = std::max<std::uintmax_t>(*packed_bytes_read_ - packed_at_record_start_, 1);
    if (unpacked / packed > bomb_ratio) {
        throw DecompressionBomb(
            {file_.display_path, line},
            fmt::format("decompression bomb: {} unpacked from {} with no record boundary; "
                        "not read further",
                        format_byte_size(unpacked), format_byte_size(packed)));
    }
}

}  // namespace byline
