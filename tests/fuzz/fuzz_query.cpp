/** @file
 *  @brief libFuzzer target: query text → parsed query → search, on an index of the
 *  sample archive built once when the fuzzer starts. The first byte of the input
 *  chooses the search options; the rest is the query.
 */
#include <byline/index_writer.h>
#include <byline/searcher.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace {

namespace fs = std::filesystem;

class SilentReporter : public byline::IndexReporter {
  public:
    void on_skip(const byline::SourceLocation& /*where*/, byline::SkipKind /*kind*/,
                 std::string_view /*reason*/) override {}
    void on_progress(const byline::IndexCounts& /*counts*/) override {}
};

/// The index folder, removed when the fuzzer exits normally.
class SampleIndex {
  public:
    SampleIndex() {
        auto pattern = (fs::temp_directory_path() / "byline-fuzz-query-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            std::perror("fuzz_query: mkdtemp");
            std::abort();
        }
        dir_ = pattern;
        byline::IndexOptions options;
        options.jobs = 1;
        byline::IndexWriter writer(dir_ / "index", options);
        SilentReporter reporter;
        const std::atomic<bool> stop = false;
        writer.update({fs::path(BYLINE_SOURCE_DIR) / "corpora" / "sample"}, reporter, stop);
    }
    ~SampleIndex() {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    SampleIndex(const SampleIndex&) = delete;
    SampleIndex& operator=(const SampleIndex&) = delete;

    [[nodiscard]] fs::path index() const { return dir_ / "index"; }

  private:
    fs::path dir_;
};

std::unique_ptr<SampleIndex> sample_index;
std::unique_ptr<byline::Searcher> searcher;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    sample_index = std::make_unique<SampleIndex>();
    searcher = std::make_unique<byline::Searcher>(sample_index->index());
    std::atexit([] {
        searcher.reset();
        sample_index.reset();
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const auto choice = data[0];
    byline::SearchRequest request;
    request.query.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    constexpr std::array<byline::MatchMode, 4> modes = {
        byline::MatchMode::most_words, byline::MatchMode::any_word, byline::MatchMode::every_word,
        byline::MatchMode::most_words};
    request.match = modes[(choice & 1U) | ((choice >> 6U) & 2U)];
    request.query_options.syntax = (choice & 2) == 0;
    request.query_options.now = byline::Date{2025, 6, 1, 0, 0, 0, byline::DatePrecision::day};
    request.sort = (choice & 4) != 0 ? byline::SortOrder::newest : byline::SortOrder::relevance;
    request.recent = (choice & 8) != 0;
    request.explain = (choice & 16) != 0;
    request.collapse_stories = (choice & 32) == 0;
    if ((choice & 64) != 0) {
        request.facets = {byline::FacetField::source, byline::FacetField::year,
                          byline::FacetField::tag};
    }
    const auto response = searcher->search(request);
    for (const auto& hit : response.hits) {
        // Highlights are byte ranges of the snippet: they must lie inside it.
        for (const auto& [begin, end] : hit.snippet.highlights) {
            if (begin > end || end > hit.snippet.text.size()) {
                std::abort();
            }
        }
    }
    return 0;
}
