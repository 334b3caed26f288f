/** @file
 *  @brief byline-search --serve in the byline-search program: runs byline-search-serve,
 * the same command with the HTTP server linked in, in this process's place.
 *
 *  Debian's cpp-httplib is a shared library that brings OpenSSL, zlib and brotli with
 *  it: loading them took about 3 ms at each start, a third of a one-shot query
 *  (bench/results/2026-12-07-serve.md). Only the server pays for them so.
 */
#include "modes.h"
#include "search_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <unistd.h>

namespace byline {

namespace {

namespace fs = std::filesystem;

/// Where byline-search-serve is: beside this program (a build tree), or in
/// ../libexec/byline (an installed one).
fs::path serve_program() {
    std::error_code error;
    const auto self = fs::read_symlink("/proc/self/exe", error).parent_path();
    const std::array<fs::path, 2> places = {
        self / "byline-search-serve", self / ".." / "libexec" / "byline" / "byline-search-serve"};
    for (const auto& place : places) {
        if (access(place.c_str(), X_OK) == 0) {
            return place;
        }
    }
    return places.back();
}

}  // namespace

int run_serve_mode(const std::vector<std::string>& args, const Options&, std::ostream& err) {
    const auto program = serve_program();
    std::vector<std::string> words = {program.string()};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& word : words) {
        argv.push_back(word.data());
    }
    argv.push_back(nullptr);
    err.flush();
    execv(argv[0], argv.data());
    fmt::print(err, "{}: --serve runs {}, which cannot be started: {}\n", search_program,
               program.string(), std::strerror(errno));
    return search_failed;
}

}  // namespace byline
