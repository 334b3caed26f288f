/** @file
 *  @brief The per-format readers behind ingest_path(), and what they share.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_READERS_H
#define BYLINE_INCLUDED_INGEST_READERS_H

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

/// Readers take valid UTF-8 (the walk decodes it), except the markup readers, which
/// find the charset the markup declares.
void read_article_text(std::string_view contents, const FileRef& file, ArticleSink& sink);
void read_json_lines(std::string_view contents, const FileRef& file, const FieldMapping& fields,
                     ArticleSink& sink);
/// A whole JSON document: an array of article objects, an object holding such an array
/// ("articles", "items", "data"…), or one article object. Falls back to JSON Lines when
/// the document does not parse as one value.
void read_json_document(std::string_view contents, const FileRef& file, const FieldMapping& fields,
                        ArticleSink& sink);
void read_delimited(std::string_view contents, const FileRef& file, char separator,
                    const FieldMapping& fields, ArticleSink& sink);
void read_html_page(std::string_view contents, const FileRef& file, ArticleSink& sink);
/// RSS or Atom, as the document's root element says.
void read_feed(std::string_view contents, const FileRef& file, ArticleSink& sink);
void read_warc(std::string_view contents, const FileRef& file, ArticleSink& sink);

/// What a web page says about the article it holds. `charset` is the one its HTTP
/// headers give, if any; the page's own declaration and detection come next.
void extract_html_article(std::string_view html, std::string_view charset, Article& article);
/// The readable text of an HTML fragment (a feed item's content), paragraphs separated
/// by blank lines.
[[nodiscard]] std::string html_fragment_text(std::string_view html);
/// The host of a URL without "www.", lower case: the source of last resort.
[[nodiscard]] std::string url_host(std::string_view url);

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
