/** @file
 *  @brief Ranked search over a Byline index.
 */
#include <byline/searcher.h>

#include <byline/date_range.h>
#include <byline/document_data.h>
#include <byline/error.h>
#include <byline/fields.h>

#include "schema/terms.h"
#include "search/shard_sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <thread>

namespace byline {

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
        if (!may_match(word)) {
            return false;
        }
        const auto stem = stemmer(word);
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

/// The English stemmer for snippets, stemming only the words that can match the query.
/// A snippet stems every word of the text it is given, which took most of a query's
/// time; a word that cannot match is left as it is, which matches nothing either.
class QueryWordStemmer : public Xapian::StemImplementation {
  public:
    explicit QueryWordStemmer(QueryWords words) : words_(std::move(words)) {}
    std::string operator()(const std::string& word) override {
        return words_.may_match(word) ? english_(word) : word;
    }
    [[nodiscard]] std::string get_description() const override {
        return "query words " + english_.get_description();
    }

  private:
    Xapian::Stem english_{std::string(stemmer_language)};
    QueryWords words_;
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

/// Days since 1970 of a date slot value ("YYYYMMDD..."); nothing when it is not one.
std::optional<double> day_number(const std::string& value) {
    if (value.size() < 8) {
        return std::nullopt;
    }
    const auto number = [&](std::size_t at, std::size_t length) {
        return std::atoi(value.substr(at, length).c_str());
    };
    using namespace std::chrono;
    const year_month_day ymd{year{number(0, 4)}, month{static_cast<unsigned>(number(4, 2))},
                             day{static_cast<unsigned>(number(6, 2))}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return static_cast<double>(sys_days{ymd}.time_since_epoch().count());
}

/// A bonus for newer articles that halves every `half_life` days before `newest` and
/// never exceeds `max_bonus`, so it can reorder close calls but not bury relevance.
class RecencySource : public Xapian::ValuePostingSource {
  public:
    RecencySource(double newest, double half_life, double max_bonus)
        : Xapian::ValuePostingSource(slot_date),
          newest_(newest),
          half_life_(half_life),
          max_bonus_(max_bonus) {}

    void init(const Xapian::Database& database) override {
        Xapian::ValuePostingSource::init(database);
        set_maxweight(max_bonus_);
    }
    double get_weight() const override {
        const auto day = day_number(get_value());
        if (!day) {
            return 0;
        }
        return max_bonus_ * std::exp2(-std::max(0.0, newest_ - *day) / half_life_);
    }
    RecencySource* clone() const override {
        return new RecencySource(newest_, half_life_, max_bonus_);
    }
    std::string name() const override { return "byline::RecencySource"; }
    std::string get_description() const override {
        return fmt::format("recency (at most {:.3f})", max_bonus_);
    }

  private:
    double newest_;
    double half_life_;
    double max_bonus_;
};

/// Counts the values of one field over every document the matcher sees.
class FacetSpy : public Xapian::MatchSpy {
  public:
    explicit FacetSpy(FacetField field) : field_(field) {}

    void operator()(const Xapian::Document& doc, double) override {
        ++seen_;
        switch (field_) {
            case FacetField::source:
                add(doc.get_value(slot_source));
                break;
            case FacetField::year:
                add(doc.get_value(slot_date).substr(0, 4));
                break;
            case FacetField::tag: {
                const auto tags = doc.get_value(slot_tags);
                std::size_t begin = 0;
                while (begin < tags.size()) {
                    const auto end = std::min(tags.find(tag_separator, begin), tags.size());
                    add(tags.substr(begin, end - begin));
                    begin = end + 1;
                }
                break;
            }
        }
    }

    /// The counts, scaled up to `matches` when fewer documents were seen.
    /// `examined_all`: the match looked at every matching document, so the counts are
    /// exact whatever the (collapsed, estimated) number of matches says.
    [[nodiscard]] Facet facet(Xapian::doccount matches, bool examined_all) const {
        Facet facet{field_, {}, !examined_all && seen_ < matches};
        const double scale = seen_ == 0 || !facet.estimated ? 1.0 : double(matches) / double(seen_);
        for (const auto& [value, count] : counts_) {
            facet.counts.push_back(
                {value, static_cast<Xapian::doccount>(std::lround(count * scale))});
        }
        std::stable_sort(
            facet.counts.begin(), facet.counts.end(), [&](const auto& a, const auto& b) {
                return field_ == FacetField::year ? a.value > b.value : a.count > b.count;
            });
        return facet;
    }

  private:
    void add(const std::string& value) {
        if (!value.empty()) {
            ++counts_[value];
        }
    }

    FacetField field_;
    Xapian::doccount seen_ = 0;
    std::map<std::string, Xapian::doccount> counts_;
};

/// The parts of a query whose weights add up to a document's score: the operands of
/// the additive operators, down to terms, phrases, synonym groups and sources.
void collect_score_parts(const Xapian::Query& query, std::vector<Xapian::Query>& parts) {
    switch (query.get_type()) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_XOR:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
                collect_score_parts(query.get_subquery(i), parts);
            }
            return;
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_FILTER:
            collect_score_parts(query.get_subquery(0), parts);
            return;
        case Xapian::Query::LEAF_MATCH_ALL:
        case Xapian::Query::LEAF_MATCH_NOTHING:
        case Xapian::Query::OP_VALUE_RANGE:
        case Xapian::Query::OP_VALUE_GE:
        case Xapian::Query::OP_VALUE_LE:
            return;
        default:
            parts.push_back(query);
    }
}

std::string describe(const Xapian::Query& part) {
    auto text = part.get_description();
    if (text.starts_with("Query(") && text.ends_with(")")) {
        text = text.substr(6, text.size() - 7);
    }
    return text;
}

std::filesystem::path make_temporary_dir() {
    auto pattern = (std::filesystem::temp_directory_path() / "byline-synonyms-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw Error(fmt::format("cannot make a temporary folder for synonyms in {}",
                                std::filesystem::temp_directory_path().string()));
    }
    return pattern;
}

}  // namespace

Xapian::Query date_filter(const std::optional<std::string>& since,
                          const std::optional<std::string>& until, const Date& now) {
    DateRange range;
    if (since) {
        const auto date = parse_query_date(*since, now);
        if (!date) {
            throw Error(fmt::format(
                "--since {}: not a date (2024, 2024-05, 2024-05-01, 30d, 6m, 1y)", *since));
        }
        range.from = date_lower_bound(*date);
    }
    if (until) {
        const auto date = parse_query_date(*until, now);
        if (!date) {
            throw Error(fmt::format(
                "--until {}: not a date (2024, 2024-05, 2024-05-01, 30d, 6m, 1y)", *until));
        }
        range.to = date_upper_bound(*date);
    }
    return date_range_query(range);
}

Searcher::Searcher(const std::filesystem::path& index_dir,
                   const std::vector<SynonymGroup>& extra_synonyms)
    : db_(open_readable(index_dir)), parser_db_(db_) {
    add_extra_synonyms(extra_synonyms);
}

void Searcher::add_extra_synonyms(const std::vector<SynonymGroup>& extra_synonyms) {
    if (extra_synonyms.empty()) {
        return;
    }
    // A scratch table, gone at exit: syncing it to disk would only make each search wait
    // on the disk (tens of milliseconds on a busy machine).
    synonym_dir_ = make_temporary_dir();
    Xapian::WritableDatabase synonym_db((synonym_dir_ / "db").string(),
                                        Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    add_synonyms(synonym_db, extra_synonyms);
    synonym_db.commit();
    attach_parser_db();
}

void Searcher::attach_parser_db() {
    parser_db_ = db_;
    if (!synonym_dir_.empty()) {
        parser_db_.add_database(Xapian::Database((synonym_dir_ / "db").string()));
    }
}

Searcher::Searcher(const IndexSources& sources, const std::vector<SynonymGroup>& extra_synonyms)
    : Searcher(open_sources(sources), extra_synonyms) {
    sources_ = sources;
}

void Searcher::drop_lost_shards(const std::string& failure) {
    if (sources_.databases.empty()) {
        throw Error(fmt::format("a remote shard failed during the search: {}", failure));
    }
    auto probe = sources_;
    probe.partial = true;
    auto reopened = open_sources(probe);  // Throws when no shard opens any more.
    std::vector<MissingShard> lost;
    for (const auto& shard : reopened.missing) {
        if (std::none_of(missing_.begin(), missing_.end(),
                         [&](const MissingShard& known) { return known.shard == shard.shard; })) {
            lost.push_back(shard);
        }
    }
    if (lost.empty()) {
        throw Error(fmt::format("a remote shard failed during the search: {}", failure));
    }
    if (!sources_.partial) {
        throw Error(
            fmt::format("shard {} failed during the search: {} (--partial answers "
                        "without it)",
                        lost.front().shard, lost.front().reason));
    }
    db_ = std::move(reopened.db);
    missing_ = std::move(reopened.missing);
    attach_parser_db();
}

Searcher::Searcher(OpenedSources&& opened, const std::vector<SynonymGroup>& extra_synonyms)
    : db_(std::move(opened.db)),
      missing_(std::move(opened.missing)),
      has_remote_(opened.has_remote),
      parser_db_(db_) {
    // The query parser cannot read synonyms from a remote shard: use the built-in table
    // that byline-index writes into every index.
    if (has_remote_) {
        auto groups = builtin_synonyms();
        groups.insert(groups.end(), extra_synonyms.begin(), extra_synonyms.end());
        add_extra_synonyms(groups);
        return;
    }
    add_extra_synonyms(extra_synonyms);
}

Searcher::~Searcher() {
    if (!synonym_dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(synonym_dir_, ignored);
    }
}

Xapian::Query Searcher::ranked_query(const ParsedQuery& parsed, const SearchRequest& request) {
    const auto& weights = request.weights;
    Xapian::Query query = parsed.query;
    // Lift documents where neighbouring query words stand together: as a phrase, or
    // within a few words of each other.
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
    if (!lifts.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                              Xapian::Query(Xapian::Query::OP_OR, lifts.begin(), lifts.end()));
    }
    if (request.since || request.until) {
        const Date now = request.query_options.now ? *request.query_options.now : current_date();
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              date_filter(request.since, request.until, now));
    }
    return query;
}

std::map<std::string, Xapian::doccount> Searcher::count_copies(const Xapian::Query& query,
                                                               const Xapian::MSet& mset) {
    // The matcher skips matches that cannot reach the page, so its collapse counts are
    // only lower bounds. A story of two or more articles has its matching copies counted
    // among its few documents. Each story's size is asked for by its term: a term cursor
    // would be cheaper locally, but a remote shard sends a cursor's whole prefix list.
    std::set<std::string> stories;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (auto story = it.get_collapse_key(); !story.empty()) {
            stories.insert(std::move(story));
        }
    }
    std::map<std::string, Xapian::doccount> copies;
    for (const auto& story : stories) {
        const auto term = story_term(story);
        const auto story_size = db_.get_termfreq(term);
        if (story_size < 2) {
            continue;
        }
        Xapian::Enquire matching(db_);
        matching.set_weighting_scheme(Xapian::BoolWeight());
        matching.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(term)));
        const auto matches = matching.get_mset(0, 0, story_size).get_matches_estimated();
        copies[story] = matches > 0 ? matches - 1 : 0;
    }
    return copies;
}

SearchResponse Searcher::search_once(const ParsedQuery& parsed, const SearchRequest& request) {
    SearchResponse response;
    response.syntax_note = parsed.syntax_note;
    auto query = ranked_query(parsed, request);

    Xapian::Enquire enquire(db_);
    const Xapian::BM25Weight weighting(request.weights.k1, 0, 1, request.weights.b, 0.5);
    enquire.set_weighting_scheme(weighting);
    if (request.recent) {
        // Bound the bonus by the best relevance score this query reaches.
        enquire.set_query(query);
        const auto top = enquire.get_mset(0, 1);
        const auto newest = day_number(db_.get_value_upper_bound(slot_date));
        if (!top.empty() && newest) {
            const double max_bonus = request.weights.recency_share * top.get_max_attained();
            auto* source =
                new RecencySource(*newest, request.weights.recency_half_life_days, max_bonus);
            query =
                Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source->release()));
        }
    }
    enquire.set_query(query);
    switch (request.sort) {
        case SortOrder::relevance:
            break;
        case SortOrder::newest:
            enquire.set_sort_by_value_then_relevance(slot_date, true);
            break;
        case SortOrder::oldest:
            enquire.set_sort_by_value_then_relevance(slot_date, false);
            break;
    }
    if (request.collapse_copies) {
        enquire.set_collapse_key(slot_story);
    }
    std::vector<std::unique_ptr<FacetSpy>> spies;
    for (const auto field : request.facets) {
        spies.push_back(std::make_unique<FacetSpy>(field));
        enquire.add_matchspy(spies.back().get());
    }
    // Counting and facets look at every match (up to a bound that keeps a huge index
    // quick; past it the figures are labelled estimates). Otherwise Xapian may skip
    // matches that cannot reach the page, which is most of a query's speed.
    constexpr Xapian::doccount counting_bound = 500000;
    const Xapian::doccount check_at_least = request.exact_count || !request.facets.empty()
                                                ? std::min(db_.get_doccount(), counting_bound)
                                                : request.offset + request.limit;
    const auto mset = enquire.get_mset(request.offset, request.limit, check_at_least);
    response.estimated_matches = request.collapse_copies ? mset.get_uncollapsed_matches_estimated()
                                                         : mset.get_matches_estimated();
    response.exact_matches =
        mset.get_uncollapsed_matches_lower_bound() == mset.get_uncollapsed_matches_upper_bound();
    for (const auto& spy : spies) {
        response.facets.push_back(
            spy->facet(response.estimated_matches, check_at_least >= db_.get_doccount()));
    }

    const auto story_copies = request.collapse_copies ? count_copies(query, mset)
                                                      : std::map<std::string, Xapian::doccount>();
    const QueryWords query_words(query);
    const Xapian::Stem snippet_stemmer(new QueryWordStemmer(query_words));
    std::vector<Xapian::Query> score_parts;
    if (request.explain) {
        collect_score_parts(query, score_parts);
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit hit;
        hit.rank = it.get_rank() + 1;  // get_rank() counts from the whole ranking's top.
        hit.score = it.get_weight();
        const auto doc = it.get_document();
        if (const auto copies = story_copies.find(it.get_collapse_key());
            copies != story_copies.end()) {
            hit.copies = copies->second;
        }
        hit.article = decode_document_data(doc.get_data());
        if (request.snippet_length > 0) {
            hit.snippet = make_snippet(mset, hit.article.body, request.snippet_length, query_words,
                                       snippet_stemmer);
        }
        hit.article.body.clear();
        if (!score_parts.empty()) {
            // Each part's weight for this one document: the part alone, filtered to it.
            const Xapian::Query only_this(unique_id_term_of(doc));
            for (const auto& part : score_parts) {
                Xapian::Enquire single(db_);
                single.set_weighting_scheme(weighting);
                single.set_query(Xapian::Query(Xapian::Query::OP_FILTER, part, only_this));
                const auto one = single.get_mset(0, 1);
                if (!one.empty() && one.begin().get_weight() > 0) {
                    hit.explanation.push_back({describe(part), one.begin().get_weight()});
                }
            }
        }
        response.hits.push_back(std::move(hit));
    }
    return response;
}

SearchResponse Searcher::search(const SearchRequest& request) {
    if (has_remote_ && (!request.facets.empty() || request.recent)) {
        // Xapian's remote backend runs only its own match spies and posting sources.
        throw Error(
            fmt::format("{} cannot search remote shards (Xapian's remote backend "
                        "cannot run Byline's {}); search local shards instead",
                        request.recent ? "--recent" : "--facet",
                        request.recent ? "recency bonus" : "facet counter"));
    }
    auto response = search_with_retries(request);
    response.missing_shards = missing_;
    return response;
}

SearchResponse Searcher::search_with_retries(const SearchRequest& request) {
    // An indexer committing meanwhile can invalidate what this reader sees: reopen at
    // the new revision and ask again.
    constexpr int attempts = 5;
    for (int attempt = 1;; ++attempt) {
        try {
            auto options = request.query_options;
            options.correct_spelling = false;
            auto response = search_once(parse_query(request.query, parser_db_, options), request);
            if (response.hits.empty() && response.estimated_matches == 0 &&
                request.correct_spelling) {
                options.correct_spelling = true;
                auto correction = parse_query(request.query, parser_db_, options).corrected;
                if (correction && *correction != request.query) {
                    auto corrected_request = request;
                    corrected_request.query = *correction;
                    options.correct_spelling = false;
                    auto corrected =
                        search_once(parse_query(corrected_request.query, parser_db_, options),
                                    corrected_request);
                    if (!corrected.hits.empty()) {
                        corrected.corrected_query = std::move(correction);
                        corrected.syntax_note = std::move(response.syntax_note);
                        return corrected;
                    }
                }
            }
            return response;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == attempts) {
                throw Error("the index kept changing under the search; try again");
            }
            db_.reopen();
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

}  // namespace byline
