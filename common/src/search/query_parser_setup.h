/** @file
 *  @brief The QueryParser Byline queries are read with: the field table's prefixes, the
 *  date: forms, the stemmer and the stop words.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_QUERY_PARSER_SETUP_H
#define BYLINE_INCLUDED_SEARCH_QUERY_PARSER_SETUP_H

#include <byline/query.h>

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace byline {

/// What the parser's processors could not read (a date that is not a date): each is
/// left out of the query and reported in ParsedQuery::syntax_note.
using Problems = std::shared_ptr<std::vector<std::string>>;

/// A parser for `options` reading `db`'s spelling data, synonyms and wildcard terms.
[[nodiscard]] Xapian::QueryParser make_query_parser(const Xapian::Database& db,
                                                    const QueryOptions& options,
                                                    const Xapian::Stem& stemmer,
                                                    const Problems& problems);

}  // namespace byline

#endif
