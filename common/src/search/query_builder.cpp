/** @file
 *  @brief Query text to Xapian query: the parse, its fallbacks and its notes
 *  (query_parser_setup makes the parser, query_rewrites finishes the query).
 */
#include <byline/query.h>

#include <byline/fields.h>

#include "search/query_parser_setup.h"
#include "search/query_rewrites.h"
#include "text.h"

#include <fmt/format.h>

#include <memory>

namespace byline {

namespace {

/// What Xapian's parser silently repairs but a user should hear about.
std::optional<std::string> unbalanced(const std::string& text) {
    int depth = 0;
    bool in_quotes = false;
    for (const char c : text) {
        if (c == '"') {
            in_quotes = !in_quotes;
        } else if (!in_quotes && c == '(') {
            ++depth;
        } else if (!in_quotes && c == ')' && --depth < 0) {
            return "unmatched ')'";
        }
    }
    if (in_quotes) {
        return "unclosed '\"'";
    }
    if (depth > 0) {
        return "unclosed '('";
    }
    return std::nullopt;
}

}  // namespace

ParsedQuery parse_query(const std::string& text, const Xapian::Database& db,
                        const QueryOptions& options) {
    if (trim(text) == "*") {
        return {Xapian::Query::MatchAll, std::nullopt, {}};  // Lists the whole index.
    }
    const auto problems = std::make_shared<std::vector<std::string>>();
    const Xapian::Stem stemmer{std::string(stemmer_language)};
    auto parser = make_query_parser(db, options, stemmer, problems);
    const unsigned meaning_flags =
        options.synonyms ? static_cast<unsigned>(Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS)
                         : 0U;
    const unsigned syntax_flags = Xapian::QueryParser::FLAG_DEFAULT |
                                  Xapian::QueryParser::FLAG_WILDCARD |
                                  Xapian::QueryParser::FLAG_PURE_NOT | meaning_flags;
    const unsigned flags = options.syntax ? syntax_flags : meaning_flags;
    ParsedQuery parsed;
    try {
        parsed.query = parser.parse_query(text, flags);
        if (auto problem = unbalanced(text); problem && options.syntax) {
            parsed.syntax_note = fmt::format("{}; read as far as it makes sense", *problem);
        }
    } catch (const Xapian::QueryParserError& e) {
        // As Omega does: search the words, ignoring the operators that broke.
        problems->clear();
        parsed.query = parser.parse_query(text, meaning_flags);
        parsed.syntax_note = fmt::format("{}; searched as plain words", e.get_msg());
    }
    for (const auto& problem : *problems) {
        parsed.syntax_note =
            parsed.syntax_note ? *parsed.syntax_note + "; " + problem : problem + "; left out";
    }
    collect_positive_words(parsed.query, parsed.words);
    parsed.query = stem_expansions(parsed.query, stemmer);
    return parsed;
}

}  // namespace byline
