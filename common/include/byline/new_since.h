/** @file
 *  @brief Articles new since a time: when each entered the index (slot_indexed), for
 *  byline-search --new.
 */
#ifndef BYLINE_INCLUDED_NEW_SINCE_H
#define BYLINE_INCLUDED_NEW_SINCE_H

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace byline {

/// The time the newest article of `db` entered the index, in ISO 8601 to the
/// microsecond ("2026-12-07T10:15:00.123456Z"); nothing when no article has one.
/// Read before searching, it marks what the search saw: an article committed meanwhile
/// entered later, or is shown again, but is never missed (one writer stamps articles in
/// the order it commits them).
[[nodiscard]] std::optional<std::string> newest_indexed_time(const Xapian::Database& db);

/// Whether `time` is written as newest_indexed_time() writes it.
[[nodiscard]] bool is_indexed_time(std::string_view time);

/// The articles that entered the index after `time` (newest_indexed_time()'s form).
/// Throws byline::Error when `time` is not in that form.
[[nodiscard]] Xapian::Query indexed_after(std::string_view time);

}  // namespace byline

#endif
