/** @file
 *  @brief How each term outside the field table is spelt: ids, dates and stories. The
 *  indexer writes them and the searcher looks them up through these functions alone,
 *  so the two cannot spell one differently.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SCHEMA_TERMS_H
#define BYLINE_INCLUDED_SCHEMA_TERMS_H

#include <byline/article.h>
#include <byline/date.h>

#include "text.h"

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace byline {

/// The Q term: the id exactly as given (ids are case-sensitive, unlike filters), with a
/// hash in place of the tail of ids too long for a Xapian term.
[[nodiscard]] std::string unique_id_term(std::string_view id);

/// The document's Q term, which names it alone; empty when it has none.
[[nodiscard]] std::string unique_id_term_of(const Xapian::Document& doc);

/// The date's term at `precision`, which must not be finer than the date's own:
/// "Y2024", "M202405" or "D20240515" (a second's precision gives the day's term).
[[nodiscard]] std::string date_term(const Date& date, DatePrecision precision);

/// The date a slot_date value holds (Date::sortable(), "YYYYMMDDhhmmss"), to the day;
/// nothing when the value is too short to be one.
[[nodiscard]] std::optional<Date> date_from_slot(std::string_view value);

/// The date's slot_day value: its digits to its precision, at most the day's ("2024",
/// "202405", "20240515"), as date_term() has them.
[[nodiscard]] std::string day_value(const Date& date);

/// copy_key() from the body's words, for a caller that has them already.
[[nodiscard]] std::string copy_key(const Article& article, const WordSequence& body);

/// The term of a story (slot_story's value): "XSTORY" + its id.
[[nodiscard]] std::string story_term(std::string_view story);

/// 16 lower-case hex digits, the spelling of every hash in a term or a metadata entry.
[[nodiscard]] std::string hex_hash(std::uint64_t hash);
/// The hash hex_hash() spelt (0 for text that is not hex).
[[nodiscard]] std::uint64_t hash_from_hex(std::string_view hex);

}  // namespace byline

#endif
