/** @file
 *  @brief An article as read from an archive, before indexing and after a search.
 */
#ifndef BYLINE_INCLUDED_ARTICLE_H
#define BYLINE_INCLUDED_ARTICLE_H

#include <byline/date.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace byline {

/// Where a record came from: a file, and the line a multi-record file holds it at
/// (0 for a whole-file record).
struct SourceLocation {
    std::string path;
    std::size_t line = 0;

    /// "path" or "path:line", the form diagnostics and ids use.
    [[nodiscard]] std::string to_string() const;
};

struct Article {
    /// Unique id: the record's own id, else its URL, else its location.
    std::string id;
    std::string title;
    std::string body;
    std::string source;
    std::vector<std::string> authors;
    std::string url;
    std::optional<Date> date;
    std::vector<std::string> tags;
    SourceLocation origin;
    /// The story this article reports, which other outlets' reports of the event share
    /// (slot_story): set by the indexer (index/story_clustering.h), read back with a hit.
    std::string story;
    /// The key this article shares with its copies and near-copies (slot_copy_group):
    /// set by the indexer (index/copy_detection.h), read back with a hit.
    std::string copy_group;
};

}  // namespace byline

#endif
