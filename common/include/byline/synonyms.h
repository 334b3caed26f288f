/** @file
 *  @brief The synonym table: the shipped tech-news equivalents and users' own files.
 */
#ifndef BYLINE_INCLUDED_SYNONYMS_H
#define BYLINE_INCLUDED_SYNONYMS_H

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace byline {

/// Words and phrases that mean the same thing: "ai" and "artificial intelligence".
using SynonymGroup = std::vector<std::string>;

/// The shipped table of tech-news equivalents.
[[nodiscard]] std::vector<SynonymGroup> builtin_synonyms();

/// Reads a synonym file: one group a line, its members separated by commas; blank
/// lines and lines starting with '#' are skipped. Throws byline::Error naming the
/// file and line of a line with fewer than two members.
[[nodiscard]] std::vector<SynonymGroup> read_synonym_file(const std::filesystem::path& path);

/// Writes the groups as Xapian synonyms: each member maps to every other one, keyed
/// by its lower-cased words as the QueryParser looks them up.
void add_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups);

}  // namespace byline

#endif
