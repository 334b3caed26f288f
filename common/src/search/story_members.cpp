/** @file
 *  @brief The other articles of a story that a collapsed hit stands for: its copies,
 *  and the other outlets that reported it.
 */
#include "search/story_members.h"

#include <byline/document_data.h>
#include <byline/fields.h>

#include "schema/terms.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace byline {

std::map<Xapian::docid, StoryMembers> find_story_members(const Xapian::Database& db,
                                                         const Xapian::Query& query,
                                                         const Xapian::MSet& mset) {
    // The matcher skips matches that cannot reach the page, so its collapse counts are
    // only lower bounds. A story of two or more articles has its matching members
    // found among its documents. Each story's size is asked for by its term: a term
    // cursor would be cheaper locally, but a remote shard sends a cursor's whole prefix
    // list.
    std::map<Xapian::docid, StoryMembers> found;
    for (auto hit = mset.begin(); hit != mset.end(); ++hit) {
        const auto story = hit.get_collapse_key();
        if (story.empty()) {
            continue;
        }
        const auto term = story_term(story);
        const auto story_size = db.get_termfreq(term);
        if (story_size < 2) {
            continue;
        }
        Xapian::Enquire matching(db);
        matching.set_weighting_scheme(Xapian::BoolWeight());
        matching.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(term)));
        const auto matches = matching.get_mset(0, story_size);
        const auto hit_doc = hit.get_document();
        const auto group = hit_doc.get_value(slot_copy_group);
        // Oldest first, the story as it ran (undated articles last).
        std::vector<std::tuple<bool, std::string, Xapian::docid, bool, std::string>> members;
        for (auto it = matches.begin(); it != matches.end(); ++it) {
            if (*it == *hit) {
                continue;
            }
            const auto doc = it.get_document();
            auto date = doc.get_value(slot_date);
            members.emplace_back(date.empty(), std::move(date), *it,
                                 doc.get_value(slot_copy_group) == group,
                                 doc.get_value(slot_source));
        }
        if (members.empty()) {
            continue;
        }
        std::sort(members.begin(), members.end());
        StoryMembers story_members;
        story_members.articles = static_cast<Xapian::doccount>(members.size());
        std::set<std::string> named{hit_doc.get_value(slot_source)};
        for (const auto& [undated, date, docid, copy, source] : members) {
            if (copy) {
                ++story_members.copies;
                if (story_members.listed_copies.size() < max_listed_copies) {
                    // Only those listed are read.
                    auto article = decode_document_data(db.get_document(docid).get_data());
                    story_members.listed_copies.push_back(article_ref(std::move(article)));
                }
            } else if (!source.empty() && named.insert(source).second) {
                story_members.sources.push_back(source);
            }
        }
        found.emplace(*hit, std::move(story_members));
    }
    return found;
}

ArticleRef article_ref(Article&& article) {
    return {std::move(article.id), std::move(article.title), std::move(article.source),
            std::move(article.url), article.date};
}

bool names_story(const Xapian::Query& query) {
    return std::any_of(query.get_terms_begin(), query.get_terms_end(),
                       [](const std::string& term) { return term.starts_with(prefix::story); });
}

}  // namespace byline
