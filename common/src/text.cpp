/** @file
 *  @brief Text helpers shared by the readers, the indexer and the searcher.
 */
#include "text.h"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>

namespace byline {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

namespace {

/// Code points of Windows-1252's 0x80-0x9F; the rest of the charset is Latin-1. The five
/// undefined bytes map to the C1 controls, as the WHATWG decoder does.
constexpr std::array<char32_t, 32> windows_1252_high = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

char32_t windows_1252_code(unsigned char byte) {
    return byte >= 0x80 && byte < 0xA0 ? windows_1252_high[byte - 0x80] : byte;
}

void append_utf8(std::string& out, char32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

std::size_t utf8_sequence_length(std::string_view text) {
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (lead < 0x80) {
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (length > text.size()) {
        return 0;
    }
    std::uint32_t code = lead & (0xFFu >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[k]);
        if ((next & 0xC0) != 0x80) {
            return 0;
        }
        code = (code << 6) | (next & 0x3Fu);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid.
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return 0;
    }
    return length;
}

bool is_valid_utf8(std::string_view text) {
    constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
    std::size_t i = 0;
    while (i < text.size()) {
        // ASCII, most of any news text, eight bytes at a time: every byte of a
        // multi-gigabyte dump passes here.
        if (i + sizeof(std::uint64_t) <= text.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + i, sizeof word);
            if ((word & high_bits) == 0) {
                i += sizeof word;
                continue;
            }
        }
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const auto length = utf8_sequence_length(text.substr(i));
        if (length == 0) {
            return false;
        }
        i += length;
    }
    return true;
}

void replace_controls(std::string& text, bool keep_line_breaks) {
    const auto is_control_at = [&](std::size_t i) -> std::size_t {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20) {
            return keep_line_breaks && (byte == '\n' || byte == '\r' || byte == '\t') ? 0 : 1;
        }
        if (byte == 0x7F) {
            return 1;
        }
        // U+0080 to U+009F are 0xC2 0x80 to 0xC2 0x9F.
        const bool c1 = byte == 0xC2 && i + 1 < text.size() &&
                        static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        return c1 ? 2 : 0;
    };
    std::size_t i = 0;
    while (i < text.size() && is_control_at(i) == 0) {
        ++i;
    }
    if (i == text.size()) {
        return;
    }
    std::string cleaned = text.substr(0, i);
    while (i < text.size()) {
        if (const auto length = is_control_at(i); length > 0) {
            cleaned += ' ';
            i += length;
        } else {
            cleaned += text[i++];
        }
    }
    text = std::move(cleaned);
}

void repair_utf8(std::string& text) {
    if (is_valid_utf8(text)) {
        return;
    }
    constexpr char32_t replacement = 0xFFFD;
    std::string repaired;
    repaired.reserve(text.size() + 16);
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto length = utf8_sequence_length(rest);
        if (length > 0) {
            repaired.append(rest.substr(0, length));
            rest.remove_prefix(length);
        } else {
            append_utf8(repaired, replacement);
            rest.remove_prefix(1);
        }
    }
    text = std::move(repaired);
}

std::string to_utf8(std::string_view text) {
    if (is_valid_utf8(text)) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    while (!text.empty()) {
        const auto length = utf8_sequence_length(text);
        if (length > 0) {
            out.append(text.substr(0, length));
            text.remove_prefix(length);
            continue;
        }
        const auto byte = static_cast<unsigned char>(text.front());
        append_utf8(out, windows_1252_code(byte));
        text.remove_prefix(1);
    }
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string collapse_space(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (const char c : trim(text)) {
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += c;
    }
    return out;
}

std::string to_lower(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        // ASCII, most of a news text, without a trip through Xapian's Unicode tables.
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte < 0x80) {
            out += static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte);
            ++at;
            continue;
        }
        Xapian::Utf8Iterator it(text.data() + at, text.size() - at);
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
        ++it;
        at = text.size() - it.left();
    }
    return out;
}

WordSequence word_sequence(std::string_view text) {
    WordSequence words;
    bool in_word = false;
    for (const char c : to_lower(text)) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) == 0 && byte < 0x80) {
            in_word = false;
            continue;
        }
        if (!in_word) {
            if (words.count > 0) {
                words.text += ' ';
            }
            ++words.count;
            in_word = true;
        }
        words.text += c;
    }
    return words;
}

std::vector<std::string> split_list(std::string_view text, char separator) {
    std::vector<std::string> items;
    while (true) {
        const auto end = text.find(separator);
        const auto item = trim(text.substr(0, end));
        if (!item.empty()) {
            items.emplace_back(item);
        }
        if (end == std::string_view::npos) {
            return items;
        }
        text.remove_prefix(end + 1);
    }
}

std::uint64_t stable_hash(std::string_view text, std::uint64_t start) {
    std::uint64_t hash = start;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::vector<std::string> split_authors(std::string_view text) {
    std::vector<std::string> authors;
    for (const auto& group : split_list(text, ';')) {
        std::string_view rest = group;
        while (true) {
            const auto end = rest.find(" and ");
            const auto name = trim(rest.substr(0, end));
            if (!name.empty()) {
                authors.emplace_back(name);
            }
            if (end == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(end + 5);
        }
    }
    return authors;
}

}  // namespace byline
