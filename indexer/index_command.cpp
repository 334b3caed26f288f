/** @file
 *  @brief The byline-index command: read archives, write the index, report.
 */
#include "index_command.h"

#include "cli_kit.h"
#include "cli_options.h"

#include <byline/error.h>
#include <byline/index_location.h>
#include <byline/index_writer.h>
#include <byline/ingest.h>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <boost/program_options.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>

#include <unistd.h>

namespace byline {

namespace po = boost::program_options;

namespace {

constexpr std::string_view program = "byline-index";

constexpr std::string_view usage = R"(Usage: byline-index [OPTIONS] PATH...
       byline-index [OPTIONS] --compact

Reads the news articles in each PATH (a file, or a folder walked recursively) and adds
them to the index. An article replaces an earlier one with the same id, so indexing the
same archive again does not duplicate it; files unchanged since the last run (same size
and time, or same contents) are passed over. Every article read is kept with its own
id, outlet, URL and date; copies and near-copies of one text (a wire story run by many
sites, a reprint with another headline or an extra paragraph) share a story, which a
search shows once.

An empty index is built on every core and compacted; an index that holds articles is
updated in place, committed every few thousand articles at file boundaries, so that an
interrupted run (Ctrl-C, a crash) leaves it at its last commit and the next run finishes
the work. Searches may run meanwhile.

Formats, by content and file name (--input-format NAME forces one):
  text   *.txt, *.text, none   one article: "Name: value" headers (Title, Date, Source,
                               Author, URL, Tags, Id), a blank line, the body; without
                               headers, the first line is the title
  jsonl  *.jsonl, *.ndjson     one JSON article object per line
  json   *.json                an array of article objects
  csv    *.csv, tsv *.tsv      one article per row, named by the header row
  html   *.html, *.htm         a saved article page
  rss    *.rss, atom *.atom    a feed: each item or entry is an article (*.xml: either)
  warc   *.warc                a web archive: each HTML page is an article
Compressed files and bundles (.gz, .bz2, .xz, .zst, .tar, .tgz, .zip) are read as what
they hold. JSON and CSV fields named title/headline, body/text/content, date/published,
url/link, source/publication, author/byline, tags/keywords are known; --field maps others.

Options:
)";

constexpr std::string_view exit_help = R"(
Exit status: 0 every article indexed, 1 some records skipped (each reported as
FILE:LINE: REASON), 2 failure or interruption (what was committed stays indexed).
)";

struct Options {
    std::optional<std::string> db;
    std::vector<std::string> paths;
    IndexOptions index;
    bool compact = false;
    bool quiet = false;
    bool help = false;
    bool version = false;
};

/// --shard-by's periods.
constexpr cli::Choices<ShardBy, 2> shard_periods = {
    {{"month", ShardBy::month}, {"year", ShardBy::year}}};

po::options_description visible_options() {
    po::options_description options;
    auto add = options.add_options();
    add("db", po::value<std::string>()->value_name("DIR"),
        "index folder (default: $BYLINE_DB, else $XDG_DATA_HOME/byline/index, else "
        "~/.local/share/byline/index)");
    add("jobs,j", po::value<unsigned>()->value_name("N"),
        "threads that build an empty index (default: the number of cores)");
    add("prune", "delete the articles of indexed files that no longer exist");
    add("compact", "rewrite the index compactly (after indexing PATHs, if any)");
    add("wait", "wait for another indexer using the index instead of failing");
    add("quiet,q", "no progress line (there is none when stderr is not a terminal)");
    add("field", po::value<std::vector<std::string>>()->value_name("NAME=KEY")->composing(),
        "read article field NAME (title, body, date, url, source, author, tags, id) from the "
        "JSON key or CSV column KEY; a number is a column counted from 1, in a CSV file "
        "without a header row (--field title=2 --field body=3)");
    add("input-format", po::value<std::string>()->value_name("NAME"),
        "read every file as NAME: text, jsonl, json, csv, tsv, html, rss, atom or warc");
    add("max-article-size", po::value<std::string>()->value_name("SIZE"),
        "skip articles and records (a JSON line, a CSV row, a page) larger than SIZE, and "
        "files read whole (text, HTML, JSON, feeds) larger than SIZE unread; SIZE in bytes or "
        "with K, M or G (default: 64M)");
    add("shards", po::value<unsigned>()->value_name("N"),
        "build a sharded index: N shard databases, an article's shard chosen by a hash of "
        "its id, and a stub listing them that every command opens as one index");
    add("shard-by", po::value<std::string>()->value_name("PERIOD"),
        fmt::format("build a sharded index with one shard per {} of the articles' dates",
                    cli::choice_list(shard_periods))
            .c_str());
    add("commit-every", po::value<std::size_t>()->value_name("N"),
        "articles between commits when updating an index (default: 5000)");
    add("help,h", "print this help and exit");
    add("version", "print the version and exit");
    return options;
}

Options parse_options(const std::vector<std::string>& args) {
    const auto vm =
        cli::parse_command_line(args, cli::with_positional(visible_options(), "path"), "path");
    Options options;
    options.help = vm.count("help") > 0;
    options.version = vm.count("version") > 0;
    options.compact = vm.count("compact") > 0;
    options.quiet = vm.count("quiet") > 0;
    options.index.prune = vm.count("prune") > 0;
    options.index.wait_for_lock = vm.count("wait") > 0;
    if (vm.count("jobs") > 0) {
        options.index.jobs = vm["jobs"].as<unsigned>();
    }
    if (vm.count("commit-every") > 0) {
        options.index.commit_articles =
            std::max<std::size_t>(1, vm["commit-every"].as<std::size_t>());
    }
    if (vm.count("max-article-size") > 0) {
        const auto& size = vm["max-article-size"].as<std::string>();
        const auto bytes = cli::parse_byte_size(size);
        if (!bytes) {
            throw cli::UsageError(fmt::format(
                "--max-article-size '{}': expected a size such as 64M, 512K or 1G", size));
        }
        options.index.ingest.max_article_bytes = *bytes;
    }
    if (vm.count("db") > 0) {
        options.db = vm["db"].as<std::string>();
    }
    if (vm.count("shards") > 0 && vm.count("shard-by") > 0) {
        throw po::error("give --shards N or --shard-by PERIOD, not both");
    }
    if (vm.count("shards") > 0) {
        options.index.shards = {ShardBy::id_hash, vm["shards"].as<unsigned>()};
        if (options.index.shards.count == 0) {
            throw po::error("--shards must be at least 1");
        }
    }
    if (vm.count("shard-by") > 0) {
        options.index.shards.by =
            cli::parse_choice(shard_periods, "shard-by", vm["shard-by"].as<std::string>());
    }
    if (vm.count("field") > 0) {
        for (const auto& assignment : vm["field"].as<std::vector<std::string>>()) {
            options.index.ingest.fields.add(assignment);
        }
    }
    if (vm.count("input-format") > 0) {
        const auto& name = vm["input-format"].as<std::string>();
        options.index.ingest.forced_format = input_format_from_name(name);
        if (!options.index.ingest.forced_format) {
            throw cli::UsageError(
                fmt::format("--input-format '{}': not one of {}", name, input_format_names()));
        }
    }
    if (vm.count("path") > 0) {
        options.paths = vm["path"].as<std::vector<std::string>>();
    }
    return options;
}

/// Set by SIGINT and SIGTERM: stop reading, commit what is done, exit.
std::atomic<bool> stop_requested = false;

extern "C" void request_stop(int signal_number) {
    stop_requested.store(true);
    // A second Ctrl-C ends the program at once.
    std::signal(signal_number, SIG_DFL);
}

/// Catches SIGINT and SIGTERM for its lifetime.
class StopOnSignal {
  public:
    StopOnSignal() {
        stop_requested.store(false);
        previous_int_ = std::signal(SIGINT, request_stop);
        previous_term_ = std::signal(SIGTERM, request_stop);
    }
    ~StopOnSignal() {
        std::signal(SIGINT, previous_int_);
        std::signal(SIGTERM, previous_term_);
    }
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

  private:
    void (*previous_int_)(int) = nullptr;
    void (*previous_term_)(int) = nullptr;
};

/// Bytes in the files under the paths, for the progress line's ETA.
std::uintmax_t input_bytes(const std::vector<std::string>& paths) {
    std::uintmax_t total = 0;
    for (const auto& path : paths) {
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error)) {
            total += std::filesystem::file_size(path, error);
            continue;
        }
        for (std::filesystem::recursive_directory_iterator it(path, error), end;
             !error && it != end; it.increment(error)) {
            if (it->path().filename().string().starts_with('.')) {
                it.disable_recursion_pending();
            } else if (it->is_regular_file(error)) {
                total += it->file_size(error);
            }
        }
    }
    return total;
}

std::string format_counts(const IndexCounts& counts) {
    std::string text;
    for (const auto& [format, count] : counts.articles_by_format) {
        text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, format_name(format));
    }
    return text;
}

/// "2 malformed, 1 binary".
std::string format_skip_kinds(const IndexCounts& counts) {
    std::string text;
    for (const auto& [kind, count] : counts.skips_by_kind) {
        text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, skip_kind_name(kind));
    }
    return text;
}

/// Prints skipped records and, on a terminal, a live progress line on stderr.
class CommandReporter : public IndexReporter {
  public:
    CommandReporter(std::ostream& err, bool live, std::uintmax_t total_bytes)
        : err_(err), live_(live), total_bytes_(total_bytes) {}

    void on_skip(const SourceLocation& where, SkipKind kind, std::string_view reason) override {
        clear_line();
        // The limit is this command's option: say which.
        fmt::print(err_, "{}: {}{}\n", where.to_string(), reason,
                   kind == SkipKind::too_large ? " (--max-article-size)" : "");
    }

    void on_progress(const IndexCounts& counts) override {
        if (!live_) {
            return;
        }
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started_;
        const double seconds = std::max(elapsed.count(), 1e-3);
        // Bytes as stored (compressed, for a compressed file): what the ETA can count on.
        const double rate = cli::megabytes(counts.bytes_read) / seconds;
        std::string eta = "?";
        if (rate > 0 && total_bytes_ >= counts.bytes_done) {
            eta = fmt::format("{:.0f} s", cli::megabytes(total_bytes_ - counts.bytes_done) / rate);
        }
        fmt::print(err_,
                   "\r{} files, {:.1f} MB read, {} articles ({} written), {:.1f} MB/s, "
                   "{:.0f} articles/s, ETA {}\x1b[K",
                   counts.files_found, cli::megabytes(counts.bytes_read), counts.articles(),
                   counts.articles_written, rate, static_cast<double>(counts.articles()) / seconds,
                   eta);
        err_.flush();
        line_shown_ = true;
    }

    void clear_line() {
        if (line_shown_) {
            fmt::print(err_, "\r\x1b[K");
            line_shown_ = false;
        }
    }

  private:
    std::ostream& err_;
    bool live_;
    std::uintmax_t total_bytes_;
    bool line_shown_ = false;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

/// The index a write failure is reported for when Xapian aborts (report_abort).
std::filesystem::path index_being_written;

/// Xapian 1.4 can abort in WritableDatabase::commit_transaction() when the disk fills:
/// the write error leaves one of its destructors, which ends the process. Report it as
/// any failure of the index (whose last commit stands) rather than die of SIGABRT.
[[noreturn]] void report_abort() {
    if (const auto current = std::current_exception()) {
        try {
            std::rethrow_exception(current);
        } catch (const Xapian::Error& e) {
            fmt::print(stderr, "{}: index {}: {}\n", program, index_being_written.string(),
                       e.get_description());
            std::fflush(stderr);
            std::_Exit(index_failed);
        } catch (...) {
        }
    }
    std::abort();
}

int index_paths(const Options& options, const std::filesystem::path& index_dir, std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    // Check every path before writing anything, so a typo costs nothing.
    for (const auto& path : options.paths) {
        std::error_code error;
        if (!std::filesystem::exists(path, error)) {
            throw Error(fmt::format("{}: no such file or folder", path));
        }
    }
    IndexWriter writer(index_dir, options.index, [&] {
        fmt::print(err, "{}: waiting for the indexer using {}...\n", program, index_dir.string());
    });
    IndexCounts counts;
    if (!options.paths.empty()) {
        const bool live = !options.quiet && &err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
        CommandReporter reporter(err, live, live ? input_bytes(options.paths) : 0);
        const std::vector<std::filesystem::path> paths(options.paths.begin(), options.paths.end());
        {
            const StopOnSignal stop_on_signal;
            counts = writer.update(paths, reporter, stop_requested);
        }
        reporter.clear_line();
    }
    if (options.compact && !counts.interrupted) {
        writer.compact();
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    if (!options.paths.empty()) {
        fmt::print(err,
                   "{}: indexed {} articles{} in {:.2f} s ({:.1f} MB read); files: {} found, "
                   "{} indexed, {} unchanged, {} touched with the same contents; {} {}; {} "
                   "joined another outlet's story; {} deleted{}; skipped {}{}; the index at {} "
                   "holds {}\n",
                   program, counts.articles(),
                   counts.articles() == 0 ? "" : fmt::format(" ({})", format_counts(counts)),
                   elapsed.count(), cli::megabytes(counts.bytes_read), counts.files_found,
                   counts.files_indexed, counts.files_unchanged, counts.files_same_contents,
                   counts.copies,
                   counts.copies == 1 ? "copy of another article" : "copies of other articles",
                   counts.story_joins, counts.articles_deleted,
                   options.index.prune ? fmt::format(" ({} files gone)", counts.files_pruned) : "",
                   counts.skipped,
                   counts.skipped == 0 ? "" : fmt::format(" ({})", format_skip_kinds(counts)),
                   index_dir.string(), writer.document_count());
    } else {
        fmt::print(err, "{}: compacted the index at {} in {:.2f} s; it holds {}\n", program,
                   index_dir.string(), elapsed.count(), writer.document_count());
    }
    if (counts.interrupted) {
        fmt::print(err, "{}: interrupted; what was indexed is committed: run again to finish\n",
                   program);
        return index_failed;
    }
    return counts.skipped == 0 ? index_all_indexed : index_some_skipped;
}

/// The library's errors in this command's terms.
std::string describe_error(const Error& e) {
    if (const auto* locked = dynamic_cast<const IndexLockedError*>(&e)) {
        return fmt::format("{} (use --wait to wait for it)", locked->what());
    }
    if (const auto* mapping = dynamic_cast<const FieldMappingError*>(&e)) {
        return fmt::format("--field '{}': {}", mapping->assignment(), mapping->problem());
    }
    return cli::describe_common_error(e);
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto options = parse_options(args);
    if (options.help) {
        fmt::print(out, "{}{}{}", usage, fmt::streamed(visible_options()), exit_help);
        return index_all_indexed;
    }
    if (options.version) {
        cli::print_version(out, program);
        return index_all_indexed;
    }
    if (options.paths.empty() && !options.compact) {
        throw cli::UsageError("no PATH given");
    }
    const auto index_dir = index_location(options.db);
    index_being_written = index_dir;
    std::set_terminate(report_abort);
    try {
        return index_paths(options, index_dir, err);
    } catch (const Xapian::Error& e) {
        // A damaged index, a full disk: say which index.
        throw Error(fmt::format("index {}: {}", index_dir.string(), e.get_description()));
    }
}

}  // namespace

int run_index_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return cli::run_reporting_errors(
        program, err, index_failed, [&] { return run(args, out, err); }, describe_error);
}

}  // namespace byline
