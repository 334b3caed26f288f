/** @file
 *  @brief The per-format readers behind ingest_path().
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_READERS_H
#define BYLINE_INCLUDED_INGEST_READERS_H

#include <byline/ingest.h>

#include <string>
#include <string_view>

namespace byline {

/// A file being read: the path as the user named it, for messages, and its absolute
/// path, for ids that stay the same whatever folder the indexer runs from.
struct FileRef {
    std::string display_path;
    std::string identity_path;
};

void read_article_text(std::string_view contents, const FileRef& file, ArticleSink& sink);
void read_json_lines(std::string_view contents, const FileRef& file, ArticleSink& sink);

/// Gives an article without an id of its own its URL, else its location, as its id.
void assign_default_id(Article& article, const FileRef& file);

}  // namespace byline

#endif
