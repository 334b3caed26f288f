/** @file
 *  @brief What the per-format fuzz targets share: feed bytes to one reader and keep
 *  nothing.
 */
#ifndef BYLINE_INCLUDED_FUZZ_INGEST_H
#define BYLINE_INCLUDED_FUZZ_INGEST_H

#include <byline/ingest.h>

#include <cstddef>
#include <cstdint>

namespace byline::fuzz {

/// Reads `data` as a file of `format` through the same path the indexer takes
/// (binary check, decoding, the format's reader). Any exception or sanitizer report
/// escapes to libFuzzer as a crash: bad input must become skips, never errors.
void ingest(const std::uint8_t* data, std::size_t size, InputFormat format,
            const IngestOptions& options = {});

}  // namespace byline::fuzz

#endif
