/** @file
 *  @brief Copies and near-copies of an article: which earlier article's copy group a new
 *  one joins.
 *  @internal
 *
 *  A wire story run by ten sites, a press release reprinted, one text filed under two
 *  sections: each is an article of its own, and they share a copy group
 *  (slot_copy_group) and so a story, so that a search shows the text once and names
 *  where else it ran.
 *
 *  Near-copies are found by MinHash over word shingles (Broder 1997): the share of
 *  64 minimum hashes two bodies have in common estimates the resemblance (Jaccard
 *  index) of their sets of 4-word shingles, and with the sets' sizes, their
 *  containment: how much of the shorter body the longer one holds. A copy with another
 *  headline, a paragraph added or cut, another ending or a site's boilerplate around
 *  it holds most of the other's shingles; two outlets' own reports of one event share
 *  few (at most 0.37 of the shorter one between BASIL's reports of one event).
 *  Candidates come from locality-sensitive hashing (bands of 2 minima: two bodies meet
 *  in some band unless they differ widely), and each is checked on the whole signature.
 */
#ifndef BYLINE_INCLUDED_INDEX_COPY_DETECTION_H
#define BYLINE_INCLUDED_INDEX_COPY_DETECTION_H

#include "text.h"

#include <xapian.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace byline {

/// An article's MinHash signature: the low byte of the smallest of 64 hashes over its
/// body's 4-word shingles (b-bit minwise hashing, Li and König 2010: a byte a hash
/// keeps the estimate close to the full hashes' at an eighth of the room), and how many
/// distinct shingles it has.
class CopySketch {
  public:
    static constexpr std::size_t hash_count = 64;
    /// Bands of two bytes: 12 of them, 65,536 keys each.
    static constexpr std::size_t band_count = 12;
    static constexpr std::size_t band_key_count = band_count << 16U;

    /// The sketch of a body with these words; nothing for a body under
    /// min_story_words, whose copies are only the identical ones (copy_key()).
    [[nodiscard]] static std::optional<CopySketch> of(const WordSequence& body);
    /// The sketch a slot_copy_signature value holds; nothing when it holds none.
    [[nodiscard]] static std::optional<CopySketch> from_signature(std::string_view signature);

    /// What slot_copy_signature holds.
    [[nodiscard]] std::string signature() const;
    /// The keys of the LSH bands, below band_key_count (a band's number and its
    /// bytes): near-copies share at least one.
    [[nodiscard]] std::vector<std::uint32_t> band_keys() const;
    /// The estimated Jaccard resemblance of the two bodies' shingles.
    [[nodiscard]] double resemblance(const CopySketch& other) const;
    /// The estimated share of the smaller body's shingles that the other holds.
    [[nodiscard]] double containment(const CopySketch& other) const;

  private:
    std::array<std::uint8_t, hash_count> bytes_{};
    std::uint32_t shingles_ = 0;
};

/// Containment from which two bodies are one text, edited: chosen on generated edits
/// of bbc-news articles against BASIL's reports of one event (bench/copies).
inline constexpr double copy_containment = 0.6;
/// The resemblance a copy needs besides: containment is estimated from resemblance
/// and the sizes, and between a short body and a long one that magnifies the
/// estimate's error (a page of boilerplate and a few lines "held" a long article).
inline constexpr double copy_resemblance = 0.2;

/// The copy groups of the articles seen so far, by signature: a new article joins the
/// group of the earlier article it most resembles, if it is a near-copy of one, else
/// starts its own. Held in memory, about 200 bytes an article (a run over an index reads the
/// stored articles' signatures in first).
class CopyFinder {
  public:
    /// Adds the articles stored in `db`, by their slot_copy_signature and slot_copy_group.
    void add_stored(const Xapian::Database& db);

    struct Choice {
        std::string group;
        /// True when the article is a copy or near-copy of one seen before.
        bool copy = false;
    };
    /// The copy group of an article with `sketch` (none for a short body) and
    /// `own_key` (its copy_key()): an earlier near-copy's, else its own. The article
    /// is remembered under that group.
    [[nodiscard]] Choice group_for(const std::optional<CopySketch>& sketch,
                                   const std::string& own_key);

  private:
    struct Known {
        CopySketch sketch;
        std::uint64_t group = 0;
    };
    void remember(Known known);

    /// In blocks, not one array: an array that doubles as it grows holds up to twice
    /// what it needs, and this one grows with every article of a run.
    std::deque<Known> known_;
    /// For each band key, the articles (indexes into known_) that have it: the
    /// candidates an article with that key is checked against. Four bytes an article
    /// a band; made on the first article with a sketch.
    std::vector<std::vector<std::uint32_t>> bands_;
    /// The groups of short bodies seen so far, whose copies are the identical ones.
    std::unordered_set<std::uint64_t> short_groups_;
};

}  // namespace byline

#endif
