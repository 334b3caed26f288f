/** @file
 *  @brief Printing a timeline (--timeline): bars for people, counts for scripts.
 */
#ifndef BYLINE_INCLUDED_TIMELINE_PRINTER_H
#define BYLINE_INCLUDED_TIMELINE_PRINTER_H

#include "hit_output.h"

#include <byline/timeline.h>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace byline {

/// The timeline as one JSON document (the "timeline" definition of the schema).
[[nodiscard]] nlohmann::ordered_json timeline_json(const std::string& query,
                                                   const Timeline& timeline);

/// Prints the timeline of `query` in `format` (text, json, jsonl or tsv). Text is a
/// row per period: its name, the count and a bar of Unicode blocks as long as the
/// count, scaled to `layout.width`, and the largest story of the highest periods.
void print_timeline(std::ostream& out, const std::string& query, const Timeline& timeline,
                    OutputFormat format, const TextLayout& layout);

}  // namespace byline

#endif
