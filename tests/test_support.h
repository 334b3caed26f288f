/** @file
 *  @brief Helpers the tests share: temporary folders, in-process command runs, paths.
 */
#ifndef BYLINE_INCLUDED_TEST_SUPPORT_H
#define BYLINE_INCLUDED_TEST_SUPPORT_H

#include <byline/article.h>
#include <byline/ingest.h>
#include <byline/searcher.h>

#include <chrono>
#include <filesystem>
#include <map>

#include <sys/types.h>
#include <optional>
#include <string>
#include <vector>

namespace byline::test {

/// A fresh folder under the system's temporary folder, removed with the object.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    /// Writes a file below the folder and returns its path.
    std::filesystem::path write(const std::string& name, const std::string& contents) const;

  private:
    std::filesystem::path path_;
};

/// Sets (or, given nothing, unsets) an environment variable for the life of the object.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::optional<std::string>& value);
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    void set(const std::optional<std::string>& value);
    const char* name_;
    std::optional<std::string> old_;
};

struct CommandResult {
    int status = -1;
    std::string out;
    std::string err;
};

CommandResult run_index(const std::vector<std::string>& args);
CommandResult run_search(const std::vector<std::string>& args);
/// byline-search reading `input` as its standard input (batch mode's `--queries -`).
CommandResult run_search(const std::vector<std::string>& args, const std::string& input);

/// Starts the real byline-index with `args` in a process of its own (for tests that
/// signal or kill it), its stderr written to `stderr_file`; returns its pid.
pid_t spawn_index(const std::vector<std::string>& args,
                  const std::filesystem::path& stderr_file = "/dev/null");

/// Starts the real byline-search likewise (for tests of --serve); returns its pid.
pid_t spawn_search(const std::vector<std::string>& args, const std::filesystem::path& stderr_file);

struct ProgramResult : CommandResult {
    /// The program ran past its deadline and was killed (status is then -1).
    bool timed_out = false;
    std::chrono::duration<double> elapsed{};
};

/// Runs a program (argv[0] a path) to its end, or kills it after `deadline`; status is
/// its exit status, or -1 when a signal ended it.
ProgramResult run_program(const std::vector<std::string>& argv, std::chrono::seconds deadline);

/// The repository's sample archive.
std::filesystem::path sample_archive();
/// An index of the sample archive built by byline-index, once per CTest run (the
/// sample_index fixture, for the tests tagged [sample_index]) or else once per process.
const std::string& sample_db();
/// ../shared/corpora beside the checkout, when it is there. When it is not, prints the
/// marker CTest reports as a skip ("SKIPPED:", SKIP_REGULAR_EXPRESSION in
/// tests/CMakeLists.txt) and returns nothing, for the test to return at once; in CI
/// (CI=true), which always has ../shared, fails the test instead.
std::optional<std::filesystem::path> shared_corpora_or_skip();

/// What a reader produced from some text: articles and skip messages.
struct Ingested {
    std::vector<Article> articles;
    std::vector<std::string> skips;
};
Ingested ingest_text(const std::string& contents, InputFormat format,
                     const std::string& path = "fixture", const IngestOptions& options = {});

/// What ingest_path() reads from a file or folder.
Ingested ingest_file_or_folder(const std::filesystem::path& path,
                               const IngestOptions& options = {});
/// A file in tests/fixtures/ingest/.
std::filesystem::path ingest_fixture(const std::string& name);
/// The whole contents of a file.
std::string read_file(const std::filesystem::path& path);

/// A file to put in a bundle: its name inside, and its contents.
struct BundleMember {
    std::string name;
    std::string contents;
};
/// Writes `members` into a bundle with libarchive: "tar", "tar.gz", "tar.bz2", "tar.xz",
/// "tar.zst", "zip", "7z", or "gz", "bz2", "xz", "zst" for one compressed file.
void write_packed(const std::filesystem::path& path, const std::string& kind,
                  const std::vector<BundleMember>& members);

/// A search request for `query` with every other setting at its default.
SearchRequest request_for(const std::string& query);

/// Non-empty lines of a text.
std::vector<std::string> lines_of(const std::string& text);

/// Each document's value in `slot` (its story, its copy group), by the last part of its
/// id: a file name, or the last part of a URL.
std::map<std::string, std::string> values_by_id(const std::string& db, Xapian::valueno slot);

}  // namespace byline::test

#endif
