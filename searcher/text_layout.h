/** @file
 *  @brief Fitting text to a terminal: display widths of UTF-8 text and word wrapping.
 */
#ifndef BYLINE_INCLUDED_TEXT_LAYOUT_H
#define BYLINE_INCLUDED_TEXT_LAYOUT_H

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace byline {

/// A [begin, end) range of bytes.
using ByteRange = std::pair<std::size_t, std::size_t>;

/// Columns that UTF-8 text takes on a terminal: one per character, two for East Asian
/// wide characters, none for combining marks. Invalid bytes count one column each.
[[nodiscard]] std::size_t display_width(std::string_view text);

/// The lines `text` wraps into at `width` columns, as byte ranges of `text`: breaks fall
/// at spaces (which are left out of the lines), and a word wider than a line is cut
/// between characters. A width of 0 keeps the text on one line.
[[nodiscard]] std::vector<ByteRange> wrap_lines(std::string_view text, std::size_t width);

/// The end of the longest prefix of text[begin, end) that fits in `width` columns,
/// cut after a word when one fits, else between characters.
[[nodiscard]] std::size_t fit_prefix(std::string_view text, ByteRange range, std::size_t width);

}  // namespace byline

#endif
