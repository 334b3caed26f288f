/** @file
 *  @brief Facts about an index as a whole: size, date span, sources, last update.
 */
#include <byline/index_info.h>

#include <byline/document_data.h>
#include <byline/fields.h>

#include "schema/terms.h"

#include <algorithm>

namespace byline {

namespace {

std::string_view source_prefix() {
    for (const auto& field : fields()) {
        if (field.name == "source") {
            return field.prefix;
        }
    }
    return {};
}

/// Sources as their articles spell them: the boolean terms are lower-cased, so the
/// name comes from the first article holding the term.
std::vector<SourceCount> read_sources(const Xapian::Database& db) {
    std::vector<SourceCount> sources;
    const std::string prefix(source_prefix());
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        SourceCount source;
        source.articles = term.get_termfreq();
        const auto posting = db.postlist_begin(*term);
        if (posting != db.postlist_end(*term)) {
            source.name = decode_document_data(db.get_document(*posting).get_data()).source;
        }
        if (source.name.empty()) {
            source.name = (*term).substr(prefix.size());
        }
        sources.push_back(std::move(source));
    }
    std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) {
        return a.articles != b.articles ? a.articles > b.articles : a.name < b.name;
    });
    return sources;
}

}  // namespace

IndexInfo read_index_info(const std::filesystem::path& index_dir, const Xapian::Database& db) {
    IndexInfo info;
    info.path = index_dir;
    info.articles = db.get_doccount();
    if (info.articles > 0) {
        info.first_date = date_from_slot(db.get_value_lower_bound(slot_date));
        info.last_date = date_from_slot(db.get_value_upper_bound(slot_date));
    }
    info.sources = read_sources(db);
    std::error_code error;
    // The stub, the generations below it, and the shards of a sharded index. An indexer
    // may remove a generation meanwhile: stop counting rather than fail.
    std::filesystem::recursive_directory_iterator it(index_dir, error);
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        const auto& entry = *it;
        std::error_code entry_error;
        if (!entry.is_regular_file(entry_error)) {
            continue;
        }
        if (const auto size = entry.file_size(entry_error); !entry_error) {
            info.size_bytes += size;
        }
        if (const auto written = entry.last_write_time(entry_error); !entry_error) {
            const auto time = std::chrono::file_clock::to_sys(written);
            if (!info.last_update || time > *info.last_update) {
                info.last_update = time;
            }
        }
    }
    return info;
}

}  // namespace byline
