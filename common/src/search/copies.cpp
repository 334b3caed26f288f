/** @file
 *  @brief Copies of a story: the other matching articles a collapsed hit stands for.
 */
#include "search/copies.h"

#include <byline/document_data.h>
#include <byline/fields.h>

#include "schema/terms.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace byline {

std::map<Xapian::docid, StoryCopies> find_copies(const Xapian::Database& db,
                                                 const Xapian::Query& query,
                                                 const Xapian::MSet& mset) {
    // The matcher skips matches that cannot reach the page, so its collapse counts are
    // only lower bounds. A story of two or more articles has its matching copies found
    // among its few documents. Each story's size is asked for by its term: a term cursor
    // would be cheaper locally, but a remote shard sends a cursor's whole prefix list.
    std::map<Xapian::docid, StoryCopies> copies;
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
        // Oldest first, the story as it ran (undated copies last); only those listed
        // are read.
        std::vector<std::tuple<bool, std::string, Xapian::docid>> by_date;
        for (auto it = matches.begin(); it != matches.end(); ++it) {
            if (*it != *hit) {
                auto date = it.get_document().get_value(slot_date);
                by_date.emplace_back(date.empty(), std::move(date), *it);
            }
        }
        if (by_date.empty()) {
            continue;
        }
        std::sort(by_date.begin(), by_date.end());
        StoryCopies found;
        found.count = static_cast<Xapian::doccount>(by_date.size());
        for (const auto& [undated, date, docid] : by_date) {
            if (found.listed.size() == max_listed_copies) {
                break;
            }
            auto article = decode_document_data(db.get_document(docid).get_data());
            found.listed.push_back({std::move(article.id), std::move(article.source),
                                    std::move(article.url), article.date});
        }
        copies.emplace(*hit, std::move(found));
    }
    return copies;
}

}  // namespace byline
