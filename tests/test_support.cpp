/** @file
 *  @brief Helpers the tests share.
 */
#include "test_support.h"

#include "index_command.h"
#include "search_command.h"

#include <byline/fields.h>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace byline::test {

namespace fs = std::filesystem;

ScopedEnv::ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) {
        old_ = old;
    }
    set(value);
}

ScopedEnv::~ScopedEnv() {
    set(old_);
}

void ScopedEnv::set(const std::optional<std::string>& value) {
    if (value) {
        ::setenv(name_, value->c_str(), 1);
    } else {
        ::unsetenv(name_);
    }
}

TempDir::TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() /
            fmt::format("byline-test-{:016x}",
                        std::uniform_int_distribution<unsigned long long>()(random));
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

CommandResult run_search(const std::vector<std::string>& args, const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    const int status = run_search_command(args, in, out, err);
    return {status, out.str(), err.str()};
}

namespace {

/// Starts the program `argv_text` names first, its standard error (and standard output,
/// when given) written to a file; returns its pid.
pid_t spawn_program(std::vector<std::string> argv_text, const fs::path* stdout_file,
                    const fs::path& stderr_file) {
    std::vector<char*> argv;
    for (auto& arg : argv_text) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (stdout_file != nullptr) {
        posix_spawn_file_actions_addopen(&actions, 1, stdout_file->c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
    posix_spawn_file_actions_addopen(&actions, 2, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    pid_t pid = 0;
    const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
        throw std::runtime_error("cannot start " + argv_text.front());
    }
    return pid;
}

/// Starts `program` with `args`, its standard error written to a file.
pid_t spawn_with_args(const char* program, const std::vector<std::string>& args,
                      const fs::path& stderr_file) {
    std::vector<std::string> argv_text = {program};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    return spawn_program(std::move(argv_text), nullptr, stderr_file);
}

}  // namespace

pid_t spawn_index(const std::vector<std::string>& args, const std::filesystem::path& stderr_file) {
    return spawn_with_args(BYLINE_INDEX_EXE, args, stderr_file);
}

pid_t spawn_search(const std::vector<std::string>& args, const std::filesystem::path& stderr_file) {
    return spawn_with_args(BYLINE_SEARCH_PROGRAM, args, stderr_file);
}

ProgramResult run_program(const std::vector<std::string>& argv_text,
                          std::chrono::seconds deadline) {
    const TempDir dir;
    const auto out_file = dir.path() / "stdout";
    const auto err_file = dir.path() / "stderr";
    const pid_t pid = spawn_program(argv_text, &out_file, err_file);
    ProgramResult result;
    const auto started = std::chrono::steady_clock::now();
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() - started > deadline) {
            result.timed_out = true;
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    result.elapsed = std::chrono::steady_clock::now() - started;
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out_file);
    result.err = read_file(err_file);
    return result;
}

fs::path sample_archive() {
    return fs::path(BYLINE_SOURCE_DIR) / "corpora" / "sample";
}

const std::string& sample_db() {
    static const std::string db = [] {
        // CTest builds it once per run (fixture.sample_index in tests/CMakeLists.txt) and
        // names it here; a run of unit_tests by hand builds its own.
        const char* built = std::getenv("BYLINE_SAMPLE_INDEX");
        if (built != nullptr && *built != '\0') {
            return std::string(built);
        }
        static const TempDir dir;
        const auto path = (dir.path() / "index").string();
        const auto result = run_index({"--db", path, sample_archive().string()});
        if (result.status != 0) {
            throw std::runtime_error("cannot index the sample archive: " + result.err);
        }
        return path;
    }();
    return db;
}

std::optional<fs::path> shared_corpora_or_skip() {
    const fs::path path(BYLINE_SHARED_CORPORA);
    std::error_code error;
    if (fs::is_directory(path, error)) {
        return fs::weakly_canonical(path);
    }
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string_view(ci) == "true") {
        FAIL(path.string() << " is not there, and CI must run the tests that need it");
    }
    WARN("SKIPPED: ../shared/corpora is not beside the checkout (" << path.string() << ")");
    return std::nullopt;
}

namespace {

class CollectingSink : public ArticleSink {
  public:
    explicit CollectingSink(Ingested& result) : result_(result) {}
    void on_article(Article&& article, InputFormat) override {
        result_.articles.push_back(std::move(article));
    }
    void on_skip(const SourceLocation& where, SkipKind, std::string_view reason) override {
        result_.skips.push_back(fmt::format("{}: {}", where.to_string(), reason));
    }

  private:
    Ingested& result_;
};

}  // namespace

Ingested ingest_text(const std::string& contents, InputFormat format, const std::string& path,
                     const IngestOptions& options) {
    Ingested result;
    CollectingSink sink(result);
    ingest_contents(contents, path, format, sink, options);
    return result;
}

Ingested ingest_file_or_folder(const fs::path& path, const IngestOptions& options) {
    Ingested result;
    CollectingSink sink(result);
    ingest_path(path, sink, options);
    return result;
}

fs::path ingest_fixture(const std::string& name) {
    return fs::path(BYLINE_SOURCE_DIR) / "tests" / "fixtures" / "ingest" / name;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_packed(const fs::path& path, const std::string& kind,
                  const std::vector<BundleMember>& members) {
    archive* writer = archive_write_new();
    const bool bundle = kind.starts_with("tar") || kind == "zip" || kind == "7z";
    const auto compression = kind.starts_with("tar.") ? kind.substr(4) : bundle ? "" : kind;
    if (kind == "zip") {
        archive_write_set_format_zip(writer);
    } else if (kind == "7z") {
        archive_write_set_format_7zip(writer);
    } else if (bundle) {
        archive_write_set_format_pax_restricted(writer);
    } else {
        archive_write_set_format_raw(writer);
    }
    if (compression == "gz") {
        archive_write_add_filter_gzip(writer);
        // Fast rather than small: the corpora tests pack tens of megabytes.
        archive_write_set_filter_option(writer, "gzip", "compression-level", "1");
    } else if (compression == "bz2") {
        archive_write_add_filter_bzip2(writer);
    } else if (compression == "xz") {
        archive_write_add_filter_xz(writer);
    } else if (compression == "zst") {
        archive_write_add_filter_zstd(writer);
    }
    if (archive_write_open_filename(writer, path.c_str()) != ARCHIVE_OK) {
        throw std::runtime_error(archive_error_string(writer));
    }
    for (const auto& member : members) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, member.name.c_str());
        archive_entry_set_size(entry, static_cast<la_int64_t>(member.contents.size()));
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_write_header(writer, entry);
        archive_write_data(writer, member.contents.data(), member.contents.size());
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
}

SearchRequest request_for(const std::string& query) {
    SearchRequest request;
    request.query = query;
    return request;
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

std::map<std::string, std::string> values_by_id(const std::string& db, Xapian::valueno slot) {
    const Xapian::Database index(db);
    std::map<std::string, std::string> values;
    for (auto it = index.postlist_begin(""); it != index.postlist_end(""); ++it) {
        const auto doc = index.get_document(*it);
        auto id_term = doc.termlist_begin();
        id_term.skip_to(std::string(prefix::unique_id));
        const auto path = std::filesystem::path((*id_term).substr(1));
        values[path.filename().string()] = doc.get_value(slot);
    }
    return values;
}

}  // namespace byline::test
