/** @file
 *  @brief Text helpers shared by the readers, the indexer and the searcher.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_TEXT_H
#define BYLINE_INCLUDED_TEXT_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

[[nodiscard]] bool is_valid_utf8(std::string_view text);
/// The text as valid UTF-8: unchanged when it already is, else read as Latin-1, the
/// usual charset of older news files.
[[nodiscard]] std::string to_utf8(std::string_view text);

/// Without leading and trailing ASCII white space.
[[nodiscard]] std::string_view trim(std::string_view text);
/// Trimmed, with every run of white space made one space.
[[nodiscard]] std::string collapse_space(std::string_view text);
/// Lower-cased, Unicode-aware.
[[nodiscard]] std::string to_lower(std::string_view text);
/// The trimmed, non-empty pieces between separators.
[[nodiscard]] std::vector<std::string> split_list(std::string_view text, char separator);
/// 64-bit FNV-1a: a hash that stays the same across builds, for terms kept in an index.
[[nodiscard]] std::uint64_t stable_hash(std::string_view text);
/// Author names from a byline: split on ';' and on " and ".
[[nodiscard]] std::vector<std::string> split_authors(std::string_view text);

}  // namespace byline

#endif
