/** @file
 *  @brief The real byline-index against hostile input and signals: a 200 MB line, markup
 *  100,000 levels deep and random bytes are skipped in bounded memory; SIGTERM and SIGINT
 *  during commits lose no committed article.
 */
#include "index_command.h"
#include "test_support.h"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <xapian.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <random>
#include <thread>

#include <sys/resource.h>
#include <sys/wait.h>

using byline::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The real byline-index, started with its stderr going to a file.
class IndexProcess {
  public:
    IndexProcess(const std::vector<std::string>& args, const std::filesystem::path& stderr_file)
        : stderr_file_(stderr_file), pid_(byline::test::spawn_index(args, stderr_file)) {}

    [[nodiscard]] pid_t pid() const { return pid_; }

    /// Waits for the end; the exit status, or -1 when a signal ended it.
    int wait() {
        int status = 0;
        rusage usage{};
        REQUIRE(wait4(pid_, &status, 0, &usage) == pid_);
        peak_kib_ = usage.ru_maxrss;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    /// The peak resident memory in MiB, once wait() has returned.
    [[nodiscard]] long peak_mib() const { return peak_kib_ / 1024; }
    [[nodiscard]] std::string err() const { return byline::test::read_file(stderr_file_); }

  private:
    std::filesystem::path stderr_file_;
    pid_t pid_ = 0;
    long peak_kib_ = 0;
};

/// A JSON line of about `megabytes` MB: one article whose body never ends.
void write_long_line(const std::filesystem::path& path, std::size_t megabytes) {
    std::ofstream out(path, std::ios::binary);
    out << R"({"title": "The longest wire", "body": ")";
    const std::string chunk = [] {
        std::string text;
        while (text.size() < 1000 * 1000) {
            text += "harbour cranes moved containers through the night ";
        }
        return text.substr(0, 1000 * 1000);
    }();
    for (std::size_t i = 0; i < megabytes; ++i) {
        out << chunk;
    }
    out << "\"}";
}

void write_random_bytes(const std::filesystem::path& path, std::size_t bytes) {
    std::mt19937_64 random(8);  // Fixed: the same bytes every run.
    std::string data(bytes, '\0');
    for (std::size_t i = 0; i + 8 <= bytes; i += 8) {
        const auto word = random();
        std::memcpy(data.data() + i, &word, 8);
    }
    std::ofstream(path, std::ios::binary) << data;
}

constexpr int files = 200;
constexpr int per_file = 10;

/// `files` JSON Lines files of `per_file` articles of 3 KB each: more than the indexer's
/// queue holds, so that it is still reading when a signal comes.
void write_archive(const TempDir& dir) {
    std::string padding;
    while (padding.size() < 3000) {
        padding += " The almanac and the gauges disagreed again.";
    }
    for (int f = 0; f < files; ++f) {
        std::string text;
        for (int a = 0; a < per_file; ++a) {
            text += fmt::format(
                R"({{"id": "f{0}-a{1}", "title": "Tide table {1} for pier {0}", "body": "High water at pier {0} comes {1} minutes late.{2}"}})"
                "\n",
                f, a, padding);
        }
        dir.write(fmt::format("archive/part-{:03}.jsonl", f), text);
    }
}

/// Files whose articles are all in the index; CHECKs that no file is in by halves.
int whole_files_in(const Xapian::Database& index) {
    int complete = 0;
    for (int f = 0; f < files; ++f) {
        int present = 0;
        for (int a = 0; a < per_file; ++a) {
            present += index.get_termfreq(fmt::format("Qf{}-a{}", f, a)) > 0 ? 1 : 0;
        }
        INFO("file " << f);
        CHECK((present == 0 || present == per_file));
        complete += present == per_file ? 1 : 0;
    }
    return complete;
}

/// Polls until the index holds more than `count` articles; false after 30 s.
bool wait_for_more_than(const std::string& db, Xapian::doccount count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        try {
            if (Xapian::Database(db).get_doccount() > count) {
                return true;
            }
        } catch (const Xapian::Error&) {
            // Opened mid-commit: look again.
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
}

}  // namespace

// Whether AddressSanitizer is on: g++ says so with __SANITIZE_ADDRESS__, clang (which
// builds CI's sanitized suite) with __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define BYLINE_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BYLINE_TEST_ASAN 1
#endif
#endif
#ifndef BYLINE_TEST_ASAN
#define BYLINE_TEST_ASAN 0
#endif

TEST_CASE("a 200 MB line and 100000-deep HTML and random bytes are skipped in bounded memory",
          "[faults][big]") {
    TempDir dir;
    const auto archive = dir.path() / "archive";
    std::filesystem::create_directories(archive);
    constexpr std::size_t long_line_mb = 200;
    write_long_line(archive / "long-line.jsonl", long_line_mb);
    {
        std::ofstream deep(archive / "deep.html", std::ios::binary);
        deep << "<html><head><title>Deep page</title></head>\n<body>";
        for (int i = 0; i < 100000; ++i) {
            deep << "<div>";
        }
        deep << "buried";
        for (int i = 0; i < 100000; ++i) {
            deep << "</div>";
        }
        deep << "</body></html>\n";
    }
    write_random_bytes(archive / "noise.jsonl", 10 << 20);
    dir.write(
        "archive/good.jsonl",
        R"({"id": "g1", "title": "Tidal turbines pass their test", "body": "Engineers in the estuary said the blades held."})"
        "\n"
        R"({"id": "g2", "title": "Lighthouse keepers retire", "body": "Automation came to the last manned light."})"
        "\n");
    dir.write("archive/ferry.txt",
              "Title: Ferry timetable changes\n\nWinter sailings start soon.\n");
    const auto db = (dir.path() / "index").string();

    const auto started = std::chrono::steady_clock::now();
    IndexProcess index({"--db", db, archive.string()}, dir.path() / "stderr");
    const int status = index.wait();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    const auto err = index.err();
    INFO(err);
    INFO("peak memory " << index.peak_mib() << " MiB in " << took.count() << " s");
    CHECK(status == byline::index_some_skipped);
    const auto where = archive.string() + "/";
    CHECK(contains(err, where + "long-line.jsonl:1: a line of 190.7 MiB is over the 64.0 MiB "
                                "limit (--max-article-size)\n"));
    CHECK(contains(err, where + "deep.html:2: markup nested 256 levels deep or more\n"));
    CHECK(contains(err, where + "noise.jsonl:1: binary data, not an article\n"));
    CHECK(contains(err, "skipped 3 (1 binary, 1 too large, 1 too deep)"));
    const Xapian::Database index_db(db);
    CHECK(index_db.get_doccount() == 3);
    for (const auto* id : {"Qg1", "Qg2"}) {
        CHECK(index_db.get_termfreq(id) == 1);
    }
    // The long line is passed over as it streams by, never held whole: peak memory
    // stays near the record limit (64 MiB) and the reading's pieces, under the line's
    // own size. AddressSanitizer keeps freed memory in quarantine (256 MiB by default)
    // before reusing it, which the pieces fill.
#if BYLINE_TEST_ASAN
    constexpr long quarantine_mib = 256;
#else
    constexpr long quarantine_mib = 0;
#endif
    CHECK(index.peak_mib() < 64 + 128 + quarantine_mib);
    static_assert(64 + 128 < long_line_mb);
}

namespace {

/// Starts an update of an index holding one article, lets it commit at least once,
/// sends `signal_number` (while it commits, most likely: it commits after every file),
/// and checks what the index holds afterwards.
void interrupt_during_commits(int signal_number) {
    TempDir dir;
    write_archive(dir);
    const auto db = (dir.path() / "index").string();
    const auto archive = (dir.path() / "archive").string();
    dir.write("first/note.txt", "Title: Opening note\n\nThe first article of the index.\n");
    REQUIRE(byline::test::run_index({"--db", db, (dir.path() / "first").string()}).status == 0);

    IndexProcess index({"--db", db, "--commit-every", "1", archive}, dir.path() / "stderr");
    const bool committed_some = wait_for_more_than(db, 1 + 2 * per_file);
    ::kill(index.pid(), signal_number);
    const int status = index.wait();
    REQUIRE(committed_some);
    const auto err = index.err();
    INFO(err);
    // It stops at a file's end, commits, says so, and exits 2.
    CHECK(status == byline::index_failed);
    CHECK(contains(err, "interrupted; what was indexed is committed: run again to finish"));
    const Xapian::Database index_db(db);
    const auto complete = whole_files_in(index_db);
    CHECK(index_db.get_doccount() == 1 + static_cast<Xapian::doccount>(complete * per_file));
    CHECK(complete >= 2);
    CHECK(complete < files);
    CHECK(index_db.get_termfreq("Qf0-a0") == 1);
    const auto search = byline::test::run_search({"--db", db, "--format", "ids", "Opening note"});
    CHECK(search.status == 0);

    const auto rerun = byline::test::run_index({"--db", db, archive});
    CHECK(rerun.status == 0);
    const Xapian::Database finished(db);
    CHECK(finished.get_doccount() == 1 + files * per_file);
    CHECK(whole_files_in(finished) == files);
}

}  // namespace

TEST_CASE("SIGTERM during commits commits the files done and the index opens", "[faults]") {
    interrupt_during_commits(SIGTERM);
}

TEST_CASE("SIGINT during commits commits the files done and the index opens", "[faults]") {
    interrupt_during_commits(SIGINT);
}
