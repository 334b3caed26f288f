/** @file
 *  @brief The other articles of a story that a collapsed hit stands for: its copies,
 *  and the other outlets that reported it.
 */
#include "search/story_members.h"

#include <byline/document_data.h>
#include <byline/fields.h>

#include "schema/terms.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace byline {

namespace {

/// An article of one of the page's stories that matches the query, as the grouping
/// needs it.
struct Member {
    Xapian::docid docid;
    std::string story;
    std::string date;
    std::string copy_group;
    std::string source;
};

Member member_of(Xapian::docid docid, const Xapian::Document& doc) {
    return {docid, doc.get_value(slot_story), doc.get_value(slot_date),
            doc.get_value(slot_copy_group), doc.get_value(slot_source)};
}

/// The articles of the stories `story_terms` name that match `query`; there are at most
/// `at_most`.
std::vector<Member> matching_members(const Xapian::Database& db, const Xapian::Query& query,
                                     const std::vector<std::string>& story_terms,
                                     Xapian::doccount at_most, bool remote) {
    Xapian::Enquire matching(db);
    matching.set_weighting_scheme(Xapian::BoolWeight());
    matching.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query,
                      Xapian::Query(Xapian::Query::OP_OR, story_terms.begin(), story_terms.end())));
    const auto matches = matching.get_mset(0, at_most);
    std::vector<Member> members;
    members.reserve(matches.size());
    if (remote) {
        // A remote shard sends a value stream from its start (0.7 s to reach the end
        // of 30,000 articles' dates): there each value is asked for.
        for (auto it = matches.begin(); it != matches.end(); ++it) {
            members.push_back(member_of(*it, it.get_document()));
        }
        return members;
    }
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        members.push_back({*it, {}, {}, {}, {}});
    }
    // Each slot read as a stream in docid order, where a document's get_value looks each
    // value up in the B-tree through one cursor that the slots take turns to move: for
    // a page of stories those lookups were two thirds of a search's block reads.
    std::sort(members.begin(), members.end(),
              [](const Member& a, const Member& b) { return a.docid < b.docid; });
    constexpr std::array<std::pair<Xapian::valueno, std::string Member::*>, 4> fields = {
        {{slot_story, &Member::story},
         {slot_date, &Member::date},
         {slot_copy_group, &Member::copy_group},
         {slot_source, &Member::source}}};
    for (const auto& [slot, field] : fields) {
        auto value = db.valuestream_begin(slot);
        const auto end = db.valuestream_end(slot);
        for (auto& member : members) {
            value.skip_to(member.docid);
            if (value == end) {
                break;
            }
            if (value.get_docid() == member.docid) {
                member.*field = *value;
            }
        }
    }
    return members;
}

}  // namespace

std::map<Xapian::docid, StoryMembers> find_story_members(const Xapian::Database& db,
                                                         const Xapian::Query& query,
                                                         const Xapian::MSet& mset, bool remote) {
    // The matcher skips matches that cannot reach the page, so its collapse counts are
    // only lower bounds. The matching members of the page's stories of two or more
    // articles are found in one pass. Each story's size is asked for by its term: a
    // term cursor would be cheaper locally, but a remote shard sends a cursor's whole
    // prefix list.
    std::set<std::string> stories;
    std::vector<std::string> story_terms;
    Xapian::doccount story_articles = 0;
    for (auto hit = mset.begin(); hit != mset.end(); ++hit) {
        auto story = hit.get_collapse_key();
        if (story.empty()) {
            continue;
        }
        auto term = story_term(story);
        const auto story_size = db.get_termfreq(term);
        if (story_size >= 2) {
            stories.insert(std::move(story));
            story_terms.push_back(std::move(term));
            story_articles += story_size;
        }
    }
    if (story_terms.empty()) {
        return {};
    }
    auto members = matching_members(db, query, story_terms, story_articles, remote);
    // Oldest first, the story as it ran (undated articles last).
    std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
        return std::forward_as_tuple(a.date.empty(), a.date, a.docid) <
               std::forward_as_tuple(b.date.empty(), b.date, b.docid);
    });
    std::map<Xapian::docid, StoryMembers> found;
    for (auto hit = mset.begin(); hit != mset.end(); ++hit) {
        const auto story = hit.get_collapse_key();
        if (!stories.contains(story)) {
            continue;
        }
        const auto self = std::find_if(members.begin(), members.end(),
                                       [&](const Member& m) { return m.docid == *hit; });
        const auto own = self != members.end() ? *self : member_of(*hit, hit.get_document());
        StoryMembers story_members;
        std::set<std::string> named{own.source};
        for (const auto& member : members) {
            if (member.story != story || member.docid == *hit) {
                continue;
            }
            ++story_members.articles;
            if (member.copy_group == own.copy_group) {
                ++story_members.copies;
                if (story_members.listed_copies.size() < max_listed_copies) {
                    // Only those listed are read.
                    auto article = decode_document_data(db.get_document(member.docid).get_data());
                    story_members.listed_copies.push_back(article_ref(std::move(article)));
                }
            } else if (!member.source.empty() && named.insert(member.source).second) {
                story_members.sources.push_back(member.source);
            }
        }
        if (story_members.articles > 0) {
            found.emplace(*hit, std::move(story_members));
        }
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
