/** @file
 *  @brief Pseudo-relevance feedback (RM3-style): words the top-ranked stories share,
 *  added to a query that widened past its every-word matches.
 */
#include "search/feedback.h"

#include "stop_words.h"

#include <byline/fields.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace byline {

namespace {

/// Plain stemmed words ("Zchip"), not field terms, ids, numbers, function words or the
/// query's own.
class PlainWordDecider : public Xapian::ExpandDecider {
  public:
    explicit PlainWordDecider(const std::vector<std::string>& searched)
        : searched_(searched.begin(), searched.end()) {}
    bool operator()(const std::string& term) const override {
        constexpr std::size_t shortest_word = 3;
        if (!term.starts_with(stem_prefix) || term.size() < stem_prefix.size() + shortest_word) {
            return false;
        }
        const auto word = std::string_view(term).substr(stem_prefix.size());
        const bool letters = std::all_of(word.begin(), word.end(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return std::islower(byte) != 0 || byte >= 0x80;
        });
        return letters && searched_.count(term) == 0 && !is_stop_word(std::string(word));
    }

  private:
    std::set<std::string> searched_;
};

}  // namespace

Xapian::Query with_feedback(const Xapian::Query& query, const Xapian::Database& db,
                            const Xapian::Weight& weighting,
                            const std::vector<std::string>& searched_terms,
                            const RankingWeights& weights) {
    const std::set<std::string> distinct(searched_terms.begin(), searched_terms.end());
    if (weights.feedback_weight <= 0 || weights.feedback_articles == 0 ||
        weights.feedback_words == 0 || distinct.size() < weights.feedback_min_words) {
        return query;
    }
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(weighting);
    enquire.set_query(query);
    enquire.set_collapse_key(slot_story);
    const auto top = enquire.get_mset(0, weights.feedback_articles);
    if (top.empty()) {
        return query;
    }
    Xapian::RSet feedback_set;
    for (auto it = top.begin(); it != top.end(); ++it) {
        feedback_set.add_document(*it);
    }
    const PlainWordDecider decider(searched_terms);
    // Exact term frequencies: Xapian estimates them over several databases, and a
    // sharded index must rank as one index does.
    const auto expansion = enquire.get_eset(weights.feedback_words, feedback_set,
                                            Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    double total = 0;
    for (auto it = expansion.begin(); it != expansion.end(); ++it) {
        total += it.get_weight();
    }
    if (total <= 0) {
        return query;
    }
    // As RM3 interpolates: the expansion terms share a fixed part of the query's
    // weight in proportion to their expand weights.
    const double share = weights.feedback_weight *
                         static_cast<double>(std::max<std::size_t>(searched_terms.size(), 1));
    std::vector<Xapian::Query> terms;
    for (auto it = expansion.begin(); it != expansion.end(); ++it) {
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                           share * it.get_weight() / total);
    }
    return {Xapian::Query::OP_AND_MAYBE, query,
            Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())};
}

}  // namespace byline
