/** @file
 *  @brief A stream cut into pieces of whole records, so that a file of records (JSON
 *  Lines, CSV, a web archive) of any size is read in bounded memory.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_RECORD_CHUNKS_H
#define BYLINE_INCLUDED_INGEST_RECORD_CHUNKS_H

#include "ingest/byte_source.h"
#include "ingest/readers.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace byline {

/// How a format's records end.
enum class RecordFraming {
    /// At a line break (JSON Lines).
    lines,
    /// At a line break outside quotes (CSV, TSV).
    rows,
    /// After the length its header gives (WARC, ARC).
    web_archive,
};

/// Pieces of a stream, each ending at a record boundary, each some megabytes long. A
/// record too long for the size limit is passed over and reported here, uncopied; one
/// that expands far beyond its compressed size with no end in sight is a decompression
/// bomb (DecompressionBomb).
class RecordChunks {
  public:
    /// `packed_bytes_read` counts the bytes of the file on disk read so far, which the
    /// expansion is measured against; null when the bytes are not compressed.
    RecordChunks(ByteSource& source, RecordFraming framing, const FileRef& file,
                 std::size_t max_record_bytes, ArticleSink& sink,
                 const std::uintmax_t* packed_bytes_read);

    /// The next piece, valid until the next call; empty at the end.
    std::string_view next();
    /// The line the last piece starts at in the file.
    [[nodiscard]] std::size_t first_line() const { return first_line_; }

  private:
    /// Appends a block read from the source; false when there was nothing more.
    bool read_more();
    /// The end of the last whole record in the buffer, or 0.
    [[nodiscard]] std::size_t last_boundary() const;
    /// Hands out the first `bytes` of the buffer.
    std::string_view take(std::size_t bytes);
    /// Passes over the record at the start of the buffer, which has no end within the
    /// size limit, and reports it.
    void pass_over_long_record();
    /// Drops `bytes` from the front of the buffer, counting their lines.
    void drop(std::size_t bytes);
    /// Throws DecompressionBomb when the `unpacked` bytes of the record starting at
    /// `line` came from far fewer.
    void check_expansion(std::uintmax_t unpacked, std::size_t line) const;

    ByteSource& source_;
    RecordFraming framing_;
    const FileRef& file_;
    std::size_t max_record_bytes_;
    ArticleSink& sink_;
    const std::uintmax_t* packed_bytes_read_;
    std::uintmax_t packed_at_record_start_ = 0;
    std::string buffer_;
    std::size_t taken_ = 0;
    std::size_t first_line_ = 1;
    std::size_t next_line_ = 1;
    bool ended_ = false;
};

}  // namespace byline

#endif
