/** @file
 *  @brief Ranked search over a Byline index.
 */
#include <byline/searcher.h>

#include <byline/error.h>

#include "index/document_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace byline {

namespace {

// Control characters that never occur in stored text, used to mark the matches in
// Xapian's snippet before its HTML escaping is undone.
constexpr char highlight_begin = '\x01';
constexpr char highlight_end = '\x02';

Xapian::Database open_readable(const std::filesystem::path& index_dir) {
    std::error_code error;
    if (!std::filesystem::exists(index_dir, error)) {
        throw Error(
            fmt::format("no index at {} (build one with byline-index)", index_dir.string()));
    }
    try {
        return Xapian::Database(index_dir.string());
    } catch (const Xapian::Error& e) {
        throw Error(fmt::format("cannot open index {}: {}", index_dir.string(), e.get_msg()));
    }
}

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
/// A snippet stems every word of a hit's body to find the query's words in it, which
/// took most of a query's time. An English (Porter2) stem always begins with the same
/// two letters as its word ("skies" → "sky", "dying" → "die"), so a word whose first two
/// bytes begin no query term cannot match one: it is left as it is, which matches
/// nothing either.
class QueryWordStemmer : public Xapian::StemImplementation {
  public:
    explicit QueryWordStemmer(const Xapian::Query& query) {
        for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end();
             ++term) {
            // Strip the field prefix (capitals, Omega's convention) and the Z of stems.
            const auto& text = *term;
            const auto word = text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
            if (word != std::string::npos) {
                starts_.push_back(text.substr(word, 2));
            }
        }
    }
    std::string operator()(const std::string& word) override {
        const std::string_view start = std::string_view(word).substr(0, 2);
        for (const auto& query_start : starts_) {
            if (query_start == start) {
                return english_(word);
            }
        }
        return word;
    }
    [[nodiscard]] std::string get_description() const override {
        return "query words " + english_.get_description();
    }

  private:
    Xapian::Stem english_{"english"};
    /// The first two bytes of each query term; a query has few.
    std::vector<std::string> starts_;
};

/// Xapian's snippet without its background model or exhaustive search: both cost a
/// term-frequency lookup or more per body word, which took most of a query's time,
/// for snippets that differ little to a reader.
Snippet make_snippet(const Xapian::MSet& mset, std::string body, std::size_t length,
                     const Xapian::Stem& stemmer) {
    std::replace(body.begin(), body.end(), highlight_begin, ' ');
    std::replace(body.begin(), body.end(), highlight_end, ' ');
    const auto marked = mset.snippet(body, length, stemmer, 0, std::string(1, highlight_begin),
                                     std::string(1, highlight_end), "…");
    return unmark(marked);
}

}  // namespace

Searcher::Searcher(const std::filesystem::path& index_dir) : db_(open_readable(index_dir)) {}

SearchResponse Searcher::search(const SearchRequest& request) {
    // An indexer committing meanwhile can invalidate what this reader sees: reopen at
    // the new revision and ask again.
    constexpr int attempts = 3;
    for (int attempt = 1;; ++attempt) {
        try {
            SearchResponse response;
            auto parsed = parse_query(request.query, db_);
            response.syntax_note = std::move(parsed.syntax_note);
            Xapian::Enquire enquire(db_);
            enquire.set_query(parsed.query);
            const auto mset = enquire.get_mset(request.offset, request.limit);
            const Xapian::Stem snippet_stemmer(new QueryWordStemmer(parsed.query));
            response.estimated_matches = mset.get_matches_estimated();
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                Hit hit;
                hit.rank = it.get_rank() + 1;  // get_rank() counts from the whole ranking's top.
                hit.score = it.get_weight();
                hit.article = decode_document_data(it.get_document().get_data());
                if (request.snippet_length > 0) {
                    hit.snippet = make_snippet(mset, std::move(hit.article.body),
                                               request.snippet_length, snippet_stemmer);
                }
                hit.article.body.clear();
                response.hits.push_back(std::move(hit));
            }
            return response;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == attempts) {
                throw Error("the index kept changing under the search; try again");
            }
            db_.reopen();
        } catch (const Xapian::DatabaseError& e) {
            throw Error(fmt::format("cannot read index: {}", e.get_msg()));
        }
    }
}

}  // namespace byline
