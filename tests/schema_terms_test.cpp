/** @file
 *  @brief Index and search spell every term alike: an article indexed by make_document()
 *  is found by a query on each field and in each date form, on the very terms it holds.
 */
#include <byline/fields.h>
#include <byline/index_writer.h>
#include <byline/searcher.h>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace byline;

namespace {

Article sample_article() {
    Article a;
    a.id = "https://news.circuitledger.example/2024/05/15/sutskever";
    a.url = a.id;
    a.title = "Sutskever leaves OpenAI";
    a.body = "The chief scientist said safety research would go on elsewhere.";
    a.source = "Circuit  Ledger";
    a.authors = {"Dana Whitfield"};
    a.tags = {"AI-Safety", "people"};
    a.date = parse_date("2024-05-15T08:30:00Z");
    a.story = "00c0ffee5afe7e11";
    return a;
}

struct IndexedArticle {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    std::set<std::string> terms;

    IndexedArticle() {
        Xapian::TermGenerator generator;
        generator.set_stemmer(Xapian::Stem(std::string(stemmer_language)));
        generator.set_stemming_strategy(term_generator_stemming);
        const auto doc = make_document(sample_article(), generator);
        terms = {doc.termlist_begin(), doc.termlist_end()};
        db.add_document(doc);
    }

    /// Whether the query finds the article.
    [[nodiscard]] bool finds(const Xapian::Query& query) const {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        return enquire.get_mset(0, 1).size() == 1;
    }
};

QueryOptions plain_options() {
    QueryOptions options;
    options.now = parse_date("2025-03-01T00:00:00Z");
    options.synonyms = false;
    return options;
}

/// Checks that `text` parses cleanly into terms the article holds, and finds it.
void check_meets(const IndexedArticle& indexed, const char* text) {
    CAPTURE(text);
    const auto parsed = parse_query(text, indexed.db, plain_options());
    CHECK_FALSE(parsed.syntax_note);
    for (auto term = parsed.query.get_unique_terms_begin();
         term != parsed.query.get_unique_terms_end(); ++term) {
        CAPTURE(*term);
        CHECK(indexed.terms.count(*term) == 1);
    }
    CHECK(indexed.finds(parsed.query));
}

}  // namespace

TEST_CASE("a query on each field meets the indexed article on its terms", "[schema]") {
    const IndexedArticle indexed;
    struct Case {
        std::string_view field;
        const char* matching;
        const char* other;
    };
    // Written as users write them: other case, spacing, forms and parent domains.
    const std::vector<Case> cases = {
        {"title", "title:Sutskever", "title:scientist"},
        {"author", "author:WHITFIELD", "author:dana2"},
        {"source", "source:\"circuit   LEDGER\"", "source:\"circuit\""},
        {"tag", "tag:ai-safety", "tag:safety"},
        {"site", "site:WWW.CircuitLedger.example", "site:ledger.example"},
        {"url", "url:http://news.circuitledger.example/2024/05/15/sutskever/",
         "url:news.circuitledger.example/2024/05/15"},
        {"story", "story:00C0FFEE5AFE7E11", "story:00c0ffee5afe7e12"},
    };
    std::set<std::string_view> covered;
    for (const auto& c : cases) {
        covered.insert(c.field);
        check_meets(indexed, c.matching);
        CAPTURE(c.other);
        CHECK_FALSE(indexed.finds(parse_query(c.other, indexed.db, plain_options()).query));
    }
    for (const auto& field : fields()) {
        CAPTURE(field.name);
        CHECK(covered.count(field.name) == 1);
    }
}

TEST_CASE("a query in each date form meets the indexed article's date", "[schema]") {
    const IndexedArticle indexed;
    const auto [matching, other] = GENERATE(table<const char*, const char*>({
        {"date:2024", "date:2023"},
        {"date:2024-05", "date:2024-06"},
        {"date:2024-05-15", "date:2024-05-16"},
        {"date:2024-05-15T08:30:00Z", "date:2024-05-15T08:31:00Z"},
        {"date:2024..2025", "date:2022..2023"},
        {"date:2024-05..", "date:2024-06.."},
        {"date:..2024-05-15", "date:..2024-05-14"},
        {"date:2024-05-15..2024-05-15", "date:2024-05-16..2024-05-17"},
        {"date:1y", "date:30d"},
        {"date:1y..6m", "date:6m.."},
    }));
    CAPTURE(other);
    check_meets(indexed, matching);
    CHECK_FALSE(indexed.finds(parse_query(other, indexed.db, plain_options()).query));
}

TEST_CASE("since and until bounds meet the indexed article's date", "[schema]") {
    const IndexedArticle indexed;
    const Date now = *parse_date("2025-03-01T00:00:00Z");
    CHECK(indexed.finds(date_filter("2024-05", "2024-05-15", now)));
    CHECK(indexed.finds(date_filter("1y", std::nullopt, now)));
    CHECK(indexed.finds(date_filter(std::nullopt, "2024", now)));
    CHECK_FALSE(indexed.finds(date_filter("2024-05-16", std::nullopt, now)));
    CHECK_FALSE(indexed.finds(date_filter(std::nullopt, "2024-05-14", now)));
}
