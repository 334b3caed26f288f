/** @file
 *  @brief Text helpers shared by the readers, the indexer and the searcher.
 */
#include "text.h"

#include <iconv.h>
#include <libxml/HTMLparser.h>
#include <uchardet/uchardet.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
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

/// The length of the valid UTF-8 sequence at the start of `text`, or 0.
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

/// `bytes` converted from `charset` to UTF-8 by iconv, or nothing when iconv does not
/// know the charset or the bytes are not valid in it.
std::optional<std::string> convert_with_iconv(std::string_view bytes, const std::string& charset) {
    iconv_t converter = iconv_open("UTF-8", charset.c_str());
    if (converter == reinterpret_cast<iconv_t>(-1)) {
        return std::nullopt;
    }
    std::string out(bytes.size() * 2 + 16, '\0');
    // iconv's interface takes non-const input; it does not write through it.
    char* in_ptr = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t written = 0;
    bool ok = true;
    while (in_left > 0) {
        char* out_ptr = out.data() + written;
        std::size_t out_left = out.size() - written;
        const auto result = iconv(converter, &in_ptr, &in_left, &out_ptr, &out_left);
        written = out.size() - out_left;
        if (result != static_cast<std::size_t>(-1)) {
            break;
        }
        if (errno != E2BIG) {
            ok = false;
            break;
        }
        out.resize(out.size() * 2);
    }
    iconv_close(converter);
    if (!ok) {
        return std::nullopt;
    }
    out.resize(written);
    return is_valid_utf8(out) ? std::optional<std::string>(std::move(out)) : std::nullopt;
}

std::string detected_charset(std::string_view bytes) {
    uchardet_t detector = uchardet_new();
    // A few hundred kilobytes decide as well as the whole of a large file.
    constexpr std::size_t sample = 256 * 1024;
    uchardet_handle_data(detector, bytes.data(), std::min(bytes.size(), sample));
    uchardet_data_end(detector);
    std::string charset = uchardet_get_charset(detector);
    uchardet_delete(detector);
    return charset;
}

bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_hex_digit(char c) {
    return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_ascii_alnum(char c) {
    return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
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
        append_utf8(out, byte >= 0x80 && byte < 0xA0 ? windows_1252_high[byte - 0x80] : byte);
        text.remove_prefix(1);
    }
    return out;
}

std::string decode_to_utf8(std::string_view bytes, std::string_view declared_charset) {
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        return to_utf8(bytes.substr(3));
    }
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        const bool little_endian = bytes[0] == '\xFF';
        if (auto text =
                convert_with_iconv(bytes.substr(2), little_endian ? "UTF-16LE" : "UTF-16BE")) {
            return std::move(*text);
        }
    }
    const auto declared = to_lower(trim(declared_charset));
    if (!declared.empty() && declared != "utf-8" && declared != "utf8") {
        // Pages labelled Latin-1 are in practice Windows-1252, as browsers assume.
        const bool latin1 = declared == "iso-8859-1" || declared == "latin1" ||
                            declared == "us-ascii" || declared == "ascii";
        if (auto text = convert_with_iconv(bytes, latin1 ? "WINDOWS-1252" : declared)) {
            return std::move(*text);
        }
    }
    std::size_t multibyte = 0;
    std::size_t invalid = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        const auto length = utf8_sequence_length(bytes.substr(i));
        multibyte += length > 1 ? 1 : 0;
        invalid += length == 0 ? 1 : 0;
        i += std::max<std::size_t>(length, 1);
    }
    if (invalid == 0) {
        return std::string(bytes);
    }
    if (multibyte >= invalid) {
        // Mostly UTF-8 with a few stray bytes (a Latin-1 record pasted into a UTF-8
        // file): converting the whole from a single-byte charset would garble the rest.
        return to_utf8(bytes);
    }
    const auto detected = detected_charset(bytes);
    if (!detected.empty() && to_lower(detected) != "utf-8" && to_lower(detected) != "ascii") {
        if (auto text = convert_with_iconv(bytes, detected)) {
            return std::move(*text);
        }
    }
    return to_utf8(bytes);
}

std::string decode_entities(std::string_view text) {
    if (text.find('&') == std::string_view::npos) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '&') {
            out += text[i++];
            continue;
        }
        const auto semicolon = text.find(';', i + 1);
        // Longest HTML entity name is 31 characters ("CounterClockwiseContourIntegral").
        if (semicolon == std::string_view::npos || semicolon - i > 33 || semicolon == i + 1) {
            out += text[i++];
            continue;
        }
        const auto name = text.substr(i + 1, semicolon - i - 1);
        std::optional<char32_t> code;
        if (name[0] == '#') {
            const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
            const auto digits = name.substr(hex ? 2 : 1);
            std::uint32_t value = 0;
            const bool well_formed =
                !digits.empty() && digits.size() <= 7 &&
                std::all_of(digits.begin(), digits.end(), hex ? is_hex_digit : is_ascii_digit);
            if (well_formed) {
                std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
                if (value >= 0x80 && value < 0xA0) {
                    value = windows_1252_high[value - 0x80];  // As browsers read them.
                }
                const bool valid_code =
                    value > 0 && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF);
                if (valid_code) {
                    code = value;
                }
            }
        } else if (std::all_of(name.begin(), name.end(), is_ascii_alnum)) {
            const std::string name_text(name);
            if (const auto* entity =
                    htmlEntityLookup(reinterpret_cast<const xmlChar*>(name_text.c_str()))) {
                code = entity->value;
            } else if (name_text == "apos") {
                code = U'\'';
            }
        }
        if (!code) {
            out += text[i++];
            continue;
        }
        append_utf8(out, *code);
        i = semicolon + 1;
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
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
    }
    return out;
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

std::uint64_t stable_hash(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
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
