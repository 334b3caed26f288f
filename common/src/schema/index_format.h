/** @file
 *  @brief The index-format mark: which Byline's terms an index holds.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SCHEMA_INDEX_FORMAT_H
#define BYLINE_INCLUDED_SCHEMA_INDEX_FORMAT_H

#include <xapian.h>

#include <filesystem>

namespace byline {

/// Throws byline::Error unless `db` is empty or was built in this Byline's index format
/// (fields.h: index_format): an index from an earlier Byline answers no query correctly.
void require_current_format(const Xapian::Database& db, const std::filesystem::path& dir);

/// Records this Byline's index format in `db` (unless it is recorded already).
void mark_current_format(Xapian::WritableDatabase& db);

}  // namespace byline

#endif
