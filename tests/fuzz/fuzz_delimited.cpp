/** @file
 *  @brief libFuzzer target: CSV and TSV files, with a header row or with columns mapped
 *  by number (--field title=2), as the input's first byte chooses.
 */
#include "fuzz_ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const auto choice = data[0];
    const auto format = (choice & 1) != 0 ? byline::InputFormat::tsv : byline::InputFormat::csv;
    byline::IngestOptions options;
    if ((choice & 2) != 0) {
        options.fields.add("title=2");
        options.fields.add("body=3");
        options.fields.add("date=1");
    }
    byline::fuzz::ingest(data + 1, size - 1, format, options);
    return 0;
}
