/** @file
 *  @brief Fitting text to a terminal: display widths of UTF-8 text and word wrapping.
 */
#include "text_layout.h"

#include <array>

namespace byline {

namespace {

struct Character {
    std::size_t bytes;
    std::size_t columns;
};

/// Code point ranges a terminal draws two columns wide (Unicode East Asian Wide and
/// Fullwidth, in the blocks news text uses) or not at all (combining marks).
struct CodePointRange {
    char32_t first, last;
};
constexpr std::array<CodePointRange, 10> wide_ranges = {{{0x1100, 0x115F},
                                                         {0x2E80, 0x303E},
                                                         {0x3041, 0xA4CF},
                                                         {0xAC00, 0xD7A3},
                                                         {0xF900, 0xFAFF},
                                                         {0xFE30, 0xFE4F},
                                                         {0xFF00, 0xFF60},
                                                         {0xFFE0, 0xFFE6},
                                                         {0x1F300, 0x1F64F},
                                                         {0x20000, 0x3FFFD}}};
constexpr std::array<CodePointRange, 4> zero_width_ranges = {
    {{0x0300, 0x036F}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}}};

bool in(const auto& ranges, char32_t code_point) {
    for (const auto& range : ranges) {
        if (code_point >= range.first && code_point <= range.last) {
            return true;
        }
    }
    return false;
}

/// The character starting at `at`: its length in bytes and its width in columns.
Character character_at(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
        return {1, 1};
    }
    std::size_t length = 1;
    char32_t code_point = lead;
    if (lead >= 0xF0 && lead < 0xF8) {
        length = 4;
        code_point = lead & 0x07U;
    } else if (lead >= 0xE0) {
        length = 3;
        code_point = lead & 0x0FU;
    } else if (lead >= 0xC0) {
        length = 2;
        code_point = lead & 0x1FU;
    }
    if (length > 1) {
        if (at + length > text.size()) {
            return {1, 1};
        }
        for (std::size_t i = 1; i < length; ++i) {
            const auto next = static_cast<unsigned char>(text[at + i]);
            if ((next & 0xC0U) != 0x80U) {
                return {1, 1};
            }
            code_point = (code_point << 6U) | (next & 0x3FU);
        }
    }
    if (in(zero_width_ranges, code_point)) {
        return {length, 0};
    }
    return {length, in(wide_ranges, code_point) ? 2U : 1U};
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t columns = 0;
    for (std::size_t at = 0; at < text.size();) {
        const auto c = character_at(text, at);
        columns += c.columns;
        at += c.bytes;
    }
    return columns;
}

std::size_t fit_prefix(std::string_view text, ByteRange range, std::size_t width) {
    std::size_t columns = 0;
    std::size_t after_last_word = range.first;
    std::size_t at = range.first;
    while (at < range.second) {
        if (text[at] == ' ') {
            after_last_word = at;
        }
        const auto c = character_at(text, at);
        if (columns + c.columns > width) {
            return after_last_word > range.first ? after_last_word : at;
        }
        columns += c.columns;
        at += c.bytes;
    }
    return range.second;
}

std::vector<ByteRange> wrap_lines(std::string_view text, std::size_t width) {
    std::vector<ByteRange> lines;
    std::size_t at = 0;
    while (true) {
        while (at < text.size() && text[at] == ' ') {
            ++at;
        }
        if (at == text.size()) {
            return lines;
        }
        std::size_t end = width == 0 ? text.size() : fit_prefix(text, {at, text.size()}, width);
        if (end == at) {
            // Not even one character fits: take it anyway, so that wrapping ends.
            end = at + character_at(text, at).bytes;
        }
        std::size_t trimmed = end;
        while (trimmed > at && text[trimmed - 1] == ' ') {
            --trimmed;
        }
        lines.emplace_back(at, trimmed);
        at = end;
    }
}

}  // namespace byline
