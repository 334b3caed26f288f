/** @file
 *  @brief libFuzzer target: HTML pages, read as the indexer reads them.
 */
#include "fuzz_ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    byline::fuzz::ingest(data, size, byline::InputFormat::html);
    return 0;
}
