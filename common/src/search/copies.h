/** @file
 *  @brief Copies of a story: how many other matching articles a collapsed hit stands for.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_COPIES_H
#define BYLINE_INCLUDED_SEARCH_COPIES_H

#include <xapian.h>

#include <map>
#include <string>

namespace byline {

/// For the stories of `mset`'s hits (slot_story values) that have copies: how many
/// other articles of each match `query`.
[[nodiscard]] std::map<std::string, Xapian::doccount> count_copies(const Xapian::Database& db,
                                                                   const Xapian::Query& query,
                                                                   const Xapian::MSet& mset);

}  // namespace byline

#endif
