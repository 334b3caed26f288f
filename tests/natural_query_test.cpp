/** @file
 *  @brief The default search serves questions and descriptions as well as keywords:
 *  every-word matches first, then most words with the missing ones named; function
 *  words never decide a match; misspelt words corrected whatever the others match.
 */
#include "search_command.h"
#include "test_support.h"

#include <byline/searcher.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using byline::test::run_search;
using byline::test::sample_db;
using nlohmann::json;

namespace {

std::vector<json> jsonl_hits(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--db", sample_db(), "--format", "jsonl"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<json> hits;
    for (const auto& line : byline::test::lines_of(run_search(all).out)) {
        auto object = json::parse(line);
        if (object.contains("rank")) {
            hits.push_back(std::move(object));
        }
    }
    return hits;
}

bool url_has(const json& hit, std::string_view part) {
    return hit["url"].get<std::string>().find(part) != std::string::npos;
}

constexpr std::string_view departure = "sutskever-leaves-openai";

}  // namespace

TEST_CASE("a question finds the article that answers it", "[cli][natural][sample_index]") {
    const auto result =
        run_search({"--db", sample_db(), "--format", "jsonl", "why did Sutskever leave OpenAI"});
    CHECK(result.status == byline::search_hits);
    const auto hits = jsonl_hits({"why did Sutskever leave OpenAI"});
    REQUIRE(hits.size() >= 3);
    CHECK((url_has(hits[0], departure) || url_has(hits[1], departure) ||
           url_has(hits[2], departure)));
    // The strict mode requires "leave" too, and the question words never count.
    CHECK(jsonl_hits({"--every-word", "why did Sutskever leave OpenAI"}).size() <= hits.size());
    CHECK(jsonl_hits({"Sutskever leave OpenAI"}) == hits);
}

TEST_CASE("a word no article holds: the others answer and the word is named missing",
          "[cli][natural][sample_index]") {
    const auto hits = jsonl_hits({"Sutskever giraffe"});
    REQUIRE_FALSE(hits.empty());
    CHECK(url_has(hits[0], "sutskever"));
    for (const auto& hit : hits) {
        CHECK(hit["missing"] == json::array({"giraffe"}));
    }
    const auto text = run_search({"--db", sample_db(), "--color", "never", "Sutskever giraffe"});
    CHECK(text.status == byline::search_hits);
    CHECK(text.out.find("   Missing: giraffe\n") != std::string::npos);

    const auto strict = run_search({"--db", sample_db(), "--every-word", "Sutskever giraffe"});
    CHECK(strict.status == byline::search_no_hits);
    CHECK(strict.out.empty());
}

TEST_CASE("articles holding every word come first, and say nothing is missing",
          "[cli][natural][sample_index]") {
    // Few articles hold all three words, many hold one of them.
    const auto hits = jsonl_hits({"-n", "40", "sutskever board regrets"});
    REQUIRE(hits.size() > 3);
    bool past_every_word = false;
    for (const auto& hit : hits) {
        const bool complete = hit["missing"].empty();
        CHECK_FALSE((past_every_word && complete));
        past_every_word = past_every_word || !complete;
    }
    CHECK(past_every_word);
    CHECK(hits[0]["missing"].empty());
    // When enough articles hold every word, nothing else is shown.
    for (const auto& hit : jsonl_hits({"-n", "100", "openai"})) {
        CHECK(hit["missing"].empty());
    }
}

TEST_CASE("the ranking is the same whatever the page", "[cli][natural][sample_index]") {
    const auto all = jsonl_hits({"-n", "12", "how did the openai board remove altman"});
    REQUIRE(all.size() == 12);
    const auto second_page =
        jsonl_hits({"-n", "6", "--offset", "6", "how did the openai board remove altman"});
    REQUIRE(second_page.size() == 6);
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(second_page[i]["id"] == all[6 + i]["id"]);
        CHECK(second_page[i]["missing"] == all[6 + i]["missing"]);
    }
}

TEST_CASE("explicit syntax keeps its meaning in the default search",
          "[cli][natural][sample_index]") {
    // +word is required even when the match widens past the every-word articles.
    for (const auto& hit : jsonl_hits({"-n", "50", "+sutskever giraffe safety"})) {
        const auto& missing = hit["missing"];
        CHECK(std::find(missing.begin(), missing.end(), "sutskever") == missing.end());
    }
    // -word excludes.
    for (const auto& hit : jsonl_hits({"-n", "50", "openai safety -sutskever"})) {
        CHECK_FALSE(hit["title"].get<std::string>().find("Sutskever") == 0);
    }
    CHECK(jsonl_hits({"giraffe AND sutskever"}).empty());
}

TEST_CASE("a misspelt word is corrected even when the other words match",
          "[cli][natural][sample_index]") {
    const auto text = run_search({"--db", sample_db(), "--color", "never", "sutskevr safety"});
    CHECK(text.status == byline::search_hits);
    CHECK(text.out.starts_with(
        "Showing results for sutskever safety (searched instead of sutskevr safety)\n\n1. "
        "Sutskever leaves OpenAI"));
    // A word the index holds is left alone, however close another word is.
    const auto plain = jsonl_hits({"sutskever safety"});
    const auto answer =
        run_search({"--db", sample_db(), "--format", "json", "sutskever safety"}).out;
    CHECK(json::parse(answer)["corrected_query"].is_null());
    REQUIRE_FALSE(plain.empty());
}

TEST_CASE("the any and every-word options contradict each other", "[cli][natural][sample_index]") {
    const auto result = run_search({"--db", sample_db(), "--any", "--every-word", "openai"});
    CHECK(result.status == byline::search_failed);
    CHECK(result.err.find("--any and --every-word") != std::string::npos);
}

TEST_CASE("only plain words are corrected: not field values, exclusions or wildcards",
          "[cli][natural][sample_index]") {
    const auto answer = run_search({"--db", sample_db(), "--format", "json",
                                    R"(sutskevr source:"circut ledger" -altmn safty*)"});
    CHECK(json::parse(answer.out)["corrected_query"] ==
          R"(sutskever source:"circut ledger" -altmn safty*)");
}
