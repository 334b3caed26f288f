/** @file
 *  @brief Helpers the tests share.
 */
#include "test_support.h"

#include "index_command.h"
#include "search_command.h"

#include <fmt/format.h>

#include <fstream>
#include <random>
#include <sstream>

namespace byline::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / fmt::format("byline-test-{:016x}", std::uniform_int_distribution<unsigned long long>()(random));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

fs::path TempDir::write(const std::string& name, const std::string& contents) const {
    const auto file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << contents;
    return file;
}

CommandResult run_index(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    const int status = run_index_command(args, out, err);
    return {status, out.str(), err.str()};
}

CommandResult run_search(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    const int status = run_search_command(args, out, err);
    return {status, out.str(), err.str()};
}

fs::path sample_archive() { return fs::path(BYLINE_SOURCE_DIR) / "corpora" / "sample"; }

std::optional<fs::path> shared_corpora() {
    const fs::path path(BYLINE_SHARED_CORPORA);
    std::error_code error;
    if (!fs::is_directory(path, error)) {
        return std::nullopt;
    }
    return fs::weakly_canonical(path);
}

namespace {

class CollectingSink : public ArticleSink {
public:
    explicit CollectingSink(Ingested& result) : result_(result) {}
    void on_article(Article&& article, InputFormat) override {
        result_.articles.push_back(std::move(article));
    }
    void on_skip(const SourceLocation& where, std::string_view reason) override {
        result_.skips.push_back(fmt::format("{}: {}", where.to_string(), reason));
    }

private:
    Ingested& result_;
};

}  // namespace

Ingested ingest_text(const std::string& contents, InputFormat format, const std::string& path) {
    Ingested result;
    CollectingSink sink(result);
    ingest_contents(contents, path, format, sink);
    return result;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            lines.push_back(line);
        }
    }
    return lines;
}

}  // namespace byline::test
