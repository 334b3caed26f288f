/** @file
 *  @brief libFuzzer target: date parsing. A date that parses must print as ISO 8601
 *  that parses back to the same date, and sort as a 14-digit string.
 */
#include <byline/date.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto date = byline::parse_date(text);
    if (!date) {
        return 0;
    }
    if (date->sortable().size() != 14 || byline::parse_date(date->iso()) != date) {
        std::abort();
    }
    return 0;
}
