/** @file
 *  @brief Misspelt query words: found by how rarely the index holds them, replaced by
 *  the closest spelling the index holds far more often.
 */
#include "search/spelling_correction.h"

#include "stop_words.h"
#include "text.h"

#include <byline/fields.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <utility>

namespace byline {

namespace {

bool is_word_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return std::isalnum(byte) != 0 || byte >= 0x80 || c == '_' || c == '\'';
}

bool is_operator(std::string_view token) {
    static constexpr std::array<std::string_view, 6> operators = {"AND", "OR",   "NOT",
                                                                  "XOR", "NEAR", "ADJ"};
    return std::find(operators.begin(), operators.end(), token) != operators.end();
}

/// A word held by fewer articles than this is checked against the spelling data.
constexpr Xapian::doccount rare_below = 3;
/// A word some article holds is replaced only by a spelling held this many times as
/// often: in a small archive every real word is rare ("nodes" is no typo of "notes").
constexpr Xapian::doccount outnumbered_by = 1000;

}  // namespace

std::vector<QueryWord> plain_query_words(const std::string& text) {
    const Xapian::Stem stemmer{std::string(stemmer_language)};
    std::vector<QueryWord> words;
    // Inside a field's value (source:"circuit ledger", url:host/path) nothing is a word.
    bool in_field_quotes = false;
    bool in_quotes = false;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_word_byte(text[i])) {
            if (text[i] == '"') {
                in_quotes = !in_quotes;
                in_field_quotes = in_field_quotes && in_quotes;
            }
            ++i;
            continue;
        }
        const auto begin = i;
        while (i < text.size() && is_word_byte(text[i])) {
            ++i;
        }
        const std::string_view token(text.data() + begin, i - begin);
        const char before = begin > 0 ? text[begin - 1] : ' ';
        const char after = i < text.size() ? text[i] : ' ';
        if (after == ':') {  // A field name; what follows is its value.
            if (i + 1 < text.size() && text[i + 1] == '"') {
                in_field_quotes = true;
            }
            while (i < text.size() && text[i] != ' ' && text[i] != '"') {
                ++i;
            }
            continue;
        }
        const bool digits = std::any_of(token.begin(), token.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        });
        if (in_field_quotes || before == '-' || after == '*' || digits || is_operator(token) ||
            (before == '/' && token.size() <= 2)) {  // NEAR/3
            continue;
        }
        // Lower-cased as Xapian does it, so that "Über" meets the index's "über".
        auto word = to_lower(token);
        auto term = std::string(stem_prefix) + stemmer(word);
        words.push_back({std::move(word), std::move(term), begin, i});
    }
    return words;
}

std::optional<std::string> correct_spelling(const std::string& text, const Xapian::Database& db) {
    const Xapian::Stem stemmer{std::string(stemmer_language)};
    std::string corrected;
    std::size_t copied = 0;
    for (const auto& word : plain_query_words(text)) {
        // Stop words are never searched, so never wrong; "i'm" is no typo of "ibm".
        if (is_stop_word(word.word) || word.word.find('\'') != std::string::npos) {
            continue;
        }
        const auto held = db.get_termfreq(word.term);
        if (held >= rare_below) {
            continue;
        }
        // Two edits only for a long word no article holds: two turn most short words,
        // and rare real ones ("texture"), into another word ("feature").
        constexpr std::size_t two_edits_from = 8;
        const unsigned edits = held == 0 && word.word.size() >= two_edits_from ? 2 : 1;
        const auto suggestion = db.get_spelling_suggestion(word.word, edits);
        // Typing rarely gets the first letter wrong; names do not start over
        // ("gerard" is no "regard").
        if (suggestion.empty() || suggestion == word.word || suggestion[0] != word.word[0]) {
            continue;
        }
        const auto suggestion_held =
            db.get_termfreq(std::string(stem_prefix) + stemmer(suggestion));
        if (suggestion_held == 0 || suggestion_held < outnumbered_by * held) {
            continue;
        }
        corrected.append(text, copied, word.begin - copied);
        corrected += suggestion;
        copied = word.end;
    }
    if (copied == 0) {
        return std::nullopt;
    }
    corrected.append(text, copied);
    return corrected;
}

}  // namespace byline
