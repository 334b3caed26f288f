/** @file
 *  @brief Ranked search over a Byline index: the search pipeline.
 *
 *  correct spelling -> parse (query_builder) -> rank (BM25 with proximity lifts, dates,
 *  recency) -> match (collapse stories, facets; MatchMode::most_words widens past the
 *  every-word matches with feedback) -> hits (record, story members, missing words,
 *  snippet, explanation). Each step past the pipeline itself lives in a file of its
 *  own: spelling_correction, widening, feedback, snippets, recency, facets, explain,
 *  story_members;
 *  shard_sources opens the databases and scratch_synonyms the extra synonym groups.
 */
#include <byline/searcher.h>

#include <byline/date_range.h>
#include <byline/document_data.h>
#include <byline/error.h>
#include <byline/fields.h>

#include "schema/terms.h"
#include "search/explain.h"
#include "search/facets.h"
#include "search/feedback.h"
#include "search/recency.h"
#include "search/related_articles.h"
#include "search/scratch_synonyms.h"
#include "search/shard_sources.h"
#include "search/snippets.h"
#include "search/spelling_correction.h"
#include "search/story_listing.h"
#include "search/story_members.h"
#include "search/widening.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <set>

namespace byline {

namespace {

/// Lifts for documents where neighbouring query words stand together: as a phrase, or
/// within a few words of each other. An empty query when there are none.
Xapian::Query proximity_lifts(const ParsedQuery& parsed, const RankingWeights& weights) {
    std::vector<Xapian::Query> lifts;
    const std::size_t lifted_words =
        parsed.words.size() <= weights.lift_max_words ? parsed.words.size() : 0;
    for (std::size_t i = 0; i + 1 < lifted_words; ++i) {
        const auto& a = parsed.words[i];
        const auto& b = parsed.words[i + 1];
        if (a == b) {
            continue;
        }
        const std::array<Xapian::Query, 2> pair = {Xapian::Query(a), Xapian::Query(b)};
        if (weights.phrase_lift > 0) {
            lifts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                               Xapian::Query(Xapian::Query::OP_PHRASE, pair.begin(), pair.end(), 2),
                               weights.phrase_lift);
        }
        if (weights.near_lift > 0) {
            lifts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                               Xapian::Query(Xapian::Query::OP_NEAR, pair.begin(), pair.end(),
                                             weights.near_window),
                               weights.near_lift);
        }
    }
    if (lifts.empty()) {
        return {};
    }
    return {Xapian::Query::OP_OR, lifts.begin(), lifts.end()};
}

/// The parsed query with `lifts` (if any) and the date bounds.
Xapian::Query ranked_query(const ParsedQuery& parsed, const SearchRequest& request,
                           const Xapian::Query& lifts) {
    Xapian::Query query = parsed.query;
    if (!lifts.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, lifts);
    }
    if (request.since || request.until) {
        const Date now = request.query_options.now ? *request.query_options.now : current_date();
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              date_filter(request.since, request.until, now));
    }
    if (!request.filter.empty()) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, request.filter);
    }
    return query;
}

/// The request's query options, its plain words joined as its match mode first asks:
/// any of them for MatchMode::any_word, else every one.
QueryOptions options_for_match(const SearchRequest& request) {
    auto options = request.query_options;
    options.default_op =
        request.match == MatchMode::any_word ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
    return options;
}

/// The synonym groups the searcher adds to those of the index. The query parser cannot
/// read synonyms from a remote shard: then the built-in table that byline-index writes
/// into every index is added too.
std::vector<SynonymGroup> groups_to_add(bool has_remote, const std::vector<SynonymGroup>& extra) {
    if (!has_remote) {
        return extra;
    }
    auto groups = builtin_synonyms();
    groups.insert(groups.end(), extra.begin(), extra.end());
    return groups;
}

/// What MatchMode::most_words asks of one search besides the request.
struct MatchSteps {
    /// Count at least this many matches exactly, into *matches_at_least; when there are
    /// fewer, the answer is not wanted and its hits are not made.
    Xapian::doccount count_at_least = 0;
    Xapian::doccount* matches_at_least = nullptr;
    /// The articles holding every word rank first; the others are ranked with feedback
    /// and told what they lack.
    const Widening* widening = nullptr;
};

}  // namespace

class Searcher::Impl {
  public:
    Impl(OpenedSources&& opened, IndexSources sources, const std::vector<SynonymGroup>& extra)
        : db(std::move(opened.db)),
          missing(std::move(opened.missing)),
          sources_(std::move(sources)),
          has_remote_(opened.has_remote),
          synonyms_(groups_to_add(has_remote_, extra)),
          parser_db_(synonyms_.with(db)) {}

    SearchResponse search(const SearchRequest& request);
    StoriesResponse stories(const SearchRequest& request);
    std::optional<SearchResponse> related(const std::string& id, const SearchRequest& request);
    std::optional<Article> article(const std::string& id);
    void reopen() {
        if (db.reopen()) {
            parser_db_ = synonyms_.with(db);
        }
    }

    Xapian::Database db;
    /// With IndexSources::partial: the databases left out.
    std::vector<MissingShard> missing;

  private:
    /// What `read` returns, trying again when an indexer committed meanwhile or a
    /// remote shard failed.
    template <typename Read>
    auto with_retries(Read read) -> decltype(read());
    /// The document whose id is exactly `id`.
    std::optional<Xapian::docid> find(const std::string& id) const;
    /// The search of `text` (spelling corrected) as request.match says.
    SearchResponse search_as_matched(const std::string& text, const SearchRequest& request);
    /// One search for the parsed query; `request` gives the rest (its query text is not
    /// parsed again).
    SearchResponse search_once(const ParsedQuery& parsed, const SearchRequest& request,
                               MatchSteps steps = {});
    /// After a remote shard failed: goes on without the shards that no longer open, or
    /// throws (shard_sources.h: reopen_without_lost_shards).
    void drop_lost_shards(const std::string& failure);

    /// What the searcher opened; empty for an index folder given by path.
    IndexSources sources_;
    /// Some shard is remote: what Xapian's remote backend cannot run is refused.
    bool has_remote_ = false;
    ScratchSynonyms synonyms_;
    /// The index and the scratch synonyms: what the query parser reads.
    Xapian::Database parser_db_;
};

Searcher::Searcher(const IndexSources& sources, const std::vector<SynonymGroup>& extra_synonyms)
    : impl_(std::make_unique<Impl>(open_sources(sources), sources, extra_synonyms)) {}

Searcher::Searcher(const std::filesystem::path& index_dir,
                   const std::vector<SynonymGroup>& extra_synonyms)
    : impl_(std::make_unique<Impl>(OpenedSources{open_readable(index_dir), {}, false},
                                   IndexSources{}, extra_synonyms)) {}

Searcher::~Searcher() = default;

SearchResponse Searcher::search(const SearchRequest& request) {
    return impl_->search(request);
}

StoriesResponse Searcher::stories(const SearchRequest& request) {
    return impl_->stories(request);
}

std::optional<SearchResponse> Searcher::related(const std::string& id,
                                                const SearchRequest& request) {
    return impl_->related(id, request);
}

std::optional<Article> Searcher::article(const std::string& id) {
    return impl_->article(id);
}

void Searcher::reopen() {
    impl_->reopen();
}

const Xapian::Database& Searcher::database() const {
    return impl_->db;
}

const std::vector<MissingShard>& Searcher::missing_shards() const {
    return impl_->missing;
}

SearchResponse Searcher::Impl::search(const SearchRequest& request) {
    if (has_remote_ && (!request.facets.empty() || request.recent)) {
        // Xapian's remote backend runs only its own match spies and posting sources.
        throw RemoteUnsupportedError(request.recent ? RemoteUnsupportedError::Feature::recency
                                                    : RemoteUnsupportedError::Feature::facets);
    }
    auto response = with_retries([&] {
        // A remote shard keeps its spelling data to itself (docs/sharding.md).
        const auto corrected = request.correct_spelling && !has_remote_
                                   ? correct_spelling(request.query, parser_db_)
                                   : std::nullopt;
        auto answer = search_as_matched(corrected ? *corrected : request.query, request);
        answer.corrected_query = corrected;
        return answer;
    });
    response.missing_shards = missing;
    return response;
}

StoriesResponse Searcher::Impl::stories(const SearchRequest& request) {
    auto response = with_retries([&] {
        const auto parsed = parse_query(request.query, parser_db_, options_for_match(request));
        return list_stories(db, ranked_query(parsed, request, {}), request.offset, request.limit);
    });
    response.missing_shards = missing;
    return response;
}

std::optional<SearchResponse> Searcher::Impl::related(const std::string& id,
                                                      const SearchRequest& request) {
    auto response = with_retries([&]() -> std::optional<SearchResponse> {
        const auto docid = find(id);
        if (!docid) {
            return std::nullopt;
        }
        return related_articles(db, *docid, request.offset, request.limit, request.snippet_length);
    });
    if (response) {
        response->missing_shards = missing;
    }
    return response;
}

std::optional<Article> Searcher::Impl::article(const std::string& id) {
    return with_retries([&]() -> std::optional<Article> {
        const auto docid = find(id);
        if (!docid) {
            return std::nullopt;
        }
        return stored_article(db.get_document(*docid));
    });
}

std::optional<Xapian::docid> Searcher::Impl::find(const std::string& id) const {
    const auto term = unique_id_term(id);
    const auto posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) {
        return std::nullopt;
    }
    return *posting;
}

template <typename Read>
auto Searcher::Impl::with_retries(Read read) -> decltype(read()) {
    // An indexer committing meanwhile can invalidate what this reader sees: reopen at
    // the new revision and ask again.
    constexpr int attempts = 5;
    for (int attempt = 1;; ++attempt) {
        try {
            return read();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == attempts) {
                throw Error("the index kept changing under the search; try again");
            }
            db.reopen();
        } catch (const Xapian::DatabaseError& e) {
            throw Error(fmt::format("cannot read index: {}", e.get_msg()));
        } catch (const Xapian::NetworkError& e) {
            if (attempt == attempts) {
                throw Error(
                    fmt::format("a remote shard failed during the search: {}", e.get_msg()));
            }
            drop_lost_shards(e.get_msg());
        }
    }
}

SearchResponse Searcher::Impl::search_as_matched(const std::string& text,
                                                 const SearchRequest& request) {
    auto options = options_for_match(request);
    const auto parsed = parse_query(text, parser_db_, options);
    const std::set<std::string> words(parsed.words.begin(), parsed.words.end());
    if (request.match != MatchMode::most_words || words.size() < 2) {
        return search_once(parsed, request);
    }
    const auto enough = request.weights.every_word_enough;
    Xapian::doccount every_word_matches = 0;
    auto every_word = search_once(parsed, request, {enough, &every_word_matches});
    if (every_word_matches >= enough) {
        return every_word;
    }
    options.default_op = Xapian::Query::OP_OR;
    const auto widened = parse_query(text, parser_db_, options);
    const Widening widening(parsed.query, widened, text);
    return search_once(widened, request, {.widening = &widening});
}

void Searcher::Impl::drop_lost_shards(const std::string& failure) {
    auto reopened = reopen_without_lost_shards(sources_, missing, failure);
    db = std::move(reopened.db);
    missing = std::move(reopened.missing);
    parser_db_ = synonyms_.with(db);
}

SearchResponse Searcher::Impl::search_once(const ParsedQuery& parsed, const SearchRequest& request,
                                           MatchSteps steps) {
    const Widening* widening = steps.widening;
    SearchResponse response;
    response.syntax_note = parsed.syntax_note;
    const Xapian::BM25Weight weighting(request.weights.k1, 0, 1, request.weights.b, 0.5);
    // `matched` is what the user asked for (snippets highlight it), `scored` adds the
    // feedback terms and recency, `query` the lift of the every-word matches. A widened
    // match gives the proximity lifts to its every-word matches alone: checking word
    // positions over every article holding any word made a query several times slower.
    const auto lifts = proximity_lifts(parsed, request.weights);
    const auto matched =
        ranked_query(parsed, request, widening != nullptr ? Xapian::Query() : lifts);
    auto scored = widening != nullptr
                      ? with_feedback(matched, db, weighting, parsed.words, request.weights)
                      : matched;

    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(weighting);
    if (request.recent) {
        scored = with_recency_bonus(scored, enquire, db, request.weights);
    }
    const auto query =
        widening != nullptr ? widening->with_every_word_first(scored, lifts) : scored;
    enquire.set_query(query);
    if (request.time_limit_seconds > 0) {
        enquire.set_time_limit(request.time_limit_seconds);
    }
    // A query naming a story asks for its articles: every one, and with no words to
    // rank by, oldest first, the story as it unfolded.
    const bool one_story = names_story(parsed.query);
    const bool collapse = request.collapse_stories && !one_story;
    switch (one_story && parsed.words.empty() ? SortOrder::oldest : request.sort) {
        case SortOrder::relevance:
            break;
        case SortOrder::newest:
            enquire.set_sort_by_value_then_relevance(slot_date, true);
            break;
        case SortOrder::oldest:
            enquire.set_sort_by_value_then_relevance(slot_date, false);
            break;
    }
    if (collapse) {
        enquire.set_collapse_key(slot_story);
    }
    std::vector<std::unique_ptr<FacetSpy>> spies;
    for (const auto field : request.facets) {
        spies.push_back(std::make_unique<FacetSpy>(field));
        enquire.add_matchspy(spies.back().get());
    }
    std::optional<Xapian::ValueCountMatchSpy> value_counter;
    if (request.count_values) {
        value_counter.emplace(*request.count_values);
        enquire.add_matchspy(&*value_counter);
    }
    // Counting and facets look at every match (up to a bound that keeps a huge index
    // quick; past it the figures are labelled estimates); value counts (a timeline's)
    // always do, exact counts being their point. Otherwise Xapian may skip
    // matches that cannot reach the page, which is most of a query's speed.
    constexpr Xapian::doccount counting_bound = 500000;
    const Xapian::doccount check_at_least =
        request.count_values ? db.get_doccount()
        : request.exact_count || !request.facets.empty()
            ? std::min(db.get_doccount(), counting_bound)
            : std::max(request.offset + request.limit, steps.count_at_least);
    const auto mset = enquire.get_mset(request.offset, request.limit, check_at_least);
    if (steps.matches_at_least != nullptr) {
        *steps.matches_at_least = mset.get_matches_lower_bound();
        if (*steps.matches_at_least < steps.count_at_least) {
            return response;
        }
    }
    response.estimated_matches =
        collapse ? mset.get_uncollapsed_matches_estimated() : mset.get_matches_estimated();
    response.exact_matches =
        mset.get_uncollapsed_matches_lower_bound() == mset.get_uncollapsed_matches_upper_bound();
    if (value_counter) {
        for (auto it = value_counter->values_begin(); it != value_counter->values_end(); ++it) {
            response.value_counts.emplace(*it, it.get_termfreq());
        }
    }
    for (const auto& spy : spies) {
        response.facets.push_back(
            spy->facet(response.estimated_matches, check_at_least >= db.get_doccount()));
    }

    const auto story_members = collapse ? find_story_members(db, matched, mset, has_remote_)
                                        : std::map<Xapian::docid, StoryMembers>();
    const SnippetMaker snippets(matched);
    // Explained: the parts of `scored`, and the lifts for the every-word matches.
    const auto parts = request.explain ? score_parts(scored) : std::vector<Xapian::Query>();
    const auto every_word_parts =
        request.explain && widening != nullptr && !lifts.empty()
            ? score_parts(Xapian::Query(Xapian::Query::OP_AND_MAYBE, scored, lifts))
            : parts;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit hit;
        hit.rank = it.get_rank() + 1;  // get_rank() counts from the whole ranking's top.
        hit.score = widening != nullptr ? widening->score(it.get_weight()) : it.get_weight();
        if (widening != nullptr) {
            hit.missing_words = widening->missing_words(enquire, it);
        }
        const auto doc = it.get_document();
        hit.article = stored_article(doc);
        if (const auto members = story_members.find(*it); members != story_members.end()) {
            hit.story_articles = members->second.articles;
            hit.sources = members->second.sources;
            hit.copies = members->second.copies;
            hit.copy_articles = members->second.listed_copies;
        }
        if (request.snippet_length > 0) {
            hit.snippet = snippets.make(mset, hit.article.body, request.snippet_length);
        }
        hit.article.body.clear();
        if (request.explain) {
            const bool every_word = widening == nullptr || hit.missing_words.empty();
            hit.explanation =
                explain_score(db, weighting, every_word ? every_word_parts : parts, doc);
        }
        response.hits.push_back(std::move(hit));
    }
    return response;
}

}  // namespace byline
