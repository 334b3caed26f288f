/** @file
 *  @brief Archive bytes as UTF-8 text: charsets (declared, byte-order marks, detected by
 *  uchardet, converted by iconv) and HTML character references (libxml2's table).
 *  @internal
 *
 *  Apart from text.h so that only the readers load uchardet and libxml2: the searcher
 *  starts faster without them.
 */
#ifndef BYLINE_INCLUDED_INGEST_DECODING_H
#define BYLINE_INCLUDED_INGEST_DECODING_H

#include <string>
#include <string_view>

namespace byline {

/// Bytes in some charset as UTF-8, trying in turn: a byte-order mark (UTF-8, UTF-16),
/// `declared_charset` (from the file or its HTTP headers), valid UTF-8, the charset
/// uchardet detects, and to_utf8()'s Windows-1252 reading. A UTF-8 BOM is dropped.
[[nodiscard]] std::string decode_to_utf8(std::string_view bytes,
                                         std::string_view declared_charset = {});
/// The text with HTML character references decoded: named ones (&amp; &eacute;),
/// decimal (&#39;) and hexadecimal (&#x2019;). Anything else is left as it is.
[[nodiscard]] std::string decode_entities(std::string_view text);

}  // namespace byline

#endif
