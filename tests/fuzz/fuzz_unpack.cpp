/** @file
 *  @brief libFuzzer target: compressed files and bundles (gzip, bzip2, xz, zstd, tar, zip,
 *  7z), read from a file as byline-index reads one: unpacked as a stream by libarchive,
 *  nested bundles included, each member read in the format its name and bytes show.
 */
#include "fuzz_ingest.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace {

/// The file each input is written to: the indexer reads paths, and the unpacking is
/// reached through the path it takes for a file (ingest_path()).
class InputFile {
  public:
    InputFile()
        : path_(std::filesystem::temp_directory_path() /
                ("byline-fuzz-unpack-" + std::to_string(getpid()))) {}
    ~InputFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    const std::filesystem::path& write(const std::uint8_t* data, std::size_t size) const {
        std::ofstream(path_, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        return path_;
    }

  private:
    std::filesystem::path path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const InputFile input;
    byline::fuzz::ingest_file(input.write(data, size));
    return 0;
}
