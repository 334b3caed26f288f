/** @file
 *  @brief Stories across outlets: which earlier story a new article reports on.
 *  @internal
 *
 *  Outlets' reports of one event are written in their own words, but they share the
 *  event's names and key words, most of all in the headline and the opening, and they
 *  run within days of each other. Each article gets a vector of the stemmed words of
 *  its title and opening, weighted by tf-idf (document frequencies from the articles
 *  read so far and the index being updated), and joins the story whose centroid its
 *  vector is closest to by cosine, when that is at least story_similarity and the two
 *  are within story_window_days of each other (an undated article or story: by text
 *  alone); else it starts a story of its own. This is single-pass clustering against
 *  recent stories' term centroids with a time window (Miranda et al. 2018, on
 *  multilingual news; GDELT groups articles at a cosine of 0.3 over their openings).
 *  A copy joins the story of what it copies (index/copy_detection.h).
 */
#ifndef BYLINE_INCLUDED_INDEX_STORY_CLUSTERING_H
#define BYLINE_INCLUDED_INDEX_STORY_CLUSTERING_H

#include <byline/article.h>

#include "text.h"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace byline {

/// One word of an article's or a story's vector: the low 32 bits of the stable hash of
/// its stem, and its weight.
struct StoryTerm {
    std::uint32_t term = 0;
    float weight = 0;
};

/// An article's story vector: at most story_term_count terms, sorted by term, of unit
/// length; slot_story_terms keeps it (5 bytes a term: the term and its weight to 1/255
/// of the largest).
using StoryVector = std::vector<StoryTerm>;

/// The cosine similarity from which an article reports the story a centroid stands for:
/// chosen on half of BASIL's events, alone and with bbc-news and ai-tech-articles as
/// distractors (bench/stories).
inline constexpr double story_similarity = 0.12;
/// The similarity needed when the article or the story has no date, so that no time
/// window keeps apart two events told in similar words: chosen on the IR collections
/// bench/relevance tunes on (cranfield, cisi, cacm: undated abstracts on few topics),
/// where lower values grouped distinct papers and cost relevance.
inline constexpr double story_similarity_by_text = 0.85;
/// By text alone, an article of fewer words than this joins no story: a headline
/// alone ("Algorithm 232: Heapsort") resembles too many others.
inline constexpr std::size_t story_words_by_text = 10;
/// How many days before a story's first article or after its last one an article can
/// join it.
inline constexpr int story_window_days = 3;

/// Stories kept in memory: about 900 bytes each with their postings
/// (92 MiB for 100,000 on a 200,000-article build). The least recently joined are
/// forgotten past this, so a run of any size stays within a bound.
inline constexpr std::size_t default_live_story_limit = 100'000;

/// The stories of the articles seen so far.
class StoryFinder {
  public:
    explicit StoryFinder(std::size_t live_story_limit = default_live_story_limit);

    /// Adds an index being updated: its articles' stories, which new articles can join,
    /// and its document frequencies.
    void add_stored(const Xapian::Database& db);

    /// The story vector of an article with `body`'s words; counts its words into the
    /// document frequencies. Empty for an article without words.
    [[nodiscard]] StoryVector vector_of(const Article& article, const WordSequence& body);

    /// The story for an article that copies none seen before: the closest live story's
    /// id, else `own_key` (its copy group), which starts a story. The article is
    /// remembered as a member.
    [[nodiscard]] std::string story_for(const StoryVector& vector, const std::optional<Date>& date,
                                        const std::string& own_key);
    /// The story for a copy of an article in `copy_group`: that article's.
    [[nodiscard]] std::string story_of_copy(const std::string& copy_group,
                                            const std::optional<Date>& date);

    /// What slot_story_terms holds, and back (empty for a value that holds none).
    [[nodiscard]] static std::string encode(const StoryVector& vector);
    [[nodiscard]] static StoryVector decode(std::string_view value);

  private:
    struct Story {
        std::uint64_t id = 0;
        /// Creation order: ties go to the earlier story.
        std::uint64_t order = 0;
        std::optional<std::int64_t> first_day;
        std::optional<std::int64_t> last_day;
        /// Sum of the members' vectors, sorted by term, cut to the heaviest terms.
        std::vector<StoryTerm> centroid;
        double norm = 0;
        std::uint64_t touched = 0;
        /// How many stories this place in stories_ has held: a posting of a forgotten
        /// story names an older generation.
        std::uint32_t generation = 0;
    };
    /// A story listed under a term by one of its articles, with that article's day, so
    /// that the stories of distant days are passed over without looking at them.
    struct Posting {
        std::uint32_t place = 0;
        std::uint32_t generation = 0;
        std::int32_t day = 0;
    };

    [[nodiscard]] std::uint32_t document_frequency(std::uint32_t term, const std::string& stem);
    void count_document(std::uint32_t term);
    /// Whether `posting` names the story now at its place, not a forgotten one.
    [[nodiscard]] bool is_current(const Posting& posting) const;
    [[nodiscard]] std::vector<std::uint32_t> candidates(
        const StoryVector& vector, const std::optional<std::int64_t>& day) const;
    [[nodiscard]] static bool within_window(const Story& story,
                                            const std::optional<std::int64_t>& day);
    void join(std::uint32_t place, const StoryVector& vector, const std::optional<Date>& date);
    void start(std::uint64_t id, const StoryVector& vector, const std::optional<Date>& date);
    void post(std::uint32_t place, const StoryVector& vector,
              const std::optional<std::int64_t>& day);
    /// Drops the postings of forgotten stories, so that memory stays bounded however
    /// many stories a run starts.
    void sweep_postings();
    void touch(std::uint32_t place);
    void evict_least_recent();

    std::size_t live_story_limit_;
    /// Postings kept before those of forgotten stories are swept out.
    std::size_t posting_budget_;
    Xapian::Stem stemmer_;
    /// The databases being updated, whose term frequencies add to the run's.
    std::optional<Xapian::Database> stored_;
    Xapian::doccount stored_documents_ = 0;
    /// Document frequencies of this run's words: a count-min sketch, so that the
    /// memory stays the same however many words a run meets.
    std::vector<std::uint32_t> frequencies_;
    std::uint64_t documents_ = 0;

    /// The live stories, each at a place that postings name, and the places free.
    std::vector<Story> stories_;
    std::vector<std::uint32_t> free_places_;
    /// The live stories' places by story id.
    std::unordered_map<std::uint64_t, std::uint32_t> live_;
    /// For each term, the live stories whose articles hold it heavily (latest last).
    std::unordered_map<std::uint32_t, std::vector<Posting>> postings_;
    std::size_t postings_kept_ = 0;
    std::size_t sweep_at_ = 0;
    /// The copy groups whose first article joined another story, and that story; a
    /// group missing here is a story of its own.
    std::unordered_map<std::uint64_t, std::uint64_t> joined_;
    /// Places by when their stories were last joined (stale entries are skipped): the
    /// least recently joined story is forgotten when there are too many.
    std::deque<std::pair<std::uint64_t, std::uint32_t>> touches_;
    std::uint64_t clock_ = 0;
    std::uint64_t next_order_ = 0;
};

}  // namespace byline

#endif
