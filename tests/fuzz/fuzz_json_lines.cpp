/** @file
 *  @brief libFuzzer target: JSON Lines, read as the indexer reads them.
 */
#include "fuzz_ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    byline::fuzz::ingest(data, size, byline::InputFormat::json_lines);
    return 0;
}
