/** @file
 *  @brief libFuzzer target: WARC web archives, read as the indexer reads them.
 */
#include "fuzz_ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    byline::fuzz::ingest(data, size, byline::InputFormat::warc);
    return 0;
}
