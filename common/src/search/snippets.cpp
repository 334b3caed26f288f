/** @file
 *  @brief A hit's snippet: the body text around its matches, with their places marked.
 */
#include "search/snippets.h"

#include <byline/fields.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace byline {

/// The words of a query's terms, with the field prefix (in capitals, as Omega has it)
/// and the Z of stems stripped: what a body word, or its stem, must equal to match.
class QueryWords {
  public:
    explicit QueryWords(const Xapian::Query& query) {
        for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end();
             ++term) {
            const auto& text = *term;
            const auto word = text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
            if (word != std::string::npos) {
                words_.push_back(text.substr(word));
                if (words_.back().size() >= 2) {
                    starts_.push_back(two_bytes(words_.back()));
                }
            }
        }
    }

    /// Whether a lower-case word can match: an English (Porter2) stem always begins with
    /// the same two letters as its word ("skies" → "sky", "dying" → "die"), so a word
    /// that starts unlike every query word cannot.
    [[nodiscard]] bool may_match(std::string_view word) const {
        if (word.size() < 2) {
            return std::any_of(words_.begin(), words_.end(),
                               [&](const std::string& w) { return w.starts_with(word); });
        }
        const auto start = two_bytes(word);
        return std::find(starts_.begin(), starts_.end(), start) != starts_.end();
    }

    /// Whether a lower-case word matches a query word, as it is or stemmed.
    [[nodiscard]] bool matches(const std::string& word, const Xapian::Stem& stemmer) const {
        return may_match(word) && matches(word, stemmer(word));
    }
    /// The same, given the word's stem.
    [[nodiscard]] bool matches(const std::string& word, const std::string& stem) const {
        return std::any_of(words_.begin(), words_.end(),
                           [&](const std::string& w) { return w == word || w == stem; });
    }

  private:
    static std::uint16_t two_bytes(std::string_view word) {
        return static_cast<std::uint16_t>(static_cast<unsigned char>(word[0]) << 8U |
                                          static_cast<unsigned char>(word[1]));
    }

    std::vector<std::string> words_;
    /// The first two bytes of each word of two bytes or more, for a quick first test.
    std::vector<std::uint16_t> starts_;
};

namespace {

// Control characters that never occur in stored text, used to mark the matches in
// Xapian's snippet before its HTML escaping is undone.
constexpr char highlight_begin = '\x01';
constexpr char highlight_end = '\x02';

/// Xapian's snippet, HTML-escaped and marked, to plain text with highlight ranges.
Snippet unmark(std::string_view marked) {
    struct Entity {
        std::string_view name;
        char text;
    };
    constexpr std::array<Entity, 5> entities = {
        {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}}};
    Snippet snippet;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < marked.size(); ++i) {
        const char c = marked[i];
        if (c == highlight_begin) {
            begin = snippet.text.size();
        } else if (c == highlight_end) {
            snippet.highlights.emplace_back(begin, snippet.text.size());
        } else if (c == '&') {
            const auto entity = std::find_if(entities.begin(), entities.end(), [&](const auto& e) {
                return marked.substr(i, e.name.size()) == e.name;
            });
            if (entity != entities.end()) {
                snippet.text += entity->text;
                i += entity->name.size() - 1;
            } else {
                snippet.text += c;
            }
        } else if (c == '\n' || c == '\r' || c == '\t') {
            if (!snippet.text.empty() && snippet.text.back() != ' ') {
                snippet.text += ' ';
            }
        } else {
            snippet.text += c;
        }
    }
    return snippet;
}

/// The English stemmer for snippets, stemming only the words that can match the query.
/// A snippet stems every word of the text it is given, which took most of a query's
/// time. A word that does not match the user's query words becomes a stem no term has:
/// Xapian highlights every term of the query run, and that may hold feedback terms
/// the user never typed.
class QueryWordStemmer : public Xapian::StemImplementation {
  public:
    explicit QueryWordStemmer(const QueryWords& words) : words_(words) {}
    std::string operator()(const std::string& word) override {
        if (!words_.may_match(word)) {
            return no_term;
        }
        auto stem = english_(word);
        return words_.matches(word, stem) ? stem : no_term;
    }
    [[nodiscard]] std::string get_description() const override {
        return "query words " + english_.get_description();
    }

  private:
    /// Not a stem of any word: a control character never indexed.
    static inline const std::string no_term = "\x01";
    Xapian::Stem english_{std::string(stemmer_language)};
    const QueryWords& words_;
};

/// Bytes that can be part of a word: ASCII letters and digits, and every byte of a
/// UTF-8 sequence. A table, because first_match() asks for every byte of a body.
constexpr std::array<bool, 256> word_bytes = [] {
    std::array<bool, 256> table{};
    for (std::size_t byte = 0; byte < table.size(); ++byte) {
        table[byte] = byte >= 0x80 || (byte >= '0' && byte <= '9') ||
                      (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
    }
    return table;
}();

bool is_word_byte(char c) {
    return word_bytes[static_cast<unsigned char>(c)];
}

/// ASCII lower case; Xapian's own folding does the rest when it makes the snippet.
char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Where the first word of `body` that matches the query begins; 0 when none does.
std::size_t first_match(std::string_view body, const QueryWords& words,
                        const Xapian::Stem& stemmer) {
    std::size_t i = 0;
    while (i < body.size()) {
        while (i < body.size() && !is_word_byte(body[i])) {
            ++i;
        }
        const auto begin = i;
        while (i < body.size() && is_word_byte(body[i])) {
            ++i;
        }
        if (i == begin) {
            continue;
        }
        const std::array<char, 2> start = {lower(body[begin]),
                                           i - begin > 1 ? lower(body[begin + 1]) : '\0'};
        if (!words.may_match(std::string_view(start.data(), i - begin > 1 ? 2 : 1))) {
            continue;
        }
        std::string word(body.substr(begin, i - begin));
        std::transform(word.begin(), word.end(), word.begin(), lower);
        if (words.matches(word, stemmer)) {
            return begin;
        }
    }
    return 0;
}

/// The bytes of a body to make a snippet of `length` bytes from. Xapian reads all the
/// text it is given, so a long body is cut to a window that opens a little before the
/// first word that matches the query (or at the start when none does).
std::pair<std::size_t, std::size_t> snippet_window(std::string_view body, std::size_t length,
                                                   const QueryWords& words,
                                                   const Xapian::Stem& stemmer) {
    // Room for Xapian to centre the snippet on the match and to find more matches after.
    const std::size_t window = length + length / 2;
    const std::size_t before_match = length / 2;
    if (body.size() <= window) {
        return {0, body.size()};
    }
    const std::size_t first = first_match(body, words, stemmer);
    std::size_t begin = first > before_match ? first - before_match : 0;
    if (begin > 0) {
        // Open on a word, not inside one.
        begin = std::min(body.find(' ', begin) + 1, first);
    }
    std::size_t end = std::min(body.size(), begin + window);
    if (end < body.size()) {
        const auto space = body.rfind(' ', end);
        end = space != std::string_view::npos && space > first ? space : end;
    }
    return {begin, end};
}

/// Xapian's snippet without its background model or exhaustive search (both cost a
/// term-frequency lookup or more per body word, for snippets that differ little to a
/// reader), made from the body's window.
Snippet make_snippet(const Xapian::MSet& mset, const std::string& body, std::size_t length,
                     const QueryWords& words, const Xapian::Stem& stemmer) {
    const auto [begin, end] = snippet_window(body, length, words, stemmer);
    auto text = body.substr(begin, end - begin);
    std::replace(text.begin(), text.end(), highlight_begin, ' ');
    std::replace(text.begin(), text.end(), highlight_end, ' ');
    constexpr std::string_view omitted = "…";
    auto marked = mset.snippet(text, length, stemmer, 0, std::string(1, highlight_begin),
                               std::string(1, highlight_end), std::string(omitted));
    // Xapian takes the window's edges for the text's: mark the cuts it cannot see.
    if (begin > 0 && !marked.starts_with(omitted)) {
        marked.insert(0, omitted);
    }
    if (end < body.size() && !marked.ends_with(omitted)) {
        marked += omitted;
    }
    return unmark(marked);
}

}  // namespace

SnippetMaker::SnippetMaker(const Xapian::Query& query)
    : words_(std::make_unique<QueryWords>(query)), stemmer_(new QueryWordStemmer(*words_)) {}

SnippetMaker::~SnippetMaker() = default;

Snippet SnippetMaker::make(const Xapian::MSet& mset, const std::string& body,
                           std::size_t length) const {
    return make_snippet(mset, body, length, *words_, stemmer_);
}

}  // namespace byline
