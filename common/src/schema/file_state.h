/** @file
 *  @brief What the index remembers about each input file between runs, committed
 *  atomically with the file's articles.
 *  @internal
 *
 *  A user-metadata entry per file (file_state_key(): "byline.file:" + a hash of its
 *  absolute path) holds "SIZE MTIME_NS CONTENT_HASH PATH"; every document carries its
 *  file's term (file_term(): XFILE + the same hash), by which a changed file's articles
 *  are replaced and a gone file's pruned.
 */
#ifndef BYLINE_INCLUDED_SCHEMA_FILE_STATE_H
#define BYLINE_INCLUDED_SCHEMA_FILE_STATE_H

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace byline {

struct FileState {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uint64_t content_hash = 0;
    std::string path;

    [[nodiscard]] std::string encode() const;
    /// Nothing when `text` is not an encoded state.
    [[nodiscard]] static std::optional<FileState> decode(const std::string& text);
};

/// The term every document of the file at `identity_path` carries.
[[nodiscard]] std::string file_term(const std::string& identity_path);

/// The user-metadata key of the file's state.
[[nodiscard]] std::string file_state_key(const std::string& identity_path);

/// Every file state recorded in `db`, by key.
[[nodiscard]] std::unordered_map<std::string, FileState> read_file_states(
    const Xapian::Database& db);

}  // namespace byline

#endif
