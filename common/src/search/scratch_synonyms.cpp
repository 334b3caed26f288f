/** @file
 *  @brief Synonym groups given at search time, in a scratch database of their own.
 */
#include "search/scratch_synonyms.h"

#include <byline/error.h>

#include <fmt/format.h>

#include <cstdlib>
#include <string>

namespace byline {

namespace {

std::filesystem::path make_temporary_dir() {
    auto pattern = (std::filesystem::temp_directory_path() / "byline-synonyms-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw Error(fmt::format("cannot make a temporary folder for synonyms in {}",
                                std::filesystem::temp_directory_path().string()));
    }
    return pattern;
}

}  // namespace

ScratchSynonyms::ScratchSynonyms(const std::vector<SynonymGroup>& groups) {
    if (groups.empty()) {
        return;
    }
    // A scratch table, gone at exit: syncing it to disk would only make each search wait
    // on the disk (tens of milliseconds on a busy machine).
    dir_ = make_temporary_dir();
    Xapian::WritableDatabase synonym_db((dir_ / "db").string(),
                                        Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    add_synonyms(synonym_db, groups);
    synonym_db.commit();
}

ScratchSynonyms::~ScratchSynonyms() {
    if (!dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
}

Xapian::Database ScratchSynonyms::with(const Xapian::Database& index) const {
    Xapian::Database parser_db = index;
    if (!dir_.empty()) {
        parser_db.add_database(Xapian::Database((dir_ / "db").string()));
    }
    return parser_db;
}

}  // namespace byline
