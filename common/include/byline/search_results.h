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

/// Another article as a hit or a story lists it: a copy of a hit's article (where
/// else and when the text ran), a member of a story.
struct ArticleRef {
    std::string id;
    std::string title;
    std::string source;
    std::string url;
    std::optional<Date> date;
};

/// How a hit of a related-articles answer (Searcher::related) relates to the article.
enum class Relation {
    /// A hit of a search: no relation.
    match,
    /// Another article of the article's story.
    same_story,
    /// An article of other stories with the article's words.
    related,
};

struct Hit {
    /// 1-based position in the whole ranking (offset included).
    Xapian::doccount rank = 0;
    double score = 0;
    /// Other matching articles of the same story (other outlets' reports, copies),
    /// collapsed into this hit.
    Xapian::doccount story_articles = 0;
    /// The outlets of those that are not copies, other than the hit's own, in the
    /// order they first reported the story.
    std::vector<std::string> sources;
    /// Those that are copies or near-copies of this hit's article.
    Xapian::doccount copies = 0;
    /// Those copies, oldest first; at most max_listed_copies of them.
    std::vector<ArticleRef> copy_articles;
    /// The query's words this article does not hold, as the query spells them: set
    /// when the match widened past the articles holding every word (MatchMode).
    std::vector<std::string> missing_words;
    /// With SearchRequest::explain: the score's parts; they add up to score.
    std::vector<ScorePart> explanation;
    Relation relation = Relation::match;
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

/// A story as Searcher::stories lists it: the articles of one story that match.
struct StorySummary {
    std::string story;
    /// The outlets, in the order they first reported it.
    std::vector<std::string> sources;
    std::optional<Date> first;
    std::optional<Date> last;
    /// The title of its first article.
    std::string title;
    /// Oldest first (undated last).
    std::vector<ArticleRef> members;
};

struct StoriesResponse {
    /// Largest first; the page asked for.
    std::vector<StorySummary> stories;
    /// How many stories have matching articles.
    Xapian::doccount total_stories = 0;
    std::vector<MissingShard> missing_shards;
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
