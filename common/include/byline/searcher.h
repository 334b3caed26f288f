/** @file
 *  @brief Ranked search over a Byline index: what to ask (SearchRequest), where
 *  (IndexSources) and the Searcher that answers. Parsing is in <byline/query.h>, what
 *  comes back in <byline/search_results.h>.
 */
#ifndef BYLINE_INCLUDED_SEARCHER_H
#define BYLINE_INCLUDED_SEARCHER_H

#include <byline/date.h>
#include <byline/query.h>
#include <byline/search_results.h>
#include <byline/synonyms.h>

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace byline {

enum class SortOrder { relevance, newest, oldest };

/// Which articles a query's plain words match (explicit syntax keeps its meaning:
/// +word, -word, AND, OR, NOT, phrases and fields).
enum class MatchMode {
    /// Articles holding every word come first; when fewer than
    /// RankingWeights::every_word_enough of them do, articles holding some of the words
    /// follow, ranked by BM25 with pseudo-relevance feedback. What a search does unless
    /// told otherwise: it serves keywords and questions alike.
    most_words,
    /// Only articles holding every word (--every-word).
    every_word,
    /// Articles holding any of the words, ranked by BM25 (--any).
    any_word,
};

/// What the ranking weighs. The defaults are the best mean nDCG@10 over the six IR
/// collections that bench/relevance measured (bench/results/2026-11-27-relevance.md).
struct RankingWeights {
    /// BM25's term-frequency saturation and length normalisation.
    double k1 = 1.5;
    double b = 0.75;
    /// Multiples of a word pair's BM25 weight added when the pair occurs as a phrase,
    /// and when it occurs within near_window words. Small: larger lifts (0.2 and 0.1)
    /// lowered nDCG@10 on all but one collection.
    double phrase_lift = 0.05;
    double near_lift = 0.02;
    Xapian::termcount near_window = 8;
    /// Lifts apply to queries of at most this many words: in long natural-language
    /// requests neighbouring words are mostly unrelated.
    std::size_t lift_max_words = 6;
    /// With --recent, the newest article gains at most this share of the best
    /// relevance score, halving every recency_half_life_days older it is.
    double recency_share = 0.3;
    double recency_half_life_days = 180;
    /// MatchMode::most_words widens the match when fewer articles than this hold every
    /// word: a page. A fixed number, not the page asked for, so that the ranking is the
    /// same whatever the offset and limit.
    Xapian::doccount every_word_enough = 10;
    /// Pseudo-relevance feedback when the match widens (RM3-style): the feedback_words
    /// terms that best tell the top feedback_articles stories apart from the rest are
    /// added to the query, together weighing feedback_weight of its own words. Tuned
    /// on cranfield, cisi and cacm only (bench/relevance). Only for queries of at
    /// least feedback_min_words distinct words (questions, descriptions): it costs a
    /// second pass over the match, and keyword queries stay as fast as they were.
    Xapian::doccount feedback_articles = 10;
    std::size_t feedback_min_words = 4;
    Xapian::termcount feedback_words = 10;
    double feedback_weight = 0.15;
};

struct SearchRequest {
    std::string query;
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    /// Bytes of body text around the matches to show; 0 makes no snippet.
    std::size_t snippet_length = 200;
    /// Its default_op is set from `match`.
    QueryOptions query_options;
    MatchMode match = MatchMode::most_words;
    SortOrder sort = SortOrder::relevance;
    /// Only articles dated on or after `since` and on or before `until` (any form
    /// date: takes, or 30d, 6m, 1y ago).
    std::optional<std::string> since;
    std::optional<std::string> until;
    /// Prefer newer articles, within RankingWeights::recency_share.
    bool recent = false;
    /// The matching articles of one story shown as one hit (false: every article,
    /// --all). A query naming a story (story:ID) shows every article of it.
    bool collapse_stories = true;
    /// Search misspelt words as the index spells them (SearchResponse::corrected_query).
    bool correct_spelling = true;
    /// Count every match exactly instead of estimating.
    bool exact_count = false;
    std::vector<FacetField> facets;
    /// Give each hit's score term by term.
    bool explain = false;
    RankingWeights weights;
    /// Only articles that also match this (none when empty): a program's own bounds,
    /// such as a timeline's period or the articles indexed since a time.
    Xapian::Query filter;
    /// Count each value of this slot over every match, exactly however many there
    /// are (SearchResponse::value_counts), with Xapian's ValueCountMatchSpy, which
    /// remote shards run too.
    std::optional<Xapian::valueno> count_values;
    /// Seconds the match may take (0: no limit); past them Xapian stops looking and the
    /// hits are the best it found so far, the counts estimates (Enquire::set_time_limit).
    double time_limit_seconds = 0;
};

/// The databases one search reads as one index (byline-search --db, repeatable).
struct IndexSources {
    /// Each an index folder, a Xapian stub file, or tcp://HOST:PORT (a shard served by
    /// xapian-tcpsrv). A stub listing several databases (a sharded index's XAPIANDB, or
    /// one with `remote :HOST:PORT` lines) is opened one listed database at a time, so a
    /// failure names the shard.
    std::vector<std::string> databases;
    /// Answer from the databases that open and name the others, instead of failing.
    bool partial = false;
    /// Milliseconds a remote shard may take to connect, and to answer each request.
    unsigned remote_timeout_ms = 10000;
};

/// Opens an index read-only and answers queries against it.
class Searcher {
  public:
    /// Opens every database of `sources` as one index: statistics are combined, so the
    /// ranking equals that of one index holding all their articles. Throws byline::Error
    /// naming the database that cannot be opened (unless `sources.partial`).
    explicit Searcher(const IndexSources& sources,
                      const std::vector<SynonymGroup>& extra_synonyms = {});
    /// Throws byline::Error when there is no readable index at the path. Queries use
    /// the synonyms in the index (the built-in table, which byline-index writes) and
    /// `extra_synonyms` besides.
    explicit Searcher(const std::filesystem::path& index_dir,
                      const std::vector<SynonymGroup>& extra_synonyms = {});
    ~Searcher();
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;

    [[nodiscard]] SearchResponse search(const SearchRequest& request);

    /// The stories with articles matching request.query within its date bounds,
    /// largest first (byline-search --stories); request.offset and request.limit
    /// page through them. The plain words must all match unless request.match is
    /// MatchMode::any_word.
    [[nodiscard]] StoriesResponse stories(const SearchRequest& request);
    /// The articles related to the one whose id is exactly `id` (byline-search --like):
    /// the other articles of its story, oldest first, then articles of other stories
    /// that share its most telling words, at most two an outlet; request.offset and
    /// request.limit page through them, request.snippet_length sets the snippets.
    /// Nothing when no database holds the article.
    [[nodiscard]] std::optional<SearchResponse> related(const std::string& id,
                                                        const SearchRequest& request);
    /// The stored article whose id is exactly `id`, body included (byline-search
    /// --show); nothing when no database holds it.
    [[nodiscard]] std::optional<Article> article(const std::string& id);
    /// Moves to the latest revision an indexer committed: cheap when there is none, and
    /// what a long-lived searcher calls before each request. Throws Xapian::DatabaseError
    /// when a database cannot be reopened (a new generation replaced it: open a new
    /// Searcher).
    void reopen();
    /// The databases searched, as one.
    [[nodiscard]] const Xapian::Database& database() const;
    /// With IndexSources::partial: the databases left out.
    [[nodiscard]] const std::vector<MissingShard>& missing_shards() const;

  private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

/// Settles `request`'s match for passes over parts of its matches (a timeline's
/// periods, the articles new since a time), so that they count the articles that a
/// search of the whole index matches: MatchMode::most_words becomes every_word when
/// enough articles hold every word (RankingWeights::every_word_enough), else any_word,
/// and the query is spelling-corrected once. Returns the correction, if any.
std::optional<std::string> settle_match(Searcher& searcher, SearchRequest& request);

/// The date bounds for --since and --until: any form date: takes, or "30d", "6m", "1y"
/// before `now`. Throws byline::Error for text that is not a date.
[[nodiscard]] Xapian::Query date_filter(const std::optional<std::string>& since,
                                        const std::optional<std::string>& until, const Date& now);

}  // namespace byline

#endif
