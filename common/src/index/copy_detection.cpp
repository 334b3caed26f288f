/** @file
 *  @brief Copies and near-copies of an article: which earlier article's copy group a new
 *  one joins.
 */
#include "index/copy_detection.h"

#include <byline/fields.h>

#include "schema/terms.h"
#include "text.h"

#include <algorithm>
#include <limits>

namespace byline {

namespace {

constexpr std::size_t shingle_words = 4;
/// LSH bands of rows_per_band bytes each: two bodies of resemblance J meet in some band
/// with probability 1 - (1 - J^rows)^bands: 0.68 at J = 0.3 (a copy cut to a third
/// of the text) and 0.97 at 0.5. Unrelated bodies meet by chance in one band of
/// 65,536, which the check on the whole signature turns away: at a million articles, a
/// few hundred candidates an article, checked in microseconds.
constexpr std::size_t band_count = CopySketch::band_count;
constexpr std::size_t rows_per_band = 2;
static_assert(band_count * rows_per_band <= CopySketch::hash_count);
/// The signature's bytes: the minima's, then the shingle count (little-endian).
constexpr std::size_t signature_size = CopySketch::hash_count + 4;

/// splitmix64's finaliser: spreads every input bit over the output.
constexpr std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/// The 64 hash functions: multiply-shift by odd constants, fixed, so that signatures
/// written by any run compare alike.
struct HashFunctions {
    std::array<std::uint64_t, CopySketch::hash_count> multiplier{};
    std::array<std::uint64_t, CopySketch::hash_count> addend{};
};

constexpr HashFunctions make_hash_functions() {
    HashFunctions functions;
    std::uint64_t seed = 0x2545F4914F6CDD1DULL;
    for (std::size_t i = 0; i < CopySketch::hash_count; ++i) {
        seed += 0x9E3779B97F4A7C15ULL;
        functions.multiplier[i] = mix(seed) | 1U;
        seed += 0x9E3779B97F4A7C15ULL;
        functions.addend[i] = mix(seed);
    }
    return functions;
}

constexpr HashFunctions hash_functions = make_hash_functions();

}  // namespace

std::optional<CopySketch> CopySketch::of(const WordSequence& words) {
    if (words.count < min_story_words) {
        return std::nullopt;
    }
    std::vector<std::uint64_t> word_hashes;
    std::vector<std::uint64_t> shingles;
    word_hashes.reserve(words.count);
    std::string_view rest = words.text;
    while (!rest.empty()) {
        const auto end = std::min(rest.find(' '), rest.size());
        word_hashes.push_back(stable_hash(rest.substr(0, end)));
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    std::array<std::uint32_t, hash_count> minima;
    minima.fill(std::numeric_limits<std::uint32_t>::max());
    for (std::size_t at = 0; at + shingle_words <= word_hashes.size(); ++at) {
        std::uint64_t shingle = 0;
        for (std::size_t i = 0; i < shingle_words; ++i) {
            shingle = mix(shingle ^ word_hashes[at + i]);
        }
        shingles.push_back(shingle);
    }
    std::sort(shingles.begin(), shingles.end());
    shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
    for (const auto shingle : shingles) {
        for (std::size_t i = 0; i < hash_count; ++i) {
            const auto hash = static_cast<std::uint32_t>(
                (shingle * hash_functions.multiplier[i] + hash_functions.addend[i]) >> 32);
            minima[i] = std::min(minima[i], hash);
        }
    }
    CopySketch sketch;
    for (std::size_t i = 0; i < hash_count; ++i) {
        sketch.bytes_[i] = static_cast<std::uint8_t>(minima[i] & 0xFF);
    }
    sketch.shingles_ = static_cast<std::uint32_t>(shingles.size());
    return sketch;
}

std::optional<CopySketch> CopySketch::from_signature(std::string_view signature) {
    if (signature.size() != signature_size) {
        return std::nullopt;
    }
    CopySketch sketch;
    std::copy_n(signature.begin(), hash_count, sketch.bytes_.begin());
    for (std::size_t i = 0; i < 4; ++i) {
        sketch.shingles_ |=
            static_cast<std::uint32_t>(static_cast<unsigned char>(signature[hash_count + i]))
            << (8 * i);
    }
    return sketch;
}

std::string CopySketch::signature() const {
    std::string signature(bytes_.begin(), bytes_.end());
    for (std::size_t i = 0; i < 4; ++i) {
        signature += static_cast<char>((shingles_ >> (8 * i)) & 0xFF);
    }
    return signature;
}

std::vector<std::uint32_t> CopySketch::band_keys() const {
    std::vector<std::uint32_t> keys;
    keys.reserve(band_count);
    for (std::size_t band = 0; band < band_count; ++band) {
        auto key = static_cast<std::uint32_t>(band);
        for (std::size_t row = 0; row < rows_per_band; ++row) {
            key = (key << 8U) | bytes_[band * rows_per_band + row];
        }
        keys.push_back(key);
    }
    return keys;
}

double CopySketch::resemblance(const CopySketch& other) const {
    std::size_t same = 0;
    for (std::size_t i = 0; i < hash_count; ++i) {
        same += bytes_[i] == other.bytes_[i] ? 1U : 0U;
    }
    // Two different minima still agree in their low byte one time in 256.
    constexpr double chance = 1.0 / 256;
    const double agreeing = static_cast<double>(same) / hash_count;
    return std::max(0.0, (agreeing - chance) / (1 - chance));
}

double CopySketch::containment(const CopySketch& other) const {
    // |A ∩ B| = J (|A| + |B|) / (1 + J), over the smaller set.
    const double smaller = std::min(shingles_, other.shingles_);
    if (smaller == 0) {
        return 0;
    }
    const auto jaccard = resemblance(other);
    const double both = static_cast<double>(shingles_) + other.shingles_;
    return std::min(1.0, jaccard * both / (1 + jaccard) / smaller);
}

void CopyFinder::add_stored(const Xapian::Database& db) {
    auto signature = db.valuestream_begin(slot_copy_signature);
    const auto signatures_end = db.valuestream_end(slot_copy_signature);
    for (auto group = db.valuestream_begin(slot_copy_group);
         group != db.valuestream_end(slot_copy_group); ++group) {
        if (signature != signatures_end) {
            signature.skip_to(group.get_docid());
        }
        const auto sketch =
            signature != signatures_end && signature.get_docid() == group.get_docid()
                ? CopySketch::from_signature(*signature)
                : std::nullopt;
        if (sketch) {
            remember({*sketch, hash_from_hex(*group)});
        } else {
            short_groups_.insert(hash_from_hex(*group));
        }
    }
}

CopyFinder::Choice CopyFinder::group_for(const std::optional<CopySketch>& sketch,
                                         const std::string& own_key) {
    if (!sketch) {
        const bool copy = !own_key.empty() && !short_groups_.insert(hash_from_hex(own_key)).second;
        return {own_key, copy};
    }
    std::optional<std::uint32_t> best;
    double best_containment = 0;
    for (const auto key : bands_.empty() ? std::vector<std::uint32_t>() : sketch->band_keys()) {
        for (const auto entry : bands_[key]) {
            const auto& candidate = known_[entry];
            const auto containment = sketch->containment(candidate.sketch);
            if (containment < copy_containment || containment < best_containment ||
                sketch->resemblance(candidate.sketch) < copy_resemblance) {
                continue;
            }
            // Ties go to the earliest article, so that stories do not depend on the
            // order the bands are looked at in.
            if (!best || containment > best_containment || entry < *best) {
                best = entry;
                best_containment = containment;
            }
        }
    }
    if (!best) {
        remember({*sketch, hash_from_hex(own_key)});
        return {own_key, false};
    }
    const auto group = known_[*best].group;
    remember({*sketch, group});
    return {hex_hash(group), true};
}

void CopyFinder::remember(Known known) {
    if (bands_.empty()) {
        bands_.resize(CopySketch::band_key_count);
    }
    const auto entry = static_cast<std::uint32_t>(known_.size());
    for (const auto key : known.sketch.band_keys()) {
        bands_[key].push_back(entry);
    }
    known_.push_back(known);
}

}  // namespace byline
