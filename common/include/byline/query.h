/** @file
 *  @brief Query text to Xapian query: the field table's prefixes, English stemming,
 *  Xapian's boolean syntax, date: forms and synonyms.
 */
#ifndef BYLINE_INCLUDED_QUERY_H
#define BYLINE_INCLUDED_QUERY_H

#include <byline/date.h>

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace byline {

/// The query text as Xapian sees it, and a note when its syntax had to be ignored.
struct ParsedQuery {
    Xapian::Query query;
    std::optional<std::string> syntax_note;
    /// The query's positive plain words as stemmed terms ("Zsafeti"), in order: what
    /// phrase and proximity matches are measured on.
    std::vector<std::string> words;
};

struct QueryOptions {
    /// How words with no operator between them combine (the Searcher sets it from
    /// SearchRequest::match).
    Xapian::Query::op default_op = Xapian::Query::OP_AND;
    /// False reads the text as plain words, ignoring operators, quotes and +/- (for
    /// topics read from a file, whose words are not query syntax).
    bool syntax = true;
    /// What relative dates (date:30d.., 1y) count back from; absent means now.
    std::optional<Date> now;
    /// Expand words with the synonyms in the index (byline-index writes the built-in
    /// table) and in any extra groups the Searcher was given.
    bool synonyms = true;
};

/// Parses query text with the field table's prefixes, English stemming and Xapian's
/// boolean syntax, NEAR, wildcards, date: ranges and the synonyms in `db`. Broken
/// syntax is not an error: the text is searched as plain words and syntax_note says
/// so, as Omega does. `db` supplies wildcard expansion and synonyms.
[[nodiscard]] ParsedQuery parse_query(const std::string& text, const Xapian::Database& db,
                                      const QueryOptions& options = {});

}  // namespace byline

#endif
