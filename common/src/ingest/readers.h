/** @file
 *  @brief The per-format readers behind ingest_path(), and what they share.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_READERS_H
#define BYLINE_INCLUDED_INGEST_READERS_H

#include <byline/error.h>
#include <byline/ingest.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace byline {

/// A file being read: the path as the user named it, for messages, and its absolute
/// path, for ids that stay the same whatever folder the indexer runs from. A member of a
/// bundle is "BUNDLE!MEMBER" in both.
struct FileRef {
    std::string display_path;
    std::string identity_path;
};

/// A record over a limit (IngestOptions::max_article_bytes, max_nesting_depth), thrown
/// where the reader cannot report it itself; the reader of the record skips it.
class LimitExceeded : public Error {
  public:
    /// `line`: where in the file (or the markup) the limit was passed, 0 when unknown.
    LimitExceeded(SkipKind kind, std::size_t line, const std::string& reason)
        : Error(reason), kind_(kind), line_(line) {}
    [[nodiscard]] SkipKind kind() const { return kind_; }
    [[nodiscard]] std::size_t line() const { return line_; }

  private:
    SkipKind kind_;
    std::size_t line_;
};

/// A compressed stream that expands far beyond its size with no record boundary: a
/// decompression bomb, or data no reader could use. Reading the file that holds it
/// stops (the rest of the run goes on); `where` is the member or file it was found in.
class DecompressionBomb : public Error {
  public:
    DecompressionBomb(SourceLocation where, const std::string& reason)
        : Error(reason), where_(std::move(where)) {}
    [[nodiscard]] const SourceLocation& where() const { return where_; }

  private:
    SourceLocation where_;
};

/// "a record of 200.0 MiB is over the 64.0 MiB limit (--max-article-size)".
[[nodiscard]] std::string over_size_limit(std::string_view what, std::size_t bytes,
                                          std::size_t limit);

/// Readers take valid UTF-8 (the walk decodes it), except the markup readers, which
/// find the charset the markup declares.
void read_article_text(std::string_view contents, const FileRef& file, ArticleSink& sink);
/// Lines longer than `max_line_bytes` are skipped unparsed. `first_line` is the line
/// number `contents` starts at in its file: a large file comes in pieces (RecordChunks).
void read_json_lines(std::string_view contents, const FileRef& file, const FieldMapping& fields,
                     std::size_t max_line_bytes, ArticleSink& sink, std::size_t first_line = 1);
/// A whole JSON document: an array of article objects, an object holding such an array
/// ("articles", "items", "data"…), or one article object. Falls back to JSON Lines when
/// the document does not parse as one value.
void read_json_document(std::string_view contents, const FileRef& file, const FieldMapping& fields,
                        std::size_t max_line_bytes, ArticleSink& sink);
/// CSV or TSV, read in pieces of whole rows: the header row of the first piece names the
/// columns of the next ones.
class DelimitedReader {
  public:
    /// Rows longer than `max_row_bytes` are skipped without copying their fields.
    DelimitedReader(const FileRef& file, char separator, const FieldMapping& fields,
                    std::size_t max_row_bytes, ArticleSink& sink);
    /// Reads the rows of `contents`, which starts at line `first_line` of the file.
    void read(std::string_view contents, std::size_t first_line);

  private:
    const FileRef& file_;
    char separator_;
    const FieldMapping& fields_;
    std::size_t max_row_bytes_;
    ArticleSink& sink_;
    bool numbered_;
    bool have_header_;
    std::unordered_map<std::string, std::size_t> column_of_name_;
    std::size_t columns_ = 0;
};
void read_html_page(std::string_view contents, const FileRef& file, ArticleSink& sink);
/// RSS or Atom, as the document's root element says.
void read_feed(std::string_view contents, const FileRef& file, ArticleSink& sink);
/// A web archive, WARC or the older ARC. Pages longer than `max_record_bytes` are
/// skipped unparsed. `first_line` is the line number `contents` starts at in its file.
void read_warc(std::string_view contents, const FileRef& file, std::size_t max_record_bytes,
               ArticleSink& sink, std::size_t first_line = 1);

/// Where a web archive's record ends, from its header (WARC's Content-Length, the length
/// closing an ARC header line), for cutting a stream between records.
struct WebArchiveFrame {
    enum class Kind {
        record,      ///< A header with its block's length.
        incomplete,  ///< The text ends inside the header.
        invalid,     ///< No record header here.
    };
    Kind kind = Kind::invalid;
    /// The header's bytes, blank lines before it included.
    std::size_t header_bytes = 0;
    std::size_t block_bytes = 0;
};
[[nodiscard]] WebArchiveFrame web_archive_frame(std::string_view text);
/// Where the next record header may start in `text` after lost sync (its size when
/// nowhere): a line starting "WARC/" or, in an ARC file, a URL.
[[nodiscard]] std::size_t next_web_archive_record(std::string_view text);
/// True when the record that `record_head` starts holds an HTML page, judged from its
/// first bytes: a page over the size limit is reported, a video is passed over.
[[nodiscard]] bool web_archive_record_is_page(std::string_view record_head);

/// What a web page says about the article it holds. `charset` is the one its HTTP
/// headers give, if any; the page's own declaration and detection come next. Throws
/// LimitExceeded for markup nested max_nesting_depth deep.
void extract_html_article(std::string_view html, std::string_view charset, Article& article);
/// The readable text of an HTML fragment (a title, a name), paragraphs separated by
/// blank lines. Throws LimitExceeded as extract_html_article() does.
[[nodiscard]] std::string html_fragment_text(std::string_view html);
/// The article text of an HTML fragment that is an article's body (a feed item's
/// content): html_fragment_text() with share bars, related links, bylines and the like
/// left out, as for a page.
[[nodiscard]] std::string html_article_text(std::string_view html);

/// Gives an article without an id of its own its URL, else its location, as its id.
void assign_default_id(Article& article, const FileRef& file);

/// The format a file's name and first bytes show, or nothing when neither is one
/// Byline reads. Names without an extension are article text unless the content says
/// otherwise.
[[nodiscard]] std::optional<InputFormat> detect_format(std::string_view name,
                                                       std::string_view contents);
/// True when a folder walk should open a file of this name: a known extension, a
/// compressed or bundle extension, or none.
[[nodiscard]] bool worth_opening(std::string_view name);
/// True when the name ends in a compression or bundle extension (".gz", ".tar", ".zip").
[[nodiscard]] bool has_packed_extension(std::string_view name);
/// The name without a compression extension ("a.jsonl.gz" → "a.jsonl", "a.tgz" →
/// "a.tar"), for choosing the reader of what is inside.
[[nodiscard]] std::string without_compression_extension(std::string_view name);

}  // namespace byline

#endif
