/** @file
 *  @brief Text helpers shared by the readers, the indexer and the searcher (charset
 *  detection and HTML entities, which only the readers need, are in ingest/decoding.h).
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
/// The length of the valid UTF-8 sequence at the start of `text`, or 0.
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text);
/// Appends a code point's UTF-8 bytes.
void append_utf8(std::string& out, char32_t code);
/// The code point a byte stands for in Windows-1252 (Latin-1 with curly quotes and
/// dashes in 0x80-0x9F).
[[nodiscard]] char32_t windows_1252_code(unsigned char byte);
/// Replaces control characters (C0, DEL and C1, which terminals obey as commands) with
/// spaces, in place; line breaks (CR, LF) and tabs are kept when `keep_line_breaks`. Expects
/// valid UTF-8.
void replace_controls(std::string& text, bool keep_line_breaks);
/// Makes the text valid UTF-8 in place, each byte that is not part of a valid sequence
/// replaced by U+FFFD; valid text is left as it is, uncopied.
void repair_utf8(std::string& text);
/// The text as valid UTF-8: unchanged when it already is; else each byte that is not
/// part of a valid UTF-8 sequence is read as Windows-1252 (Latin-1 with curly quotes),
/// the usual charset of older news files.
[[nodiscard]] std::string to_utf8(std::string_view text);
/// Without leading and trailing ASCII white space.
[[nodiscard]] std::string_view trim(std::string_view text);
/// Trimmed, with every run of white space made one space.
[[nodiscard]] std::string collapse_space(std::string_view text);
/// Lower-cased, Unicode-aware.
[[nodiscard]] std::string to_lower(std::string_view text);
/// The text's words, lower-cased and joined by single spaces: letters and digits (and
/// every byte of a multi-byte character) make words; case, punctuation, spacing and
/// markup residue do not count. What copies of one text have in common.
struct WordSequence {
    std::string text;
    std::size_t count = 0;
};
[[nodiscard]] WordSequence word_sequence(std::string_view text);
/// The trimmed, non-empty pieces between separators.
[[nodiscard]] std::vector<std::string> split_list(std::string_view text, char separator);
/// FNV-1a's starting value: the hash of no bytes.
inline constexpr std::uint64_t stable_hash_start = 0xcbf29ce484222325ULL;
/// 64-bit FNV-1a: a hash that stays the same across builds, for terms kept in an index.
/// A file too large to hold is hashed piece by piece, each piece's hash the next one's
/// `start`.
[[nodiscard]] std::uint64_t stable_hash(std::string_view text,
                                        std::uint64_t start = stable_hash_start);
/// Author names from a byline: split on ';' and on " and ".
[[nodiscard]] std::vector<std::string> split_authors(std::string_view text);

}  // namespace byline

#endif
