/** @file
 *  @brief Articles new since a time (byline-search --new).
 */
#include <byline/new_since.h>

#include <byline/error.h>
#include <byline/fields.h>

#include "schema/indexed_time.h"

#include <fmt/format.h>

namespace byline {

std::optional<std::string> newest_indexed_time(const Xapian::Database& db) {
    return indexed_time_iso(db.get_value_upper_bound(slot_indexed));
}

bool is_indexed_time(std::string_view time) {
    return indexed_time_from_iso(time).has_value();
}

Xapian::Query indexed_after(std::string_view time) {
    const auto value = indexed_time_from_iso(time);
    if (!value) {
        throw Error(fmt::format("'{}' is not a time an article entered the index", time));
    }
    // After, not at: the least string above `value` is `value` and a NUL byte.
    return {Xapian::Query::OP_VALUE_GE, slot_indexed, *value + '\0'};
}

}  // namespace byline
