/** @file
 *  @brief The field table, and the terms and values an article is indexed under.
 */
#include <byline/fields.h>
#include <byline/index_writer.h>

#include "index_command.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace byline;

namespace {

std::set<std::string> terms_of(const Xapian::Document& doc) {
    return {doc.termlist_begin(), doc.termlist_end()};
}

Article sample_article() {
    Article a;
    a.id = "https://circuitledger.example/2024/05/15/sutskever";
    a.title = "Sutskever leaves";
    a.body = "Safety and speed.";
    a.source = "Circuit  Ledger";
    a.authors = {"Dana Whitfield"};
    a.url = a.id;
    a.tags = {"AI-Safety", "people"};
    a.date = parse_date("2024-05-15T08:30:00Z");
    return a;
}

}  // namespace

TEST_CASE("field names and prefixes are unique and follow Omega's conventions") {
    std::set<std::string_view> names;
    std::set<std::string_view> prefixes;
    for (const auto& field : fields()) {
        CHECK(names.insert(field.name).second);
        CHECK(prefixes.insert(field.prefix).second);
        const bool omega_standard =
            field.prefix.size() == 1 && field.prefix[0] >= 'A' && field.prefix[0] <= 'Z';
        const bool user_defined = field.prefix.size() > 1 && field.prefix[0] == 'X';
        CHECK((omega_standard || user_defined));
    }
    CHECK(names.count("title") == 1);
    CHECK(names.count("author") == 1);
    CHECK(names.count("source") == 1);
    CHECK(names.count("tag") == 1);
}

TEST_CASE("an article is indexed under every field of the table") {
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    generator.set_stemming_strategy(term_generator_stemming);
    const auto doc = make_document(sample_article(), generator);
    const auto terms = terms_of(doc);
    for (const auto* expected :
         {"ZSsutskev", "ZSleav", "Zsutskev", "Zleav", "Zsafeti", "Zspeed", "ZAdana", "ZAwhitfield",
          "XSOURCEcircuit ledger", "Kai-safety", "Kpeople",
          "Qhttps://circuitledger.example/2024/05/15/sutskever", "Y2024", "M202405", "D20240515"}) {
        CAPTURE(expected);
        CHECK(terms.count(expected) == 1);
    }
    CHECK(doc.get_value(slot_date) == "20240515083000");
}

TEST_CASE("byline-index writes stems only, under the field table's prefixes", "[index]") {
    // Through the real indexer, not make_document() alone: what a search looks up is
    // what the index on disk holds.
    byline::test::TempDir dir;
    dir.write(
        "news/ferry.txt",
        "Title: Harbours retire their diesel ferries\n"
        "Date: 2024-03-09\n"
        "Source: Coastal  Courier\n"
        "Author: Imogen Marsh\n"
        "URL: https://coastalcourier.example/ferries\n"
        "Tags: Shipping, electric boats\n\n"
        "Electric ferries charging at the quay replaced the diesel boats on every crossing.\n");
    const auto db = (dir.path() / "index").string();
    const auto indexed = byline::test::run_index({"--db", db, (dir.path() / "news").string()});
    REQUIRE(indexed.status == byline::index_all_indexed);
    const Xapian::Database index(db);
    REQUIRE(index.get_doccount() == 1);
    const std::set<std::string> terms(index.termlist_begin(1), index.termlist_end(1));

    for (const auto* expected :
         {"ZSharbour", "ZSretir", "ZSdiesel", "ZSferri", "Zferri", "Zcharg", "Zquay", "Zcross",
          "ZAimogen", "ZAmarsh", "XSOURCEcoastal courier", "Kshipping", "Kelectric boats",
          "Hcoastalcourier.example", "Qhttps://coastalcourier.example/ferries", "Y2024", "M202403",
          "D20240309"}) {
        CAPTURE(expected);
        CHECK(terms.count(expected) == 1);
    }
    // Stems only: no word is also indexed as written, with or without a field prefix.
    for (const auto* unstemmed : {"ferries", "Sferries", "harbours", "charging", "crossing",
                                  "Aimogen", "diesel", "Sdiesel"}) {
        CAPTURE(unstemmed);
        CHECK(terms.count(unstemmed) == 0);
    }
    // Every term is a stem (Z…) or a boolean term of a known prefix; a word as written
    // starts with a lower-case letter, which no prefix does.
    std::vector<std::string> boolean_prefixes = {
        std::string(byline::prefix::unique_id), std::string(byline::prefix::year),
        std::string(byline::prefix::month),     std::string(byline::prefix::day),
        std::string(byline::prefix::story),     std::string(byline::prefix::file)};
    for (const auto& field : fields()) {
        if (field.kind == FieldKind::boolean) {
            boolean_prefixes.emplace_back(field.prefix);
        }
    }
    for (const auto& term : terms) {
        CAPTURE(term);
        const bool stem = term.starts_with(byline::stem_prefix);
        const bool boolean = std::any_of(boolean_prefixes.begin(), boolean_prefixes.end(),
                                         [&](const std::string& p) { return term.starts_with(p); });
        CHECK((stem || boolean));
    }
}

TEST_CASE("title words weigh more than body words in plain queries") {
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    auto article = sample_article();
    article.title = "rocket";
    article.body = "engine";
    const auto doc = make_document(article, generator);
    auto wdf = [&](const std::string& term) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        REQUIRE(it != doc.termlist_end());
        REQUIRE(*it == term);
        return it.get_wdf();
    };
    CHECK(wdf("rocket") > wdf("engine"));
}

TEST_CASE("year-only dates give only a year term") {
    Xapian::TermGenerator generator;
    auto article = sample_article();
    article.date = parse_date("2020");
    const auto terms = terms_of(make_document(article, generator));
    CHECK(terms.count("Y2020") == 1);
    CHECK(std::none_of(terms.begin(), terms.end(),
                       [](const std::string& t) { return t[0] == 'M' || t[0] == 'D'; }));
}

TEST_CASE("boolean terms are normalised and stay within Xapian's term limit") {
    CHECK(boolean_term("K", "  AI   Safety ") == "Kai safety");
    // Lower-cased beyond ASCII too.
    CHECK(boolean_term("XSOURCE", "Les ÉCHOS Ökonomie") == "XSOURCEles échos ökonomie");
    const auto long_term = boolean_term("XSOURCE", std::string(500, 'x'));
    CHECK(long_term.size() <= 245);
    CHECK(long_term != boolean_term("XSOURCE", std::string(499, 'x')));
}
