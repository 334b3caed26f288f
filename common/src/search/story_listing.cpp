/** @file
 *  @brief The stories a query's matches belong to, largest first (--stories).
 */
#include "search/story_listing.h"

#include <byline/document_data.h>
#include <byline/fields.h>

#include "schema/terms.h"
#include "search/story_members.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace byline {

namespace {

/// A story's matching articles, oldest first (undated last).
StorySummary summarise(const Xapian::Database& db, const Xapian::Query& query,
                       const std::string& story, Xapian::doccount size) {
    Xapian::Enquire members(db);
    members.set_weighting_scheme(Xapian::BoolWeight());
    members.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(story_term(story))));
    members.set_sort_by_value(slot_date, false);
    const auto mset = members.get_mset(0, size);
    StorySummary summary;
    summary.story = story;
    std::vector<std::tuple<bool, Article>> dated;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        auto article = decode_document_data(it.get_document().get_data());
        const bool undated = !article.date.has_value();
        dated.emplace_back(undated, std::move(article));
    }
    // Undated articles sort first by value; a story runs from its first dated report.
    std::stable_sort(dated.begin(), dated.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
    std::set<std::string> named;
    for (auto& [undated, article] : dated) {
        if (article.date) {
            summary.first = summary.first.value_or(*article.date);
            summary.last = *article.date;
        }
        if (summary.title.empty()) {
            summary.title = article.title;
        }
        if (!article.source.empty() && named.insert(article.source).second) {
            summary.sources.push_back(article.source);
        }
        summary.members.push_back(article_ref(std::move(article)));
    }
    return summary;
}

}  // namespace

StoriesResponse list_stories(const Xapian::Database& db, const Xapian::Query& query,
                             Xapian::doccount offset, Xapian::doccount limit) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(query);
    Xapian::ValueCountMatchSpy sizes(slot_story);
    enquire.add_matchspy(&sizes);
    enquire.get_mset(0, 0, db.get_doccount());
    std::vector<std::pair<std::string, Xapian::doccount>> stories;
    for (auto it = sizes.values_begin(); it != sizes.values_end(); ++it) {
        if (!(*it).empty()) {
            stories.emplace_back(*it, it.get_termfreq());
        }
    }
    // Largest first; ties by id, so that pages do not overlap.
    std::sort(stories.begin(), stories.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    StoriesResponse response;
    response.total_stories = static_cast<Xapian::doccount>(stories.size());
    for (auto i = static_cast<std::size_t>(offset);
         i < stories.size() && response.stories.size() < limit; ++i) {
        response.stories.push_back(summarise(db, query, stories[i].first, stories[i].second));
    }
    return response;
}

}  // namespace byline
