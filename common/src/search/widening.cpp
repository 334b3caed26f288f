/** @file
 *  @brief MatchMode::most_words past the articles holding every word: those articles
 *  kept first, and each other hit told which words it lacks.
 */
#include "search/widening.h"

#include "search/spelling_correction.h"

#include <algorithm>
#include <map>
#include <set>

namespace byline {

namespace {

/// Far above any BM25 score a query reaches (a term adds at most (k1 + 1) · idf), and
/// small enough that a double keeps the score under it to the last shown digit.
constexpr double every_word_lift = 1e6;

/// The terms of each synonym group in `query` ("artificial intelligence" with "ai"),
/// listed under each of its terms.
void collect_synonym_terms(const Xapian::Query& query,
                           std::map<std::string, std::vector<std::string>>& groups) {
    if (query.get_type() == Xapian::Query::OP_SYNONYM) {
        const std::vector<std::string> group(query.get_unique_terms_begin(),
                                             query.get_unique_terms_end());
        for (const auto& term : group) {
            auto& known = groups[term];
            known.insert(known.end(), group.begin(), group.end());
        }
        return;
    }
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        collect_synonym_terms(query.get_subquery(i), groups);
    }
}

}  // namespace

Widening::Widening(Xapian::Query every_word, const ParsedQuery& searched, const std::string& text)
    : every_word_(std::move(every_word)) {
    std::map<std::string, std::vector<std::string>> synonyms;
    collect_synonym_terms(searched.query, synonyms);
    for (const auto& word : plain_query_words(text)) {
        const bool is_searched = std::find(searched.words.begin(), searched.words.end(),
                                           word.term) != searched.words.end();
        const bool seen = std::any_of(words_.begin(), words_.end(), [&](const Word& known) {
            return known.terms.front() == word.term;
        });
        if (!is_searched || seen) {
            continue;
        }
        Word entry{word.word, {word.term}};
        if (const auto group = synonyms.find(word.term); group != synonyms.end()) {
            entry.terms.insert(entry.terms.end(), group->second.begin(), group->second.end());
        }
        words_.push_back(std::move(entry));
    }
}

Xapian::Query Widening::with_every_word_first(const Xapian::Query& ranked,
                                              const Xapian::Query& proximity_lifts) const {
    auto* lift = new Xapian::FixedWeightPostingSource(every_word_lift);
    Xapian::Query lifted(Xapian::Query::OP_FILTER, Xapian::Query(lift->release()), every_word_);
    if (!proximity_lifts.empty()) {
        lifted = Xapian::Query(Xapian::Query::OP_AND_MAYBE, lifted, proximity_lifts);
    }
    return {Xapian::Query::OP_AND_MAYBE, ranked, lifted};
}

double Widening::score(double weight) const {
    return weight >= every_word_lift ? weight - every_word_lift : weight;
}

std::vector<std::string> Widening::missing_words(const Xapian::Enquire& enquire,
                                                 const Xapian::MSetIterator& hit) const {
    if (hit.get_weight() >= every_word_lift) {
        return {};
    }
    const std::set<std::string> matching(enquire.get_matching_terms_begin(hit),
                                         enquire.get_matching_terms_end(hit));
    std::vector<std::string> missing;
    for (const auto& word : words_) {
        const bool held =
            std::any_of(word.terms.begin(), word.terms.end(),
                        [&](const std::string& term) { return matching.count(term) > 0; });
        if (!held) {
            missing.push_back(word.text);
        }
    }
    return missing;
}

}  // namespace byline
