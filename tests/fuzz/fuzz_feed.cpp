/** @file
 *  @brief libFuzzer target: RSS and Atom feeds (one reader; the root element decides).
 */
#include "fuzz_ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    byline::fuzz::ingest(data, size, byline::InputFormat::rss);
    return 0;
}
