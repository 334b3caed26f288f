/** @file
 *  @brief The other articles of a story that a collapsed hit stands for: its copies,
 *  and the other outlets that reported it.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_STORY_MEMBERS_H
#define BYLINE_INCLUDED_SEARCH_STORY_MEMBERS_H

#include <byline/search_results.h>

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace byline {

/// The other articles of a hit's story that match the query.
struct StoryMembers {
    /// How many there are.
    Xapian::doccount articles = 0;
    /// Those in the hit's copy group: their number, and the first max_listed_copies,
    /// oldest first.
    Xapian::doccount copies = 0;
    std::vector<ArticleRef> listed_copies;
    /// The outlets of the others, other than the hit's own, by their first report.
    std::vector<std::string> sources;
};

/// For each hit of `mset` (collapsed on slot_story) whose story has other articles
/// matching `query`: those articles, by the hit's docid. `remote`: some shard of `db`
/// is remote.
[[nodiscard]] std::map<Xapian::docid, StoryMembers> find_story_members(const Xapian::Database& db,
                                                                       const Xapian::Query& query,
                                                                       const Xapian::MSet& mset,
                                                                       bool remote);

/// The article as a hit or a story lists another.
[[nodiscard]] ArticleRef article_ref(Article&& article);

/// True when the query names a story (story:ID): its articles are what is asked for.
[[nodiscard]] bool names_story(const Xapian::Query& query);

}  // namespace byline

#endif
