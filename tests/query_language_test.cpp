/** @file
 *  @brief The query language beyond words: NEAR, wildcards, site:/url:, date: ranges,
 *  synonyms, OR topics, against Query::get_description().
 */
#include <byline/date_range.h>
#include <byline/searcher.h>

#include "test_support.h"

#include <catch2/catch.hpp>

using namespace byline;

namespace {

/// A fixed "now" so that relative dates give the same answer every day.
Date fixed_now() {
    return *parse_date("2025-03-31T12:00:00Z");
}

QueryOptions options_at_fixed_now() {
    QueryOptions options;
    options.now = fixed_now();
    return options;
}

}  // namespace

TEST_CASE("every query form parses to the expected Xapian query", "[query]") {
    const Xapian::Database no_index;
    const auto [text, description] = GENERATE(table<const char*, const char*>({
        {"openai NEAR safety", "Query((Zopenai@1 NEAR 11 Zsafeti@2))"},
        {"openai NEAR/3 safety", "Query((Zopenai@1 NEAR 4 Zsafeti@2))"},
        {"openai* board", "Query((WILDCARD SYNONYM Zopenai AND Zboard@2))"},
        {"site:circuitledger.example", "Query(0 * Hcircuitledger.example)"},
        {"altman site:WWW.CircuitLedger.example",
         "Query((Zaltman@1 FILTER Hcircuitledger.example))"},
        {"url:circuitledger.example", "Query(0 * Hcircuitledger.example)"},
        {"url:https://circuitledger.example/2024/05/15/x/",
         "Query(0 * Ucircuitledger.example/2024/05/15/x)"},
        {"date:2024", "Query(0 * Y2024)"},
        {"date:2024-05 openai", "Query((Zopenai@1 FILTER M202405))"},
        {"date:2024-05-01", "Query(0 * D20240501)"},
        {"date:2024-05-01..2024-05-31", "Query(VALUE_RANGE 0 20240501 20240531~)"},
        {"date:2023..2024-02", "Query(VALUE_RANGE 0 2023 202402~)"},
        {"date:..2023", "Query(VALUE_LE 0 2023~)"},
        {"date:2024-03..", "Query(VALUE_GE 0 202403)"},
        {"date:30d..", "Query(VALUE_GE 0 20250301120000)"},
        {"date:30d", "Query(VALUE_GE 0 20250301120000)"},
        {"date:1y..6m", "Query(VALUE_RANGE 0 20240331120000 20240930120000~)"},
        {"openai date:2023 date:2025", "Query((Zopenai@1 FILTER (Y2023 OR Y2025)))"},
        {"openai date:2023 site:a.example", "Query((Zopenai@1 FILTER (Y2023 AND Ha.example)))"},
    }));
    CAPTURE(text);
    const auto parsed = parse_query(text, no_index, options_at_fixed_now());
    CHECK(parsed.query.get_description() == description);
    CHECK_FALSE(parsed.syntax_note);
}

TEST_CASE("a date that is not a date is left out with a note", "[query]") {
    const Xapian::Database no_index;
    for (const auto* text : {"openai date:yesterday", "openai date:2024-13..2025"}) {
        CAPTURE(text);
        const auto parsed = parse_query(text, no_index, options_at_fixed_now());
        CHECK(parsed.query.get_description().find("Zopenai@1") != std::string::npos);
        REQUIRE(parsed.syntax_note);
        CHECK(parsed.syntax_note->find("date:") != std::string::npos);
    }
}

TEST_CASE("OR topics and plain-word reading change how words combine", "[query]") {
    const Xapian::Database no_index;
    QueryOptions topic;
    topic.default_op = Xapian::Query::OP_OR;
    topic.syntax = false;
    CHECK(
        parse_query("heat transfer AND -flow \"slab\"", no_index, topic).query.get_description() ==
        "Query((Zheat@1 OR Ztransfer@2 OR Zflow@4 OR Zslab@5))");
    QueryOptions any;
    any.default_op = Xapian::Query::OP_OR;
    CHECK(parse_query("openai anthropic", no_index, any).query.get_description() ==
          "Query((Zopenai@1 OR Zanthrop@2))");
}

TEST_CASE("the positive words are kept as stems for phrase and proximity lifts", "[query]") {
    const Xapian::Database no_index;
    const auto parsed = parse_query("Sutskever safety of models -altman source:x", no_index,
                                    options_at_fixed_now());
    CHECK(parsed.words == std::vector<std::string>{"Zsutskev", "Zsafeti", "Zmodel"});
}

TEST_CASE("synonyms from the table expand in both directions", "[query]") {
    test::TempDir dir;
    {
        Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
        add_synonyms(db, {{"ai", "artificial intelligence"}, {"eu", "european union"}});
        db.commit();
    }
    const Xapian::Database db((dir.path() / "db").string());
    const auto [text, description] = GENERATE(table<const char*, const char*>({
        {"artificial intelligence safety",
         "Query((((Zartifici@1 AND Zintellig@2) SYNONYM Zai) AND Zsafeti@3))"},
        {"AI safety", "Query(((Zai@1 SYNONYM (Zartifici PHRASE 2 Zintellig)) AND Zsafeti@2))"},
        {"EU act", "Query(((Zeu@1 SYNONYM (Zeuropean PHRASE 2 Zunion)) AND Zact@2))"},
        {"source:\"artificial intelligence\"", "Query(0 * XSOURCEartificial intelligence)"},
    }));
    CAPTURE(text);
    CHECK(parse_query(text, db).query.get_description() == description);
}

TEST_CASE("the built-in synonym table pairs abbreviations with their long forms", "[query]") {
    const auto groups = builtin_synonyms();
    const auto has = [&](const SynonymGroup& wanted) {
        return std::find(groups.begin(), groups.end(), wanted) != groups.end();
    };
    CHECK(has({"ai", "artificial intelligence"}));
    CHECK(has({"llm", "large language model"}));
    CHECK(has({"eu", "european union"}));
}

TEST_CASE("a synonym file is read a group a line and bad lines are named", "[query]") {
    test::TempDir dir;
    const auto good =
        dir.write("good.txt", "# mine\nSoC, System on  Chip\n\nfab, foundry, chip plant\n");
    CHECK(read_synonym_file(good) ==
          std::vector<SynonymGroup>{{"soc", "system on chip"}, {"fab", "foundry", "chip plant"}});
    const auto bad = dir.write("bad.txt", "soc, system on chip\nlonely\n");
    CHECK_THROWS_WITH(read_synonym_file(bad), Catch::Contains("bad.txt:2:"));
}

TEST_CASE("date ranges cover whole years months and days", "[query]") {
    const auto now = fixed_now();
    CHECK(parse_date_range("2024", now) == DateRange{"2024", "2024~"});
    CHECK(parse_date_range("2024-02..2024-03-15", now) == DateRange{"202402", "20240315~"});
    CHECK(parse_date_range("..2023", now) == DateRange{std::nullopt, "2023~"});
    CHECK(parse_date_range("2025..2024", now) == std::nullopt);
    CHECK(parse_date_range("soon..2024", now) == std::nullopt);
    // The last second of a month is inside it; the first of the next is not.
    const auto may = *parse_date_range("2024-05", now);
    CHECK(*may.from <= "20240531235959");
    CHECK("20240531235959" <= *may.to);
    CHECK("20240601000000" > *may.to);
}

TEST_CASE("relative dates count back from the given now", "[query]") {
    const auto now = fixed_now();  // 2025-03-31
    const auto iso = [&](const char* text) { return parse_query_date(text, now)->iso(); };
    CHECK(iso("30d") == "2025-03-01T12:00:00Z");
    CHECK(iso("2w") == "2025-03-17T12:00:00Z");
    CHECK(iso("1m") == "2025-02-28T12:00:00Z");  // No 31 February: its month's last day.
    CHECK(iso("1y") == "2024-03-31T12:00:00Z");
    CHECK_FALSE(parse_query_date("3x", now));
    CHECK_FALSE(parse_query_date("d", now));
}
