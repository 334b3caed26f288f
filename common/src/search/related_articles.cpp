/** @file
 *  @brief The articles related to one (--like): its story's, then more like it.
 */
#include "search/related_articles.h"

#include <byline/document_data.h>
#include <byline/fields.h>

#include "schema/terms.h"
#include "search/snippets.h"

#include <cctype>

namespace byline {

namespace {

/// The words of the text, as plain queries search them ("Zsafeti"), and in more than
/// one article: a word no other article holds finds nothing.
class PlainWords : public Xapian::ExpandDecider {
  public:
    explicit PlainWords(const Xapian::Database& db) : db_(db) {}
    bool operator()(const std::string& term) const override {
        return term.size() > stem_prefix.size() && term.starts_with(stem_prefix) &&
               std::isupper(static_cast<unsigned char>(term[stem_prefix.size()])) == 0 &&
               db_.get_termfreq(term) > 1;
    }

  private:
    const Xapian::Database& db_;
};

void add_hits(SearchResponse& response, const Xapian::MSet& mset, Relation relation,
              const Xapian::Query& words, std::size_t snippet_length) {
    const SnippetMaker snippets(words);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit hit;
        hit.rank = static_cast<Xapian::doccount>(response.hits.size()) + 1;
        hit.score = it.get_weight();
        hit.relation = relation;
        const auto doc = it.get_document();
        hit.article = stored_article(doc);
        if (snippet_length > 0) {
            hit.snippet = snippets.make(mset, hit.article.body, snippet_length);
        }
        hit.article.body.clear();
        response.hits.push_back(std::move(hit));
    }
}

}  // namespace

SearchResponse related_articles(const Xapian::Database& db, Xapian::docid docid,
                                Xapian::doccount offset, Xapian::doccount limit,
                                std::size_t snippet_length) {
    const auto doc = db.get_document(docid);
    const Xapian::Query itself(unique_id_term_of(doc));
    const auto story = doc.get_value(slot_story);
    const Xapian::Query story_query = story.empty() ? itself : Xapian::Query(story_term(story));

    Xapian::Enquire enquire(db);
    Xapian::RSet article;
    article.add_document(docid);
    const PlainWords plain_words(db);
    const auto eset = enquire.get_eset(related_terms, article, &plain_words);
    const Xapian::Query words(Xapian::Query::OP_OR, eset.begin(), eset.end());

    SearchResponse response;
    // The story first, as it unfolded.
    Xapian::Enquire same_story(db);
    same_story.set_weighting_scheme(Xapian::BoolWeight());
    same_story.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, story_query, itself));
    same_story.set_sort_by_value(slot_date, false);
    const auto members = same_story.get_mset(offset, limit, db.get_doccount());
    add_hits(response, members, Relation::same_story, words, snippet_length);
    const auto story_size = members.get_matches_estimated();
    response.estimated_matches = story_size;
    response.exact_matches = true;
    const auto others_limit = limit - static_cast<Xapian::doccount>(response.hits.size());
    if (others_limit > 0 && !words.empty()) {
        enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, words,
                                        Xapian::Query(Xapian::Query::OP_OR, story_query, itself)));
        enquire.set_collapse_key(slot_source, related_per_outlet);
        const auto others =
            enquire.get_mset(offset > story_size ? offset - story_size : 0, others_limit);
        add_hits(response, others, Relation::related, words, snippet_length);
        response.estimated_matches += others.get_matches_estimated();
        response.exact_matches = false;
    }
    for (auto& hit : response.hits) {
        hit.rank += offset;
    }
    return response;
}

}  // namespace byline
