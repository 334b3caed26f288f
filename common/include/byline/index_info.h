/** @file
 *  @brief Facts about an index as a whole: size, date span, sources, last update.
 */
#ifndef BYLINE_INCLUDED_INDEX_INFO_H
#define BYLINE_INCLUDED_INDEX_INFO_H

#include <byline/date.h>

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace byline {

struct SourceCount {
    /// The source as an article of it spells it ("Circuit Ledger").
    std::string name;
    Xapian::doccount articles = 0;
};

struct IndexInfo {
    std::filesystem::path path;
    Xapian::doccount articles = 0;
    /// The earliest and latest publication dates (day precision); none when no article
    /// has a date.
    std::optional<Date> first_date;
    std::optional<Date> last_date;
    /// Every source, most articles first, then by name.
    std::vector<SourceCount> sources;
    /// Bytes the index's files take on disk.
    std::uintmax_t size_bytes = 0;
    /// When a file of the index was last written.
    std::optional<std::chrono::system_clock::time_point> last_update;
};

/// Reads the facts of the index `db` opened from `index_dir`. Cost grows with the
/// number of sources, not of articles.
[[nodiscard]] IndexInfo read_index_info(const std::filesystem::path& index_dir,
                                        const Xapian::Database& db);

}  // namespace byline

#endif
