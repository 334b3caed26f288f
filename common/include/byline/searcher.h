/** @file
 *  @brief Ranked search over a Byline index.
 */
#ifndef BYLINE_INCLUDED_SEARCHER_H
#define BYLINE_INCLUDED_SEARCHER_H

#include <byline/article.h>
#include <byline/date.h>
#include <byline/synonyms.h>

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace byline {

/// The query text as Xapian sees it, and a note when its syntax had to be ignored.
struct ParsedQuery {
    Xapian::Query query;
    std::optional<std::string> syntax_note;
    /// The query text with misspelt words replaced by the index's nearest spelling
    /// (bounded edit distance over the spelling table); absent when nothing changed.
    std::optional<std::string> corrected;
    /// The query's positive plain words, unstemmed and in order: what phrase and
    /// proximity matches are measured on.
    std::vector<std::string> words;
};

struct QueryOptions {
    /// How words with no operator between them combine. AND suits the short queries
    /// typed at a terminal; OR suits long natural-language topics.
    Xapian::Query::op default_op = Xapian::Query::OP_AND;
    /// False reads the text as plain words, ignoring operators, quotes and +/- (for
    /// topics read from a file, whose words are not query syntax).
    bool syntax = true;
    /// What relative dates (date:30d.., 1y) count back from; absent means now.
    std::optional<Date> now;
    /// Expand words with the synonyms in the index (byline-index writes the built-in
    /// table) and in any extra groups the Searcher was given.
    bool synonyms = true;
    /// Work out ParsedQuery::corrected from the index's spelling data. It is the
    /// dearest part of parsing (a quarter of a query's time), so the Searcher asks for
    /// it only when a query matched nothing.
    bool correct_spelling = true;
};

/// Parses query text with the field table's prefixes, English stemming and Xapian's
/// boolean syntax, NEAR, wildcards, date: ranges and the synonyms in `db`. Broken
/// syntax is not an error: the text is searched as plain words and syntax_note says
/// so, as Omega does. `db` supplies wildcard expansion, spelling data and synonyms.
[[nodiscard]] ParsedQuery parse_query(const std::string& text, const Xapian::Database& db,
                                      const QueryOptions& options = {});

enum class SortOrder { relevance, newest, oldest };

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
};

/// Counts per value of a field over the whole match set.
enum class FacetField { source, year, tag };

struct SearchRequest {
    std::string query;
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    /// Bytes of body text around the matches to show; 0 makes no snippet.
    std::size_t snippet_length = 200;
    QueryOptions query_options;
    SortOrder sort = SortOrder::relevance;
    /// Only articles dated on or after `since` and on or before `until` (any form
    /// date: takes, or 30d, 6m, 1y ago).
    std::optional<std::string> since;
    std::optional<std::string> until;
    /// Prefer newer articles, within RankingWeights::recency_share.
    bool recent = false;
    /// Copies of one story shown once (false: every copy, --all).
    bool collapse_copies = true;
    /// When nothing matches, search the spelling-corrected query instead.
    bool correct_spelling = true;
    /// Count every match exactly instead of estimating.
    bool exact_count = false;
    std::vector<FacetField> facets;
    /// Give each hit's score term by term.
    bool explain = false;
    RankingWeights weights;
};

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

struct Hit {
    /// 1-based position in the whole ranking (offset included).
    Xapian::doccount rank = 0;
    double score = 0;
    /// Other articles with the same story, collapsed into this hit.
    Xapian::doccount copies = 0;
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
    /// Set when the query had no match and the spelling-corrected query was searched
    /// instead: the corrected text.
    std::optional<std::string> corrected_query;
    std::vector<Facet> facets;
    /// Shards left out of the answer (IndexSources::partial); empty when every shard
    /// answered.
    std::vector<MissingShard> missing_shards;
    /// Set when the query's syntax was broken and its words were searched as plain
    /// words instead; says what was wrong.
    std::optional<std::string> syntax_note;
};

struct OpenedSources;

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
    [[nodiscard]] const Xapian::Database& database() const { return db_; }
    /// With IndexSources::partial: the databases left out.
    [[nodiscard]] const std::vector<MissingShard>& missing_shards() const { return missing_; }

  private:
    Searcher(OpenedSources&& opened, const std::vector<SynonymGroup>& extra_synonyms);
    void add_extra_synonyms(const std::vector<SynonymGroup>& extra_synonyms);
    /// The query parser reads the index's synonyms, and the extra groups' database.
    void attach_parser_db();
    /// After a remote shard failed during a search: reopens the sources and, with
    /// IndexSources::partial, goes on without the shards that no longer open; else
    /// throws byline::Error naming them.
    void drop_lost_shards(const std::string& failure);
    SearchResponse search_with_retries(const SearchRequest& request);
    /// One search for the parsed query; `request` gives the rest (its query text is not
    /// parsed again).
    SearchResponse search_once(const ParsedQuery& parsed, const SearchRequest& request);
    /// For the stories of `mset`'s hits (slot_story values) that have copies: how many
    /// other articles of each match `query`.
    std::map<std::string, Xapian::doccount> count_copies(const Xapian::Query& query,
                                                         const Xapian::MSet& mset);
    Xapian::Query ranked_query(const ParsedQuery& parsed, const SearchRequest& request);

    /// What the searcher opened; empty for an index folder given by path.
    IndexSources sources_;
    Xapian::Database db_;
    std::vector<MissingShard> missing_;
    /// Some shard is remote: what Xapian's remote backend cannot run is refused.
    bool has_remote_ = false;
    /// Xapian reads synonyms only from a database: extra groups live in a small one
    /// made for this searcher, which the query parser reads with the index. Searches
    /// without extra groups (the usual case) make none, and start faster.
    std::filesystem::path synonym_dir_;
    Xapian::Database parser_db_;
};

/// The date bounds for --since and --until: any form date: takes, or "30d", "6m", "1y"
/// before `now`. Throws byline::Error for text that is not a date.
[[nodiscard]] Xapian::Query date_filter(const std::optional<std::string>& since,
                                        const std::optional<std::string>& until, const Date& now);

}  // namespace byline

#endif
