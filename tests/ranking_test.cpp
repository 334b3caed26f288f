/** @file
 *  @brief Ranking on the sample archive: the story first, its distractors below.
 */
#include <byline/index_writer.h>
#include <byline/ingest.h>
#include <byline/searcher.h>

#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace byline;

namespace {

std::vector<std::string> ranked_urls(const std::string& query, Xapian::doccount limit = 10) {
    Searcher searcher(test::sample_db());
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    std::vector<std::string> urls;
    for (const auto& hit : searcher.search(request).hits) {
        urls.push_back(hit.article.url);
    }
    return urls;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

std::size_t position_of(const std::vector<std::string>& urls, std::string_view part) {
    const auto it = std::find_if(urls.begin(), urls.end(),
                                 [&](const std::string& url) { return contains(url, part); });
    return static_cast<std::size_t>(it - urls.begin());
}

}  // namespace

TEST_CASE("'Sutskever safety' ranks the story of his leaving OpenAI first", "[sample_index]") {
    const auto urls = ranked_urls("Sutskever safety");
    REQUIRE_FALSE(urls.empty());
    CHECK(contains(urls.front(), "sutskever-leaves-openai"));
}

TEST_CASE("distractors that share a word rank below the story or not at all", "[sample_index]") {
    const auto urls = ranked_urls("Sutskever safety", 50);
    const auto story = position_of(urls, "sutskever-leaves-openai");
    for (const auto* distractor : {"alexnet", "tesla-autopilot-recall", "online-safety-act",
                                   "crash-test-safety", "safety-security-committee"}) {
        CAPTURE(distractor);
        CHECK(position_of(urls, distractor) > story);
    }
}

TEST_CASE("queries about the stories around it find those stories first", "[sample_index]") {
    const auto [query, url_part] = GENERATE(table<const char*, const char*>({
        {"Pachocki chief scientist", "pachocki-chief-scientist"},
        {"GPT-4o voice vision", "gpt-4o-launch"},
        {"Llama 3 Mistral 7B benchmark", "llama-3-vs-mistral-7b"},
        {"Huawei Ascend Nvidia", "huawei-ascend"},
        {"open-source chip design course", "open-source-chip-design-course"},
        {"board ousts title:altman", "board-removes-altman"},
        {"AlexNet ImageNet Krizhevsky", "alexnet"},
    }));
    CAPTURE(query);
    const auto urls = ranked_urls(query);
    REQUIRE_FALSE(urls.empty());
    CHECK(contains(urls.front(), url_part));
}

TEST_CASE("filters restrict hits to their source, tag and phrase", "[sample_index]") {
    for (const auto& url : ranked_urls("source:\"circuit ledger\" openai", 50)) {
        CHECK(contains(url, "circuitledger.example"));
    }
    CHECK(ranked_urls("tag:car-safety safety", 50).size() == 2);
    CHECK(ranked_urls("\"superalignment team\"", 50).size() >= 2);
    CHECK(ranked_urls("\"team superalignment\"", 50).empty());
}

TEST_CASE("snippets show the query's words, marked as highlights", "[sample_index]") {
    Searcher searcher(test::sample_db());
    SearchRequest request;
    request.query = "Sutskever safety";
    const auto response = searcher.search(request);
    REQUIRE_FALSE(response.hits.empty());
    const auto& snippet = response.hits.front().snippet;
    REQUIRE_FALSE(snippet.highlights.empty());
    for (const auto& [begin, end] : snippet.highlights) {
        const auto word = snippet.text.substr(begin, end - begin);
        CAPTURE(word);
        CHECK((word == "Sutskever" || word.starts_with("safe")));
    }
    CHECK_FALSE(contains(snippet.text, "&amp;"));
}
