/** @file
 *  @brief MatchMode::most_words past the articles holding every word: those articles
 *  kept first, and each other hit told which words it lacks.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_WIDENING_H
#define BYLINE_INCLUDED_SEARCH_WIDENING_H

#include <byline/query.h>

#include <xapian.h>

#include <string>
#include <vector>

namespace byline {

class Widening {
  public:
    /// `every_word` matches the articles holding every word of `text`; `searched` is
    /// the widened query, whose plain words (ParsedQuery::words) may be missing.
    Widening(Xapian::Query every_word, const ParsedQuery& searched, const std::string& text);

    /// `ranked` with a lift that puts the articles holding every word above all others,
    /// keeping the order within each group but for `proximity_lifts` (may be empty),
    /// which only they get.
    [[nodiscard]] Xapian::Query with_every_word_first(const Xapian::Query& ranked,
                                                      const Xapian::Query& proximity_lifts) const;
    /// A hit's weight in the lifted query without the lift.
    [[nodiscard]] double score(double weight) const;
    /// The query's words (as the user spelt them) that the hit does not hold; empty for
    /// a hit holding every word.
    [[nodiscard]] std::vector<std::string> missing_words(const Xapian::Enquire& enquire,
                                                         const Xapian::MSetIterator& hit) const;

  private:
    Xapian::Query every_word_;
    struct Word {
        /// As typed, lower-cased.
        std::string text;
        /// Its stem and its synonyms' terms: any of them matching means it is there.
        std::vector<std::string> terms;
    };
    /// Once per stem, in query order.
    std::vector<Word> words_;
};

}  // namespace byline

#endif
