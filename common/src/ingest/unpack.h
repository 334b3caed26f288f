/** @file
 *  @brief Compressed files and bundles, read in memory with libarchive.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_UNPACK_H
#define BYLINE_INCLUDED_INGEST_UNPACK_H

#include <functional>
#include <string>
#include <string_view>

namespace byline {

/// True when the bytes start like a compressed stream (gzip, bzip2, xz, zstd) or a
/// bundle (tar, zip, 7z), judged by their magic numbers, not by a file name.
[[nodiscard]] bool is_packed(std::string_view contents);

/// Receives each file a packed stream holds: its name inside a bundle, or an empty name
/// when the stream was one compressed file.
using MemberHandler = std::function<void(const std::string& name, std::string_view contents)>;

/// Decompresses and unbundles `contents`, calling `each` for every regular file in
/// bundle order. Throws byline::Error when the data is damaged, after handing over the
/// members before the damage and what could be read of the damaged one.
void unpack(std::string_view contents, const MemberHandler& each);

}  // namespace byline

#endif
