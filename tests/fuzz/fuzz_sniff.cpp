/** @file
 *  @brief libFuzzer target: format sniffing, the choice of a reader from a file's name
 *  and first bytes. The input's first line is the name, the rest the contents.
 */
#include "ingest/readers.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

bool decided_by_content(const std::optional<byline::InputFormat>& format) {
    using byline::InputFormat;
    return format == InputFormat::html || format == InputFormat::rss ||
           format == InputFormat::atom || format == InputFormat::warc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    const auto name = input.substr(0, newline);
    const auto contents =
        newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

    const auto format = byline::detect_format(name, contents);
    // Markup and web archives say what they are: that wins over whatever the name says.
    const auto by_content = byline::detect_format("", contents);
    if (decided_by_content(by_content) && format != by_content) {
        std::abort();
    }
    // A name that chooses a reader is one the folder walk opens.
    if (byline::detect_format(name, "") && !byline::worth_opening(name)) {
        std::abort();
    }
    // Taking off a compression extension never lengthens a name.
    if (byline::without_compression_extension(name).size() > name.size()) {
        std::abort();
    }
    return 0;
}
