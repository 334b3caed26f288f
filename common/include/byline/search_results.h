/** @file
 *  @brief What a search returns: hits with their snippets and score parts, facets, and
 *  the shards a partial answer left out.
 */
#ifndef BYLINE_INCLUDED_SEARCH_RESULTS_H
#define BYLINE_INCLUDED_SEARCH_RESULTS_H

#include <byline/article.h>

#include <xapian.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace byline {

/// The most copies a hit lists (Hit::copy_articles); Hit::copies counts them all.
inline constexpr std::size_t max_listed_copies = 20;

/// Counts per value of a field over the whole match set.
enum class FacetField { source, year, tag };

/// Body text around a hit's matches; `highlights` are [begin, end) byte ranges of
/// `text` that match the query.
struct Snippet {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

/// One part of a hit's score: a query term (or phrase, synonym group, wildcard,
/// proximity lift, recency) and the weight it added.
struct ScorePart {
    std::string description;
    double weight = 0;
};

/// Another article of a hit's story, which a collapsed hit stands for: where else and
/// when the story ran.
struct Copy {
    std::string id;
    std::string source;
    std::string url;
    std::optional<Date> date;
};

struct Hit {
    /// 1-based position in the whole ranking (offset included).
    Xapian::doccount rank = 0;
    double score = 0;
    /// Other matching articles of the same story (copies and near-copies), collapsed
    /// into this hit.
    Xapian::doccount copies = 0;
    /// Those articles, oldest first; at most max_listed_copies of them.
    std::vector<Copy> copy_articles;
    /// The query's words this article does not hold, as the query spells them: set
    /// when the match widened past the articles holding every word (MatchMode).
    std::vector<std::string> missing_words;
    /// With SearchRequest::explain: the score's parts; they add up to score.
    std::vector<ScorePart> explanation;
    /// The stored fields; the body is left out (see snippet).
    Article article;
    Snippet snippet;
};

struct FacetCount {
    std::string value;
    Xapian::doccount count = 0;
};

struct Facet {
    FacetField field;
    /// Most frequent first (years: newest first).
    std::vector<FacetCount> counts;
    /// True when only part of the match set was counted and the counts are scaled up.
    bool estimated = false;
};

/// A shard a partial answer leaves out (IndexSources::partial).
struct MissingShard {
    /// As the stub or --db names it: a path, or tcp://HOST:PORT.
    std::string shard;
    /// Why it could not be opened.
    std::string reason;
};

struct SearchResponse {
    std::vector<Hit> hits;
    /// Xapian's estimate of all matches, not just the page returned.
    Xapian::doccount estimated_matches = 0;
    /// True when estimated_matches is the exact number of matching articles.
    bool exact_matches = false;
    /// Set when a word of the query was misspelt and the corrected query was searched
    /// instead: the corrected text.
    std::optional<std::string> corrected_query;
    std::vector<Facet> facets;
    /// With SearchRequest::count_values: the number of matches holding each value of
    /// the slot (articles without one are left out).
    std::map<std::string, Xapian::doccount> value_counts;
    /// Shards left out of the answer (IndexSources::partial); empty when every shard
    /// answered.
    std::vector<MissingShard> missing_shards;
    /// Set when the query's syntax was broken and its words were searched as plain
    /// words instead; says what was wrong.
    std::optional<std::string> syntax_note;
};

}  // namespace byline

#endif
