/** @file
 *  @brief Ranked search over a Byline index.
 */
#ifndef BYLINE_INCLUDED_SEARCHER_H
#define BYLINE_INCLUDED_SEARCHER_H

#include <byline/article.h>

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace byline {

struct SearchRequest {
    std::string query;
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    /// Bytes of body text around the matches to show; 0 makes no snippet.
    std::size_t snippet_length = 200;
};

/// Body text around a hit's matches; `highlights` are [begin, end) byte ranges of
/// `text` that match the query.
struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

struct Hit {
    /// 1-based position in the whole ranking (offset included).
    Xapian::doccount rank = 0;
    double score = 0;
    /// The stored fields; the body is left out (see snippet).
    Article article;
    Snippet snippet;
};

struct SearchResponse {
    std::vector<Hit> hits;
    /// Xapian's estimate of all matches, not just the page returned.
    Xapian::doccount estimated_matches = 0;
    /// Set when the query's syntax was broken and its words were searched as plain
    /// words instead; says what was wrong.
    std::optional<std::string> syntax_note;
};

/// The query text as Xapian sees it, and a note when its syntax had to be ignored.
struct ParsedQuery {
    Xapian::Query query;
    std::optional<std::string> syntax_note;
};

/// Parses query text with the field table's prefixes, English stemming and Xapian's
/// boolean syntax. Broken syntax is not an error: the text is searched as plain words
/// and syntax_note says so, as Omega does. `db` supplies wildcard expansion.
[[nodiscard]] ParsedQuery parse_query(const std::string& text, const Xapian::Database& db);

/// Opens an index read-only and answers queries against it.
class Searcher {
public:
    /// Throws byline::Error when there is no readable index at the path.
    explicit Searcher(const std::filesystem::path& index_dir);

    [[nodiscard]] SearchResponse search(const SearchRequest& request);
    [[nodiscard]] const Xapian::Database& database() const { return db_; }

private:
    Xapian::Database db_;
};

}  // namespace byline

#endif
