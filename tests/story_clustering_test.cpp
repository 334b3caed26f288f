/** @file
 *  @brief The story finder's memory bound: stories past the live limit are forgotten,
 *  and the live ones are still found however many others came and went.
 */
#include "index/story_clustering.h"
#include "schema/terms.h"

#include <byline/date.h>

#include <catch2/catch.hpp>

#include <string>

namespace {

/// Reads an article into `finder`: the story it reports.
std::string read_article(byline::StoryFinder& finder, std::uint64_t key, const std::string& title,
                         const std::string& body, const std::string& date) {
    byline::Article article;
    article.title = title;
    article.body = body;
    article.date = byline::parse_date(date);
    REQUIRE(article.date);
    const auto vector = finder.vector_of(article, byline::word_sequence(body));
    return finder.story_for(vector, article.date, byline::hex_hash(key));
}

const std::string ferry_title = "Ferry strike halts crossings to Marrow Island";
const std::string ferry_body =
    "Deckhands walked out at dawn over rosters and pay, stranding lorries at Kestrel "
    "harbour while the ferry operator talked of arbitration and islanders queued for fuel";

/// A report on a topic of its own: words made up from `n`, shared with no other.
std::string made_up_words(int n) {
    std::string words;
    for (int word = 0; word < 12; ++word) {
        words += std::string{"qu"} + static_cast<char>('a' + n % 26) +
                 static_cast<char>('a' + n / 26 % 26) + static_cast<char>('a' + word) + "vo ";
    }
    return words;
}

}  // namespace

TEST_CASE("a story forgotten past the live limit starts afresh") {
    byline::StoryFinder finder(2);
    const auto ferry = read_article(finder, 1, ferry_title, ferry_body, "2025-03-02");
    CHECK(read_article(finder, 2, "Quarry", made_up_words(1), "2025-03-02") != ferry);
    CHECK(read_article(finder, 3, "Orchard", made_up_words(2), "2025-03-02") != ferry);
    // Two stories came after the ferry strike's: it is forgotten.
    CHECK(read_article(finder, 4, ferry_title, ferry_body, "2025-03-03") == byline::hex_hash(4));
}

TEST_CASE("a live story is found after many stories were forgotten") {
    byline::StoryFinder finder(2);
    const auto ferry = read_article(finder, 1, ferry_title, ferry_body, "2025-03-02");
    REQUIRE(ferry == byline::hex_hash(1));
    // Each new topic forgets the one before it; the ferry strike, joined in between,
    // stays live. Their postings outgrow the budget many times over and are swept.
    for (int topic = 0; topic < 40; ++topic) {
        const auto key = 100 + 2 * static_cast<std::uint64_t>(topic);
        CHECK(read_article(finder, key, "Topic", made_up_words(topic), "2025-03-02") ==
              byline::hex_hash(key));
        CHECK(read_article(finder, key + 1, ferry_title, ferry_body, "2025-03-03") == ferry);
    }
    // A week later, the same words are another event.
    CHECK(read_article(finder, 999, ferry_title, ferry_body, "2025-03-12") ==
          byline::hex_hash(999));
}
