/** @file
 *  @brief The index-format mark: which Byline's terms an index holds.
 */
#include "schema/index_format.h"

#include <byline/error.h>
#include <byline/fields.h>

#include <fmt/format.h>

#include <string>

namespace byline {

void require_current_format(const Xapian::Database& db, const std::filesystem::path& dir) {
    if (db.get_doccount() == 0 || db.get_metadata(std::string(index_format_key)) == index_format) {
        return;
    }
    throw Error(
        fmt::format("{} was built by an earlier version of Byline, whose terms this one "
                    "does not read: delete it and index the archive again",
                    dir.string()));
}

void mark_current_format(Xapian::WritableDatabase& db) {
    if (db.get_metadata(std::string(index_format_key)) != index_format) {
        db.set_metadata(std::string(index_format_key), std::string(index_format));
    }
}

}  // namespace byline
