/** @file
 *  @brief Byte sizes as people read them.
 */
#include <byline/byte_size.h>

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace byline {

std::string format_byte_size(std::uintmax_t bytes) {
    constexpr std::array<std::string_view, 4> units = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
        return fmt::format("{} bytes", bytes);
    }
    auto size = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    while (size >= 1024 && unit + 1 < units.size()) {
        size /= 1024;
        ++unit;
    }
    return fmt::format("{:.1f} {}", size, units[unit]);
}

}  // namespace byline
