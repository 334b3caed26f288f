/** @file
 *  @brief Explanations (--explain): each hit's score, part by part.
 */
#include "search/explain.h"

#include "schema/terms.h"

#include <string>

namespace byline {

namespace {

/// The parts of a query whose weights add up to a document's score: the operands of
/// the additive operators, down to terms, phrases, synonym groups and sources.
void collect_score_parts(const Xapian::Query& query, std::vector<Xapian::Query>& parts) {
    switch (query.get_type()) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_XOR:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
                collect_score_parts(query.get_subquery(i), parts);
            }
            return;
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_FILTER:
            collect_score_parts(query.get_subquery(0), parts);
            return;
        case Xapian::Query::LEAF_MATCH_ALL:
        case Xapian::Query::LEAF_MATCH_NOTHING:
        case Xapian::Query::OP_VALUE_RANGE:
        case Xapian::Query::OP_VALUE_GE:
        case Xapian::Query::OP_VALUE_LE:
            return;
        default:
            parts.push_back(query);
    }
}

std::string describe(const Xapian::Query& part) {
    auto text = part.get_description();
    if (text.starts_with("Query(") && text.ends_with(")")) {
        text = text.substr(6, text.size() - 7);
    }
    return text;
}

}  // namespace

std::vector<Xapian::Query> score_parts(const Xapian::Query& query) {
    std::vector<Xapian::Query> parts;
    collect_score_parts(query, parts);
    return parts;
}

std::vector<ScorePart> explain_score(const Xapian::Database& db, const Xapian::Weight& weighting,
                                     const std::vector<Xapian::Query>& parts,
                                     const Xapian::Document& doc) {
    // Each part's weight for this one document: the part alone, filtered to it.
    std::vector<ScorePart> explanation;
    const Xapian::Query only_this(unique_id_term_of(doc));
    for (const auto& part : parts) {
        Xapian::Enquire single(db);
        single.set_weighting_scheme(weighting);
        single.set_query(Xapian::Query(Xapian::Query::OP_FILTER, part, only_this));
        const auto one = single.get_mset(0, 1);
        if (!one.empty() && one.begin().get_weight() > 0) {
            explanation.push_back({describe(part), one.begin().get_weight()});
        }
    }
    return explanation;
}

}  // namespace byline
