/** @file
 *  @brief What the parsed query becomes before it is run: expansions made as written
 *  rewritten into stems, and the plain words that proximity lifts are measured on.
 */
#include "search/query_rewrites.h"

#include <byline/fields.h>

#include <algorithm>
#include <cctype>

namespace byline {

namespace {

/// The terms of a synonym as the index holds them: the table lists words as people
/// write them ("artificial intelligence", "chipmakers"), the index holds stems, and
/// Xapian 1.4 expands a multi-word synonym as one term that no document has.
Xapian::Query synonym_as_stems(const std::string& synonym, const Xapian::Stem& stemmer) {
    std::vector<Xapian::Query> words;
    std::size_t begin = 0;
    while (begin < synonym.size()) {
        const auto end = std::min(synonym.find(' ', begin), synonym.size());
        if (end > begin) {
            words.emplace_back(std::string(stem_prefix) +
                               stemmer(synonym.substr(begin, end - begin)));
        }
        begin = end + 1;
    }
    if (words.size() == 1) {
        return words.front();
    }
    return {Xapian::Query::OP_PHRASE, words.begin(), words.end(),
            static_cast<Xapian::termcount>(words.size())};
}

/// Xapian 1.4's parser expands a wildcard over the terms as written ("Scomput*"), which
/// this index does not hold: the same wildcard over the stems ("ZScomput*"). The parser
/// gives no other access to a wildcard's pattern than its description,
/// "Query(WILDCARD SYNONYM Scomput)".
Xapian::Query wildcard_over_stems(const Xapian::Query& wildcard) {
    const auto description = wildcard.get_description();
    const auto pattern_begin = description.rfind(' ') + 1;
    const auto pattern = description.substr(pattern_begin, description.size() - 1 - pattern_begin);
    return {Xapian::Query::OP_WILDCARD, std::string(stem_prefix) + pattern, 0,
            Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_SYNONYM};
}

}  // namespace

Xapian::Query stem_expansions(const Xapian::Query& query, const Xapian::Stem& stemmer) {
    const auto type = query.get_type();
    if (type == Xapian::Query::OP_WILDCARD) {
        return wildcard_over_stems(query);
    }
    // Auto-synonyms and wildcards appear only under these operators, which take no
    // parameter.
    switch (type) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            break;
        default:
            return query;
    }
    std::vector<Xapian::Query> parts;
    bool changed = false;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const auto part = query.get_subquery(i);
        if (type == Xapian::Query::OP_SYNONYM && i > 0 &&
            part.get_type() == Xapian::Query::LEAF_TERM) {
            parts.push_back(synonym_as_stems(*part.get_terms_begin(), stemmer));
            changed = true;
        } else {
            parts.push_back(stem_expansions(part, stemmer));
            changed = changed || parts.back().get_description() != part.get_description();
        }
    }
    return changed ? Xapian::Query(type, parts.begin(), parts.end()) : query;
}

void collect_positive_words(const Xapian::Query& query, std::vector<std::string>& words) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: {
            // A stem of no field but the default one: "Zsafeti", not "ZSsafeti" or "Kai".
            const std::string term = *query.get_terms_begin();
            if (term.starts_with(stem_prefix) && term.size() > stem_prefix.size() &&
                std::isupper(static_cast<unsigned char>(term[stem_prefix.size()])) == 0) {
                words.push_back(term);
            }
            return;
        }
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_MAYBE:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
                collect_positive_words(query.get_subquery(i), words);
            }
            return;
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
            collect_positive_words(query.get_subquery(0), words);
            return;
        default:
            return;
    }
}

}  // namespace byline
