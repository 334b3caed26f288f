/** @file
 *  @brief The byline-index command: read archives, write the index, report.
 */
#include "index_command.h"

#include <byline/error.h>
#include <byline/index_location.h>
#include <byline/index_writer.h>
#include <byline/ingest.h>
#include <byline/version.h>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <map>
#include <optional>

namespace byline {

namespace po = boost::program_options;

namespace {

constexpr std::string_view program = "byline-index";

constexpr std::string_view usage = R"(Usage: byline-index [OPTIONS] PATH...

Reads the news articles in each PATH (a file, or a folder walked recursively) and adds
them to the index. An article replaces an earlier one with the same id, so indexing the
same archive again does not duplicate it.

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
FILE:LINE: REASON), 2 failure (nothing more was indexed).
)";

struct Options {
    std::optional<std::string> db;
    std::vector<std::string> paths;
    IngestOptions ingest;
    bool help = false;
    bool version = false;
};

po::options_description visible_options() {
    po::options_description options;
    auto add = options.add_options();
    add("db", po::value<std::string>()->value_name("DIR"),
        "index folder (default: $BYLINE_DB, else $XDG_DATA_HOME/byline/index, else "
        "~/.local/share/byline/index)");
    add("field", po::value<std::vector<std::string>>()->value_name("NAME=KEY")->composing(),
        "read article field NAME (title, body, date, url, source, author, tags, id) from the "
        "JSON key or CSV column KEY; a number is a column counted from 1, in a CSV file "
        "without a header row (--field title=2 --field body=3)");
    add("input-format", po::value<std::string>()->value_name("NAME"),
        "read every file as NAME: text, jsonl, json, csv, tsv, html, rss, atom or warc");
    add("help,h", "print this help and exit");
    add("version", "print the version and exit");
    return options;
}

Options parse_options(const std::vector<std::string>& args) {
    auto all = visible_options();
    all.add_options()("path", po::value<std::vector<std::string>>());
    po::positional_options_description positional;
    positional.add("path", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    Options options;
    options.help = vm.count("help") > 0;
    options.version = vm.count("version") > 0;
    if (vm.count("db") > 0) {
        options.db = vm["db"].as<std::string>();
    }
    if (vm.count("path") > 0) {
        options.paths = vm["path"].as<std::vector<std::string>>();
    }
    if (vm.count("field") > 0) {
        for (const auto& assignment : vm["field"].as<std::vector<std::string>>()) {
            options.ingest.fields.add(assignment);
        }
    }
    if (vm.count("input-format") > 0) {
        const auto& name = vm["input-format"].as<std::string>();
        options.ingest.forced_format = input_format_from_name(name);
        if (!options.ingest.forced_format) {
            throw Error(
                fmt::format("--input-format '{}': not one of {}", name, input_format_names()));
        }
    }
    return options;
}

/// Adds what the readers find to the index and keeps the counts for the summary.
class IndexingSink : public ArticleSink {
public:
    IndexingSink(IndexWriter& writer, std::ostream& err) : writer_(writer), err_(err) {}

    void on_article(Article&& article, InputFormat format) override {
        writer_.add(article);
        ++articles_by_format_[format];
    }
    void on_skip(const SourceLocation& where, SkipKind kind, std::string_view reason) override {
        fmt::print(err_, "{}: {}\n", where.to_string(), reason);
        ++skipped_;
        ++skips_by_kind_[kind];
    }

    [[nodiscard]] std::size_t articles() const {
        std::size_t total = 0;
        for (const auto& [format, count] : articles_by_format_) {
            total += count;
        }
        return total;
    }
    [[nodiscard]] std::size_t skipped() const { return skipped_; }
    /// "2 malformed, 1 binary".
    [[nodiscard]] std::string by_skip_kind() const {
        std::string text;
        for (const auto& [kind, count] : skips_by_kind_) {
            text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, skip_kind_name(kind));
        }
        return text;
    }
    [[nodiscard]] std::string by_format() const {
        std::string text;
        for (const auto& [format, count] : articles_by_format_) {
            text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, format_name(format));
        }
        return text;
    }

private:
    IndexWriter& writer_;
    std::ostream& err_;
    std::map<InputFormat, std::size_t> articles_by_format_;
    std::size_t skipped_ = 0;
    std::map<SkipKind, std::size_t> skips_by_kind_;
};

int index_paths(const Options& options, std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    const auto index_dir = index_location(options.db);
    // Check every path before writing anything, so a typo costs nothing.
    for (const auto& path : options.paths) {
        std::error_code error;
        if (!std::filesystem::exists(path, error)) {
            throw Error(fmt::format("{}: no such file or folder", path));
        }
    }
    IndexWriter writer(index_dir);
    IndexingSink sink(writer, err);
    for (const auto& path : options.paths) {
        ingest_path(path, sink, options.ingest);
    }
    writer.commit();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    fmt::print(err,
               "{}: indexed {} articles{} in {:.2f} s; skipped {}{}; the index at {} holds {}\n",
               program, sink.articles(),
               sink.articles() == 0 ? "" : fmt::format(" ({})", sink.by_format()),
               elapsed.count(), sink.skipped(),
               sink.skipped() == 0 ? "" : fmt::format(" ({})", sink.by_skip_kind()),
               index_dir.string(), writer.document_count());
    return sink.skipped() == 0 ? index_all_indexed : index_some_skipped;
}

}  // namespace

int run_index_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    try {
        const auto options = parse_options(args);
        if (options.help) {
            fmt::print(out, "{}{}{}", usage, fmt::streamed(visible_options()), exit_help);
            return index_all_indexed;
        }
        if (options.version) {
            fmt::print(out, "{} {}\n", program, version);
            return index_all_indexed;
        }
        if (options.paths.empty()) {
            fmt::print(err, "{}: no PATH given (see --help)\n", program);
            return index_failed;
        }
        return index_paths(options, err);
    } catch (const po::error& e) {
        fmt::print(err, "{}: {} (see --help)\n", program, e.what());
    } catch (const Error& e) {
        fmt::print(err, "{}: {}\n", program, e.what());
    } catch (const Xapian::Error& e) {
        fmt::print(err, "{}: {}\n", program, e.get_description());
    } catch (const std::exception& e) {
        fmt::print(err, "{}: {}\n", program, e.what());
    }
    return index_failed;
}

}  // namespace byline
