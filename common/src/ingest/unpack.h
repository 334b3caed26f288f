/** @file
 *  @brief Compressed files and bundles, read as streams with libarchive.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_UNPACK_H
#define BYLINE_INCLUDED_INGEST_UNPACK_H

#include "ingest/byte_source.h"

#include <functional>
#include <string>
#include <string_view>

namespace byline {

/// True when the bytes start like a compressed stream (gzip, bzip2, xz, zstd) or a
/// bundle (tar, zip, 7z), judged by their magic numbers, not by a file name.
[[nodiscard]] bool is_packed(std::string_view head);

/// Receives each file a packed stream holds: its name inside a bundle, or an empty name
/// when the stream was one compressed file, and its bytes as a stream of their own.
using MemberHandler = std::function<void(const std::string& name, ByteSource& member)>;

/// Decompresses or unbundles `packed` as it is read, one layer (a .tar.gz is a gzip
/// member holding a tar), calling `each` for every regular file in bundle order; its
/// head says which layer it is. Throws byline::Error when the data is damaged, after
/// handing over the members before the damage and what could be read of the damaged one.
void unpack(HeadedSource& packed, const MemberHandler& each);

/// What a compressed payload holds (a page sent gzip-encoded), up to `limit` + 1 bytes
/// (read_up_to()). Throws byline::Error when it is damaged.
[[nodiscard]] std::string unpack_up_to(std::string_view packed, std::size_t limit);

}  // namespace byline

#endif
