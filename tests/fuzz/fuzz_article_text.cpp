/** @file
 *  @brief libFuzzer target: article text with headers, read as the indexer reads them.
 */
#include "fuzz_ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    byline::fuzz::ingest(data, size, byline::InputFormat::article_text);
    return 0;
}
