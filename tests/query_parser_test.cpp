/** @file
 *  @brief Query text against Query::get_description(), as Xapian's own tests do.
 */
#include <byline/searcher.h>

#include <catch2/catch.hpp>

using byline::parse_query;

TEST_CASE("query forms parse to the expected Xapian queries") {
    const Xapian::Database no_index;
    const auto [text, description] = GENERATE(table<const char*, const char*>({
        {"sutskever", "Query(Zsutskev@1)"},
        {"Sutskever safety", "Query((Zsutskev@1 AND Zsafeti@2))"},
        {"safety of the models", "Query((Zsafeti@1 AND Zmodel@4))"},
        {"\"chief scientist\"", "Query((Zchief@1 PHRASE 2 Zscientist@2))"},
        {"openai OR anthropic", "Query((Zopenai@1 OR Zanthrop@2))"},
        {"openai NOT altman", "Query((Zopenai@1 AND_NOT Zaltman@2))"},
        {"openai -altman", "Query((Zopenai@1 AND_NOT Zaltman@2))"},
        {"+openai board", "Query((Zopenai@1 AND Zboard@2))"},
        {"(llama OR mistral) AND benchmark", "Query(((Zllama@1 OR Zmistral@2) AND Zbenchmark@3))"},
        {"title:altman", "Query(ZSaltman@1)"},
        {"title:\"board removes\"", "Query((ZSboard@1 PHRASE 2 ZSremov@2))"},
        {"author:whitfield", "Query(ZAwhitfield@1)"},
        {"source:\"Circuit Ledger\" openai", "Query((Zopenai@1 FILTER XSOURCEcircuit ledger))"},
        {"tag:AI-Safety", "Query(0 * Kai-safety)"},
        {"chips tag:huawei tag:export-controls",
         "Query((Zchip@1 FILTER (Khuawei OR Kexport-controls)))"},
        {"openai*", "Query(WILDCARD SYNONYM Zopenai)"},
    }));
    CAPTURE(text);
    const auto parsed = parse_query(text, no_index);
    CHECK(parsed.query.get_description() == description);
    CHECK_FALSE(parsed.syntax_note);
}

TEST_CASE("broken syntax is searched as plain words with a note") {
    const Xapian::Database no_index;
    const auto [text, description] = GENERATE(table<const char*, const char*>({
        {"openai AND", "Query(Zopenai@1)"},
        {"AND openai", "Query(Zopenai@2)"},
        {"title:(", "Query(Ztitl@1)"},
        {"(llama mistral", "Query((Zllama@1 AND Zmistral@2))"},
        {"\"chief scientist", "Query((Zchief@1 PHRASE 2 Zscientist@2))"},
    }));
    CAPTURE(text);
    const auto parsed = parse_query(text, no_index);
    CHECK(parsed.query.get_description() == description);
    CHECK(parsed.syntax_note);
}
