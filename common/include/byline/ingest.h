/** @file
 *  @brief Reading articles out of files, folders and bundles, in every input format.
 */
#ifndef BYLINE_INCLUDED_INGEST_H
#define BYLINE_INCLUDED_INGEST_H

#include <byline/article.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

enum class InputFormat {
    /// One article per file: an RFC 822-style header block, a blank line, the body;
    /// or, with no header block, the headline on the first line.
    article_text,
    /// One JSON article object per line.
    json_lines,
    /// A JSON document: an array of article objects, or one object.
    json,
    /// Comma-separated values, one article per row.
    csv,
    /// Tab-separated values, one article per row.
    tsv,
    /// A saved web page holding one article.
    html,
    /// An RSS feed (2.0, or 1.0/RDF): each item is an article.
    rss,
    /// An Atom feed: each entry is an article.
    atom,
    /// A web archive, WARC or the older ARC: each HTML response or resource record is an
    /// article.
    warc,
};

/// The name summaries print ("JSON Lines", "CSV").
[[nodiscard]] std::string_view format_name(InputFormat format);
/// The format a command-line name stands for ("text", "jsonl", "json", "csv", "tsv",
/// "html", "rss", "atom", "warc"), or nothing.
[[nodiscard]] std::optional<InputFormat> input_format_from_name(std::string_view name);
/// Every command-line format name, for help and error messages.
[[nodiscard]] std::string input_format_names();

/// The article fields a record key can be mapped to.
enum class ArticleField { id, title, body, date, url, source, author, tags };

/// The field a --field name stands for ("title", "author"…), or nothing.
[[nodiscard]] std::optional<ArticleField> article_field_from_name(std::string_view name);

/// How the records of JSON and delimited files map to article fields, before the common
/// names every reader knows (title/headline, body/text/content…), which still apply to
/// records without the mapped key. A key is a JSON key or a CSV header name
/// (case-insensitive); in a delimited file, a key that is a number is a column, counted
/// from 1, and means the file has no header row.
struct FieldMapping {
    std::map<ArticleField, std::string> keys;

    /// Parses "NAME=KEY" and adds it; throws byline::Error on a malformed one.
    void add(std::string_view assignment);
    /// True when some key is a column number.
    [[nodiscard]] bool by_column_number() const;
};

/// The default of IngestOptions::max_article_bytes: far above any real article.
inline constexpr std::size_t default_max_article_bytes = std::size_t{64} << 20;

/// How deep JSON and HTML may nest. libxml2 stops parsing markup at this depth (without
/// XML_PARSE_HUGE), and no article needs more; deeper records are skipped, which also
/// bounds the recursion of every walk over a parsed tree.
inline constexpr int max_nesting_depth = 256;

struct IngestOptions {
    /// Read every file as this format, whatever its name or content says.
    std::optional<InputFormat> forced_format;
    FieldMapping fields;
    /// A record larger than this (a JSON line, a CSV row, a WARC record, an article) is
    /// skipped, and so is a file read as one document (article text, HTML, JSON, a feed)
    /// without reading it: one record never takes more memory than this, give or take.
    std::size_t max_article_bytes = default_max_article_bytes;
};

/// Why a record or file was not indexed; summaries count skips by kind.
enum class SkipKind {
    /// The file or bundle could not be opened or decompressed.
    unreadable,
    /// Binary data where text was expected.
    binary,
    /// A record that does not parse: a bad JSON line, a broken CSV row, bad markup.
    malformed,
    /// A date that is none of the known forms.
    bad_date,
    /// A record with neither title nor body.
    empty,
    /// A record or file over IngestOptions::max_article_bytes.
    too_large,
    /// JSON or markup nested deeper than max_nesting_depth.
    too_deep,
};

[[nodiscard]] std::string_view skip_kind_name(SkipKind kind);

/// A file the walk found, as stat() saw it before reading.
struct FoundFile {
    /// The path as the user named it, for messages.
    std::string display_path;
    /// The absolute path, the same whatever folder the program runs from.
    std::string identity_path;
    std::uintmax_t size = 0;
    /// Last modification, in nanoseconds since 1970.
    std::int64_t mtime_ns = 0;
};

/// Receives what the readers find. A bad record is reported and reading goes on.
class ArticleSink {
  public:
    virtual ~ArticleSink() = default;
    /// Whether to read a file at all; an indexer passes over files it holds unchanged.
    virtual bool want_file(const FoundFile& /*file*/) { return true; }
    /// Whether to parse a file, knowing its contents: `content_hash` is the 64-bit FNV-1a
    /// hash of its bytes (as stored, compressed or not).
    virtual bool want_contents(const FoundFile& /*file*/, std::uint64_t /*content_hash*/) {
        return true;
    }
    /// Hears how many more of a wanted file's bytes (as stored: compressed bytes, for a
    /// compressed file) have been read, as it is read, for progress.
    virtual void on_bytes_read(std::size_t /*bytes*/) {}
    /// Asked between pieces of a large file and between a bundle's members: false stops
    /// reading the file (end_file() is still called).
    virtual bool keep_reading() { return true; }
    /// Called when every record of a wanted file has been delivered.
    virtual void end_file(const FoundFile& /*file*/) {}
    virtual void on_article(Article&& article, InputFormat format) = 0;
    /// A record or file that was not indexed, and why: `reason` is a message fit to
    /// print after "FILE:LINE: ".
    virtual void on_skip(const SourceLocation& where, SkipKind kind, std::string_view reason) = 0;
};

/// Reads every article under `path`: a file, or a folder walked recursively in name
/// order (hidden entries and files of no article format are passed over). Compressed
/// files and bundles (.gz, .bz2, .xz, .zst, .tar*, .zip, .7z) are read as streams, and
/// files of records (JSON Lines, CSV, TSV, web archives) in pieces of whole records, so
/// memory is bounded by the size limit, not by the file; a member of a bundle is named
/// "BUNDLE!MEMBER". A path that is gone, and a file that cannot
/// be read or is no regular file (a FIFO, a device), is reported to `sink` as skipped.
/// Articles reach `sink` as valid UTF-8 (stray bytes become U+FFFD) and within the limits
/// of `options`.
void ingest_path(const std::filesystem::path& path, ArticleSink& sink,
                 const IngestOptions& options = {});

/// Reads the articles in one file's contents; `path` names it in ids and diagnostics.
void ingest_contents(std::string_view contents, const std::string& path, InputFormat format,
                     ArticleSink& sink, const IngestOptions& options = {});

}  // namespace byline

#endif
