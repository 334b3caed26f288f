/** @file
 *  @brief English function and question words.
 */
#include "stop_words.h"

#include <array>

namespace byline {

const Xapian::Stopper& english_stopper() {
    static constexpr std::array<const char*, 96> words = {
        "a",      "about", "after",  "again", "all",   "also",   "am",   "an",    "and",   "any",
        "are",    "as",    "at",     "be",    "been",  "being",  "both", "but",   "by",    "can",
        "could",  "did",   "do",     "does",  "doing", "during", "each", "for",   "from",  "had",
        "has",    "have",  "having", "he",    "her",   "here",   "hers", "him",   "his",   "how",
        "i",      "if",    "in",     "into",  "is",    "it",     "its",  "me",    "might", "more",
        "most",   "must",  "my",     "of",    "on",    "or",     "our",  "over",  "shall", "she",
        "should", "so",    "some",   "such",  "than",  "that",   "the",  "their", "them",  "then",
        "there",  "these", "they",   "this",  "those", "to",     "too",  "very",  "was",   "we",
        "were",   "what",  "when",   "where", "which", "while",  "who",  "whom",  "whose", "why",
        "will",   "with",  "would",  "you",   "your",  "yours"};
    static const Xapian::SimpleStopper stopper(words.begin(), words.end());
    return stopper;
}

bool is_stop_word(const std::string& word) {
    return english_stopper()(word);
}

}  // namespace byline
