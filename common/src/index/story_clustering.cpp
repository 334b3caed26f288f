/** @file
 *  @brief Stories across outlets: which earlier story a new article reports on.
 */
#include "index/story_clustering.h"

#include <byline/fields.h>

#include "schema/terms.h"
#include "stop_words.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <unordered_set>

namespace byline {

namespace {

/// A title word counts as this many body words: the headline names the event.
constexpr double title_weight = 2;
/// The body words read: the opening holds the event's who, what and where (and
/// reading further lowered the score on BASIL's tuning half).
constexpr std::size_t opening_words = 40;
/// Terms kept in an article's vector and in a story's centroid.
constexpr std::size_t story_term_count = 24;
constexpr std::size_t centroid_term_count = 40;
/// An article looks for stories under its heaviest terms only.
constexpr std::size_t lookup_term_count = 10;
/// Stories a posting list keeps, the latest: a word in many stories says little.
constexpr std::size_t posting_limit = 1'000;
/// The count-min sketch: two rows of 2^20 counters (8 MiB).
constexpr std::size_t sketch_bits = 20;
constexpr std::size_t sketch_row = std::size_t{1} << sketch_bits;
constexpr std::size_t term_bytes = 5;
/// The day of a posting by an undated article.
constexpr std::int32_t undated_day = std::numeric_limits<std::int32_t>::min();

/// Words every news report uses, whatever its event: left out of story vectors
/// besides the stop words, since a run's first few hundred articles are too few to
/// learn from their document frequencies how little they say.
bool is_news_filler(const std::string& word) {
    static const std::unordered_set<std::string> filler = {
        "said",      "says",      "say",      "told",    "according", "added",     "also",
        "just",      "like",      "new",      "one",     "two",       "three",     "first",
        "last",      "year",      "years",    "time",    "people",    "week",      "weeks",
        "month",     "months",    "day",      "days",    "today",     "yesterday", "monday",
        "tuesday",   "wednesday", "thursday", "friday",  "saturday",  "sunday",    "mr",
        "mrs",       "ms",        "get",      "got",     "make",      "made",      "many",
        "much",      "now",       "well",     "way",     "back",      "going",     "go",
        "including", "since",     "still",    "even",    "around",    "take",      "took",
        "want",      "know",      "think",    "may",     "news",      "report",    "reported",
        "reports",   "percent",   "per",      "cent",    "million",   "billion",   "later",
        "early",     "earlier",   "next",     "former",  "another",   "among",     "every",
        "part",      "including", "however",  "whether", "without",   "within",    "get"};
    return filler.contains(word);
}

std::uint32_t sketch_slot(std::uint32_t term, std::size_t row) {
    const auto mixed = static_cast<std::uint32_t>(
        (term ^ (static_cast<std::uint32_t>(row) * 0x9E3779B9U)) * 0x85EBCA6BU);
    return static_cast<std::uint32_t>(row * sketch_row + (mixed >> (32 - sketch_bits)));
}

bool heavier(const StoryTerm& a, const StoryTerm& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
}

/// The vector's `count` heaviest terms, heaviest first.
std::vector<StoryTerm> heaviest(const StoryVector& vector, std::size_t count) {
    auto terms = vector;
    std::sort(terms.begin(), terms.end(), heavier);
    terms.resize(std::min(terms.size(), count));
    return terms;
}

void sort_by_term(std::vector<StoryTerm>& terms) {
    std::sort(terms.begin(), terms.end(),
              [](const StoryTerm& a, const StoryTerm& b) { return a.term < b.term; });
}

/// Keeps the `count` heaviest terms (ties: the lower term), sorted by term.
void keep_heaviest(std::vector<StoryTerm>& terms, std::size_t count) {
    if (terms.size() > count) {
        std::nth_element(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(count),
                         terms.end(), heavier);
        terms.resize(count);
    }
    sort_by_term(terms);
}

void normalise(StoryVector& vector) {
    double sum = 0;
    for (const auto& entry : vector) {
        sum += double{entry.weight} * entry.weight;
    }
    const auto length = std::sqrt(sum);
    for (auto& entry : vector) {
        entry.weight = static_cast<float>(entry.weight / length);
    }
}

/// The dot product of two vectors sorted by term.
double dot(const std::vector<StoryTerm>& a, const std::vector<StoryTerm>& b) {
    double sum = 0;
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (i->term < j->term) {
            ++i;
        } else if (j->term < i->term) {
            ++j;
        } else {
            sum += double{i->weight} * j->weight;
            ++i;
            ++j;
        }
    }
    return sum;
}

}  // namespace

StoryFinder::StoryFinder(std::size_t live_story_limit)
    : live_story_limit_(live_story_limit),
      // Twice what the live stories' first articles list.
      posting_budget_(2 * live_story_limit * lookup_term_count),
      stemmer_(std::string(stemmer_language)),
      frequencies_(2 * sketch_row),
      sweep_at_(posting_budget_) {}

void StoryFinder::add_stored(const Xapian::Database& db) {
    if (!stored_) {
        stored_.emplace();
    }
    stored_->add_database(db);
    stored_documents_ = stored_->get_doccount();
    // In the order they were written, so that the latest stories stay live.
    auto groups = db.valuestream_begin(slot_copy_group);
    const auto groups_end = db.valuestream_end(slot_copy_group);
    auto vectors = db.valuestream_begin(slot_story_terms);
    const auto vectors_end = db.valuestream_end(slot_story_terms);
    auto dates = db.valuestream_begin(slot_date);
    const auto dates_end = db.valuestream_end(slot_date);
    for (auto story = db.valuestream_begin(slot_story); story != db.valuestream_end(slot_story);
         ++story) {
        const auto docid = story.get_docid();
        const auto at = [docid](auto& stream, const auto& end) {
            if (stream != end) {
                stream.skip_to(docid);
            }
            return stream != end && stream.get_docid() == docid;
        };
        const auto id = hash_from_hex(*story);
        const auto group = at(groups, groups_end) ? hash_from_hex(*groups) : id;
        const auto date = at(dates, dates_end) ? date_from_slot(*dates) : std::nullopt;
        const auto vector = at(vectors, vectors_end) ? decode(*vectors) : StoryVector();
        if (group != id) {
            joined_[group] = id;
        }
        if (const auto live = live_.find(id); live != live_.end()) {
            join(live->second, vector, date);
        } else {
            start(id, vector, date);
        }
    }
}

StoryVector StoryFinder::vector_of(const Article& article, const WordSequence& body) {
    std::unordered_map<std::uint32_t, std::pair<double, std::string>> counts;
    const auto count_words = [&](std::string_view words, double weight, std::size_t limit) {
        std::size_t seen = 0;
        while (!words.empty() && seen < limit) {
            const auto end = std::min(words.find(' '), words.size());
            const std::string word(words.substr(0, end));
            words.remove_prefix(std::min(end + 1, words.size()));
            ++seen;
            if (word.size() < 2 || is_stop_word(word) || is_news_filler(word)) {
                continue;
            }
            auto stem = stemmer_(word);
            auto& count = counts[static_cast<std::uint32_t>(stable_hash(stem))];
            count.first += weight;
            if (count.second.empty()) {
                count.second = std::move(stem);
            }
        }
    };
    count_words(word_sequence(article.title).text, title_weight, opening_words);
    count_words(body.text, 1, opening_words);
    if (counts.empty()) {
        return {};
    }
    ++documents_;
    const double documents = static_cast<double>(documents_ + stored_documents_);
    StoryVector vector;
    vector.reserve(counts.size());
    for (const auto& [term, count] : counts) {
        count_document(term);
        const double frequency = document_frequency(term, count.second);
        const auto idf = std::log((documents + 1) / frequency);
        vector.push_back({term, static_cast<float>((1 + std::log(count.first)) * idf)});
    }
    keep_heaviest(vector, story_term_count);
    // As a later run reads it back, so that both runs compare alike.
    return decode(encode(vector));
}

std::string StoryFinder::story_for(const StoryVector& vector, const std::optional<Date>& date,
                                   const std::string& own_key) {
    const auto own = hash_from_hex(own_key);
    if (vector.empty()) {
        return own_key;
    }
    if (!date && vector.size() < story_words_by_text) {
        // It could join no story: do not look for one (a log of short undated
        // entries would compare each with every entry before it).
        start(own, vector, date);
        return own_key;
    }
    const auto day = date ? std::optional(day_number(*date)) : std::nullopt;
    Story* best = nullptr;
    std::uint32_t best_place = 0;
    double best_similarity = 0;
    for (const auto place : candidates(vector, day)) {
        auto& story = stories_[place];
        if (!within_window(story, day)) {
            continue;
        }
        const auto cosine = story.norm > 0 ? dot(vector, story.centroid) / story.norm : 0;
        const bool by_text_alone = !day || !story.first_day;
        if (by_text_alone ? cosine < story_similarity_by_text || vector.size() < story_words_by_text
                          : cosine < story_similarity) {
            continue;
        }
        if (best == nullptr || cosine > best_similarity ||
            (cosine == best_similarity && story.order < best->order)) {
            best = &story;
            best_place = place;
            best_similarity = cosine;
        }
    }
    if (best == nullptr) {
        start(own, vector, date);
        return own_key;
    }
    joined_[own] = best->id;
    join(best_place, vector, date);
    return hex_hash(best->id);
}

std::string StoryFinder::story_of_copy(const std::string& copy_group,
                                       const std::optional<Date>& date) {
    const auto group = hash_from_hex(copy_group);
    const auto joined = joined_.find(group);
    const auto id = joined == joined_.end() ? group : joined->second;
    // A copy widens the story's dates but not its words: ten sites running one wire
    // text would otherwise drown the other outlets' words.
    if (const auto live = live_.find(id); live != live_.end()) {
        join(live->second, {}, date);
    }
    return hex_hash(id);
}

std::string StoryFinder::encode(const StoryVector& vector) {
    float heaviest = 0;
    for (const auto& entry : vector) {
        heaviest = std::max(heaviest, entry.weight);
    }
    std::string value;
    value.reserve(vector.size() * term_bytes);
    for (const auto& entry : vector) {
        for (std::size_t i = 0; i < 4; ++i) {
            value += static_cast<char>((entry.term >> (8 * i)) & 0xFFU);
        }
        const auto weight = std::lround(entry.weight / heaviest * 255);
        value += static_cast<char>(std::clamp<long>(weight, 1, 255));
    }
    return value;
}

StoryVector StoryFinder::decode(std::string_view value) {
    StoryVector vector;
    if (value.size() % term_bytes != 0) {
        return vector;
    }
    for (std::size_t at = 0; at < value.size(); at += term_bytes) {
        StoryTerm entry;
        for (std::size_t i = 0; i < 4; ++i) {
            entry.term |= static_cast<std::uint32_t>(static_cast<unsigned char>(value[at + i]))
                          << (8 * i);
        }
        entry.weight = static_cast<float>(static_cast<unsigned char>(value[at + 4]));
        vector.push_back(entry);
    }
    sort_by_term(vector);
    normalise(vector);
    return vector;
}

std::uint32_t StoryFinder::document_frequency(std::uint32_t term, const std::string& stem) {
    std::uint32_t frequency =
        std::min(frequencies_[sketch_slot(term, 0)], frequencies_[sketch_slot(term, 1)]);
    if (stored_) {
        const auto stem_term = std::string(stem_prefix) + stem;
        try {
            frequency += stored_->get_termfreq(stem_term);
        } catch (const Xapian::DatabaseModifiedError&) {
            // This run's writers committed: read on from their revision, in which
            // the run's own articles count twice, in the documents as in each word.
            stored_->reopen();
            stored_documents_ = stored_->get_doccount();
            frequency += stored_->get_termfreq(stem_term);
        } catch (const Xapian::Error&) {
            // The index cannot be read while the writers fail (a full disk): their
            // error is the one to report, and the run's own counts serve meanwhile.
            stored_.reset();
            stored_documents_ = 0;
        }
    }
    return std::max<std::uint32_t>(frequency, 1);
}

void StoryFinder::count_document(std::uint32_t term) {
    for (std::size_t row = 0; row < 2; ++row) {
        ++frequencies_[sketch_slot(term, row)];
    }
}

std::vector<std::uint32_t> StoryFinder::candidates(const StoryVector& vector,
                                                   const std::optional<std::int64_t>& day) const {
    std::vector<std::uint32_t> places;
    for (const auto& entry : heaviest(vector, lookup_term_count)) {
        const auto posting = postings_.find(entry.term);
        if (posting == postings_.end()) {
            continue;
        }
        for (const auto& listed : posting->second) {
            // Most stories listed under a word are of other days: passed over here,
            // without a look at the story itself.
            if (day && listed.day != undated_day &&
                std::abs(listed.day - *day) > story_window_days) {
                continue;
            }
            if (is_current(listed)) {
                places.push_back(listed.place);
            }
        }
    }
    std::sort(places.begin(), places.end());
    places.erase(std::unique(places.begin(), places.end()), places.end());
    return places;
}

bool StoryFinder::is_current(const Posting& posting) const {
    return stories_[posting.place].generation == posting.generation;
}

bool StoryFinder::within_window(const Story& story, const std::optional<std::int64_t>& day) {
    if (!day || !story.first_day) {
        return true;
    }
    return *day >= *story.first_day - story_window_days &&
           *day <= *story.last_day + story_window_days;
}

void StoryFinder::join(std::uint32_t place, const StoryVector& vector,
                       const std::optional<Date>& date) {
    auto& story = stories_[place];
    const auto day = date ? std::optional(day_number(*date)) : std::nullopt;
    if (day) {
        story.first_day = std::min(story.first_day.value_or(*day), *day);
        story.last_day = std::max(story.last_day.value_or(*day), *day);
    }
    if (!vector.empty()) {
        std::vector<StoryTerm> sum;
        sum.reserve(story.centroid.size() + vector.size());
        std::merge(story.centroid.begin(), story.centroid.end(), vector.begin(), vector.end(),
                   std::back_inserter(sum),
                   [](const StoryTerm& a, const StoryTerm& b) { return a.term < b.term; });
        std::vector<StoryTerm> merged;
        for (const auto& entry : sum) {
            if (!merged.empty() && merged.back().term == entry.term) {
                merged.back().weight += entry.weight;
            } else {
                merged.push_back(entry);
            }
        }
        keep_heaviest(merged, centroid_term_count);
        story.centroid = std::move(merged);
        story.norm = std::sqrt(dot(story.centroid, story.centroid));
        post(place, vector, day);
    }
    touch(place);
}

void StoryFinder::start(std::uint64_t id, const StoryVector& vector,
                        const std::optional<Date>& date) {
    std::uint32_t place = 0;
    if (free_places_.empty()) {
        place = static_cast<std::uint32_t>(stories_.size());
        stories_.emplace_back();
    } else {
        place = free_places_.back();
        free_places_.pop_back();
    }
    auto& story = stories_[place];
    story.id = id;
    story.order = next_order_++;
    live_[id] = place;
    join(place, vector, date);
    while (live_.size() > live_story_limit_) {
        evict_least_recent();
    }
}

void StoryFinder::post(std::uint32_t place, const StoryVector& vector,
                       const std::optional<std::int64_t>& day) {
    const Posting listed{place, stories_[place].generation,
                         day ? static_cast<std::int32_t>(*day) : undated_day};
    for (const auto& entry : heaviest(vector, lookup_term_count)) {
        auto& posting = postings_[entry.term];
        posting.push_back(listed);
        ++postings_kept_;
        if (posting.size() > 2 * posting_limit) {
            postings_kept_ -= posting.size() - posting_limit;
            posting.erase(posting.begin(), posting.end() - posting_limit);
        }
    }
    if (postings_kept_ > sweep_at_) {
        sweep_postings();
    }
}

void StoryFinder::sweep_postings() {
    postings_kept_ = 0;
    for (auto posting = postings_.begin(); posting != postings_.end();) {
        auto& listed = posting->second;
        std::erase_if(listed, [this](const Posting& entry) { return !is_current(entry); });
        if (listed.empty()) {
            posting = postings_.erase(posting);
        } else {
            listed.shrink_to_fit();
            postings_kept_ += listed.size();
            ++posting;
        }
    }
    // Live stories of many articles can hold most of the budget: sweep again only when
    // as many postings have been added as are kept.
    sweep_at_ = std::max(posting_budget_, 2 * postings_kept_);
}

void StoryFinder::touch(std::uint32_t place) {
    auto& story = stories_[place];
    story.touched = ++clock_;
    touches_.emplace_back(story.touched, place);
}

void StoryFinder::evict_least_recent() {
    while (!touches_.empty()) {
        const auto [touched, place] = touches_.front();
        touches_.pop_front();
        auto& story = stories_[place];
        if (story.touched == touched) {
            live_.erase(story.id);
            // Its postings name this generation: they no longer find the place.
            const auto generation = story.generation + 1;
            story = Story();
            story.generation = generation;
            free_places_.push_back(place);
            return;
        }
    }
}

}  // namespace byline
