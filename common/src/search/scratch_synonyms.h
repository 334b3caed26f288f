/** @file
 *  @brief Synonym groups given at search time, in a scratch database of their own.
 *  @internal
 *
 *  Xapian reads synonyms only from a database: extra groups live in a small one made
 *  for the searcher, which the query parser reads beside the index. Searches without
 *  extra groups (the usual case) make none, and start faster.
 */
#ifndef BYLINE_INCLUDED_SEARCH_SCRATCH_SYNONYMS_H
#define BYLINE_INCLUDED_SEARCH_SCRATCH_SYNONYMS_H

#include <byline/synonyms.h>

#include <xapian.h>

#include <filesystem>
#include <vector>

namespace byline {

class ScratchSynonyms {
  public:
    /// Writes `groups` (none: makes nothing) into a temporary folder, removed with this.
    explicit ScratchSynonyms(const std::vector<SynonymGroup>& groups);
    ~ScratchSynonyms();
    ScratchSynonyms(const ScratchSynonyms&) = delete;
    ScratchSynonyms& operator=(const ScratchSynonyms&) = delete;

    /// What the query parser reads: `index`, with the scratch database beside it.
    [[nodiscard]] Xapian::Database with(const Xapian::Database& index) const;

  private:
    std::filesystem::path dir_;
};

}  // namespace byline

#endif
