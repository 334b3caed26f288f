/** @file
 *  @brief The field table: how each article field is indexed and how queries name it.
 *
 *  One table drives both the indexer's TermGenerator and the searcher's QueryParser,
 *  so the two cannot drift apart. Prefixes follow Omega's conventions
 *  (xapian-omega/docs/termprefixes.rst): single capitals are the standard ones, `X…`
 *  are Byline's own.
 */
#ifndef BYLINE_INCLUDED_FIELDS_H
#define BYLINE_INCLUDED_FIELDS_H

#include <byline/article.h>

#include <xapian.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

enum class FieldKind {
    /// Words: stemmed, with positions, searched with `name:word` or `name:"a phrase"`.
    text,
    /// Exact values used as filters (`name:value`); matched without regard to case.
    boolean,
};

struct Field {
    /// What users type before the colon in a query ("title").
    std::string_view name;
    /// The term prefix in the index ("S").
    std::string_view prefix;
    FieldKind kind;
    /// For text fields: the within-document frequency each word also adds to the
    /// unprefixed terms that plain queries search, so title words outweigh body
    /// words; 0 keeps the field out of plain queries.
    Xapian::termcount default_search_weight;
    /// The article's values for this field.
    std::vector<std::string_view> (*values)(const Article&);
    /// For boolean fields: the term a query's `name:value` looks up; null means
    /// boolean_term(prefix, value), the term the indexer writes.
    std::string (*query_term)(std::string_view prefix, std::string_view value) = nullptr;
};

/// Every field a query can name and the indexer writes, in the order of the table.
[[nodiscard]] std::span<const Field> fields();

/// Term prefixes outside the table, as Omega names them.
namespace prefix {
inline constexpr std::string_view unique_id = "Q";
inline constexpr std::string_view year = "Y";   ///< Y2024
inline constexpr std::string_view month = "M";  ///< M202405
inline constexpr std::string_view day = "D";    ///< D20240515
inline constexpr std::string_view host = "H";   ///< Hcircuitledger.example (site:)
inline constexpr std::string_view url = "U";    ///< Ucircuitledger.example/2024/05/x
/// XSTORY + the slot_story value (the story: field): a story's articles.
inline constexpr std::string_view story = "XSTORY";
/// XFILE + 16 hex digits of a hash of the absolute path of the file a document came
/// from: replaces or prunes a file's articles.
inline constexpr std::string_view file = "XFILE";
}  // namespace prefix

/// The language of the stemmer, at index and at query time alike.
inline constexpr std::string_view stemmer_language = "english";

/// How words become terms, at index and at query time alike: each word is indexed once,
/// as its English stem with positions and Omega's Z prefix ("Regulators" -> "Zregul",
/// in a title "ZSregul"), not also as written beside it (Xapian's default). Half the
/// postings make builds about a third faster and the index smaller; the price is that
/// a search cannot ask for one exact form of a word, and a wildcard matches the stems
/// that begin with what was typed ("regul*").
inline constexpr auto term_generator_stemming = Xapian::TermGenerator::STEM_ALL_Z;
inline constexpr auto query_parser_stemming = Xapian::QueryParser::STEM_ALL_Z;
/// The prefix of a stemmed term, before the field's own.
inline constexpr std::string_view stem_prefix = "Z";

/// The user-metadata entry naming how an index's terms were made; an index without it
/// (or with another) was built by an earlier Byline and must be built again.
inline constexpr std::string_view index_format_key = "byline.index_format";
inline constexpr std::string_view index_format = "4 stories timeline";
/// User-metadata keys of the per-file state: this + 16 hex digits of a hash of the
/// file's absolute path (file_state.h has the value's encoding).
inline constexpr std::string_view file_state_key_prefix = "byline.file:";

/// Within-document frequency of body words in plain queries; fields weigh against it.
inline constexpr Xapian::termcount body_weight = 1;

/// Value slots. Each comment gives the slot's encoding.
enum ValueSlot : Xapian::valueno {
    /// Publication date as Date::sortable(), "YYYYMMDDhhmmss" in UTC.
    slot_date = 0,
    /// The story the article reports, for collapsing a story's articles into one hit:
    /// 16 hex digits, the copy group (slot_copy_group) of the story's first article
    /// (index/story_clustering.h).
    slot_story = 1,
    /// The source as written in the article, for facets.
    slot_source = 2,
    /// The tags as written, joined by tag_separator, for facets.
    slot_tags = 3,
    /// The body's MinHash signature (CopySketch::signature(), 68 bytes), which later
    /// runs compare new articles with; empty for a body too short to have one.
    slot_copy_signature = 4,
    /// The article's copy group: 16 hex digits, the copy_key() of the first article
    /// read of which this one is a copy or near-copy (index/copy_detection.h), else
    /// its own.
    slot_copy_group = 5,
    /// The weighted words later runs compare new articles with to find their stories
    /// (StoryFinder::encode(), 5 bytes a word); empty for an article without words.
    slot_story_terms = 6,
    /// The publication date to its precision, in UTC: "YYYY", "YYYYMM" or "YYYYMMDD"
    /// (as the year, month and day terms have it); empty when undated. --timeline
    /// counts it with Xapian's ValueCountMatchSpy, which remote shards run too: a few
    /// thousand values, where slot_date has one per second.
    slot_day = 7,
    /// When the article first entered the index, in UTC: "YYYYMMDDhhmmssffffff" (to the
    /// microsecond). Indexing the article again keeps it, so that --new shows only
    /// articles the index did not hold before; document ids cannot tell, since shards
    /// and re-indexing reuse them.
    slot_indexed = 8,
};

/// Separates the tags in slot_tags.
inline constexpr char tag_separator = '\t';

/// Bodies of fewer words are too short to tell stories apart by: their copies must
/// have the same headline too, and near-copies are not looked for.
inline constexpr std::size_t min_story_words = 30;

/// An article's own copy key: equal for articles whose bodies have the same words in
/// the same order, whatever their case, punctuation, spacing or markup residue (for a
/// body under min_story_words, whose title and body have); empty for an article with
/// no words at all.
[[nodiscard]] std::string copy_key(const Article& article);

/// The value for slot_tags.
[[nodiscard]] std::string tags_value(const Article& article);

/// A URL as the url: filter compares it: without scheme, "www." and trailing '/'.
[[nodiscard]] std::string_view url_key(std::string_view url);

/// The host of a URL ("https://user@WWW.Example.com:8080/x" -> "Example.com"): without
/// user, port and "www.", in the case it was written; empty when the text has no
/// scheme (a path or an id, not an address). The site: terms and the source name that
/// readers give an article without one both come from it.
[[nodiscard]] std::string_view url_host(std::string_view url);

/// The boolean term for `value` under `prefix`: trimmed, runs of white space made one
/// space, lower-cased; over-long values are cut and given a hash so the term stays
/// within Xapian's limit and unique.
[[nodiscard]] std::string boolean_term(std::string_view prefix, std::string_view value);

}  // namespace byline

#endif
