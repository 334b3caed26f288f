/** @file
 *  @brief Printing search results for people and for scripts.
 */
#ifndef BYLINE_INCLUDED_HIT_OUTPUT_H
#define BYLINE_INCLUDED_HIT_OUTPUT_H

#include <byline/searcher.h>

#include <ostream>

namespace byline {

/// The version of the JSON output's schema (README, "Output formats"). Adding a field
/// keeps it; changing or removing one bumps it.
inline constexpr int json_format_version = 1;

/// Hits laid out for reading: rank and title, source · date · author, URL, snippet;
/// with ANSI colour and bold highlights when `color` is set.
void print_text(std::ostream& out, const SearchResponse& response, bool color);

/// One JSON object per hit, one per line.
void print_jsonl(std::ostream& out, const SearchResponse& response);

}  // namespace byline

#endif
