/** @file
 *  @brief Golden files: compare output with tests/golden/NAME, or rewrite them.
 */
#include "golden.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace byline::test {

std::string golden(const std::string& name, const std::string& actual) {
    const auto path = std::filesystem::path(BYLINE_SOURCE_DIR) / "tests" / "golden" / name;
    const char* update = std::getenv("BYLINE_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        return actual;
    }
    std::ifstream file(path, std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    return contents.str();
}

}  // namespace byline::test
