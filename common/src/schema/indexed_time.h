/** @file
 *  @brief When an article entered the index (slot_indexed): its value, and the same
 *  time as people read it.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SCHEMA_INDEXED_TIME_H
#define BYLINE_INCLUDED_SCHEMA_INDEXED_TIME_H

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace byline {

/// The slot_indexed value of `time`: "YYYYMMDDhhmmssffffff" in UTC.
[[nodiscard]] std::string indexed_time_value(std::chrono::system_clock::time_point time);

/// A slot_indexed value as ISO 8601: "2026-12-07T10:15:00.123456Z"; nothing when
/// `value` is not one.
[[nodiscard]] std::optional<std::string> indexed_time_iso(std::string_view value);

/// The slot_indexed value of an ISO 8601 time written as indexed_time_iso() writes it;
/// nothing when the text is not one.
[[nodiscard]] std::optional<std::string> indexed_time_from_iso(std::string_view iso);

}  // namespace byline

#endif
