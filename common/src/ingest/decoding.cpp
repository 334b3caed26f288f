/** @file
 *  @brief Archive bytes as UTF-8 text: charsets and HTML character references.
 */
#include "ingest/decoding.h"

#include "text.h"

#include <iconv.h>
#include <libxml/HTMLparser.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <optional>

namespace byline {

namespace {

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
                    value = windows_1252_code(
                        static_cast<unsigned char>(value));  // As browsers read them.
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

}  // namespace byline
