/** @file
 *  @brief Misspelt query words: found by how rarely the index holds them, replaced by
 *  the closest spelling the index holds far more often.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_SPELLING_CORRECTION_H
#define BYLINE_INCLUDED_SEARCH_SPELLING_CORRECTION_H

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace byline {

/// A plain word of the query text as the user typed it, lower-cased, with the stemmed
/// term a plain query searches for it ("Zsafeti").
struct QueryWord {
    std::string word;
    std::string term;
    /// Where the word is in the query text: [begin, end) bytes.
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// The words of `text` that are searched as plain words: not operators, field names or
/// field values, not excluded (-word), not wildcards, not numbers.
[[nodiscard]] std::vector<QueryWord> plain_query_words(const std::string& text);

/// `text` with each misspelt word replaced: a word whose term no article holds, or
/// which a close spelling (Xapian's spelling data: one edit, two for a long word no
/// article holds; the same first letter) outnumbers a thousandfold. Nothing when no
/// word changed. Looks up spellings only for the rare
/// words, so a query of common words costs one term-frequency lookup a word.
[[nodiscard]] std::optional<std::string> correct_spelling(const std::string& text,
                                                          const Xapian::Database& db);

}  // namespace byline

#endif
