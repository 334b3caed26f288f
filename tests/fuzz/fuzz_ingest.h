/** @file
 *  @brief What the per-format fuzz targets share: feed bytes to one reader and keep
 *  nothing.
 */
#ifndef BYLINE_INCLUDED_FUZZ_INGEST_H
#define BYLINE_INCLUDED_FUZZ_INGEST_H

#include <byline/ingest.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace byline::fuzz {

/// Reads `data` as a file of `format` through the same path the indexer takes
/// (binary check, decoding, the format's reader). Any exception or sanitizer report
/// escapes to libFuzzer as a crash: bad input must become skips, never errors.
void ingest(const std::uint8_t* data, std::size_t size, InputFormat format,
            const IngestOptions& options = {});

/// Reads a file as byline-index reads a path it is given: unpacked when it is compressed
/// or a bundle, each part in the format its name and bytes show.
void ingest_file(const std::filesystem::path& path);

}  // namespace byline::fuzz

#endif
