/** @file
 *  @brief Byte sizes as people read them: "300 bytes", "1.5 KiB", "64.0 MiB".
 */
#ifndef BYLINE_INCLUDED_BYTE_SIZE_H
#define BYLINE_INCLUDED_BYTE_SIZE_H

#include <cstdint>
#include <string>

namespace byline {

/// Bytes below 1 KiB, else KiB, MiB, GiB or TiB (powers of 1024) to one decimal.
[[nodiscard]] std::string format_byte_size(std::uintmax_t bytes);

}  // namespace byline

#endif
