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

/// "a record of 200.0 MiB is over the 64.0 MiB limit (--max-article-size)".
[[nodiscard]] std::string over_size_limit(std::string_view what, std::size_t bytes,
                                          std::size_t limit);

/// Readers take valid UTF-8 (the walk decodes it), except the markup readers, which
/// find the charset the markup declares.
void read_article_text(std::string_view contents, const FileRef& file, ArticleSink& sink);
/// Lines longer than `max_line_bytes` are skipped unparsed.
void read_json_lines(std::string_view contents, const FileRef& file, const FieldMapping& fields,
                     std::size_t max_line_bytes, ArticleSink& sink);
/// A whole JSON document: an array of article objects, an object holding such an array
/// ("articles", "items", "data"…), or one article object. Falls back to JSON Lines when
/// the document does not parse as one value.
void read_json_document(std::string_view contents, const FileRef& file, const FieldMapping& fields,
                        std::size_t max_line_bytes, ArticleSink& sink);
/// Rows longer than `max_row_bytes` are skipped without copying their fields.
void read_delimited(std::string_view contents, const FileRef& file, char separator,
                    const FieldMapping& fields, std::size_t max_row_bytes, ArticleSink& sink);
void read_html_page(std::string_view contents, const FileRef& file, ArticleSink& sink);
/// RSS or Atom, as the document's root element says.
void read_feed(std::string_view contents, const FileRef& file, ArticleSink& sink);
/// Records longer than `max_record_bytes` are skipped unparsed.
void read_warc(std::string_view contents, const FileRef& file, std::size_t max_record_bytes,
               ArticleSink& sink);

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
/// The name without a compression extension ("a.jsonl.gz" → "a.jsonl", "a.tgz" →
/// "a.tar"), for choosing the reader of what is inside.
[[nodiscard]] std::string without_compression_extension(std::string_view name);

}  // namespace byline

#endif
