/** @file
 *  @brief Turning a record of named values (a JSON object, a CSV row) into an article.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_RECORDS_H
#define BYLINE_INCLUDED_INGEST_RECORDS_H

#include "ingest/readers.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

/// A record's value: one text, or a list (a JSON array).
struct RecordValue {
    std::vector<std::string> items;
    bool is_list = false;
};

/// Looks a key up in a record (case-insensitively); nothing when it is absent or null.
using RecordLookup = std::function<std::optional<RecordValue>(std::string_view key)>;

/// The article a record holds, keys chosen by `fields` first and the common names
/// after. Reports a bad date or an empty record to `sink` and returns nothing.
std::optional<Article> article_from_record(const RecordLookup& lookup, const FieldMapping& fields,
                                           const SourceLocation& where, ArticleSink& sink);

}  // namespace byline

#endif
