/** @file
 *  @brief Same story, once: on ai-tech-articles (which holds one article under two
 *  URLs), a hit list never shows the same body twice unless --all is given, which
 *  shows every copy.
 */
#include "search_command.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <fstream>
#include <map>

using nlohmann::json;

namespace {

std::string normal_space(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space) {
            out += c;
        } else if (!out.empty() && out.back() != ' ') {
            out += ' ';
        }
    }
    return out;
}

/// How many hits repeat the body of an earlier hit.
int repeated_bodies(const std::string& jsonl, const std::map<std::string, std::string>& bodies) {
    std::map<std::string, int> seen;
    int repeats = 0;
    for (const auto& line : byline::test::lines_of(jsonl)) {
        const auto body = normal_space(bodies.at(json::parse(line)["id"].get<std::string>()));
        repeats += seen[body]++ > 0 ? 1 : 0;
    }
    return repeats;
}

}  // namespace

TEST_CASE("openai gpt-3 on ai-tech-articles shows each body once unless --all is given", "[cli]") {
    const auto shared = byline::test::shared_corpora_or_skip();
    if (!shared) {
        return;
    }
    // The articles that mention gpt-3, and those that mention openai and share their
    // body with another: every kind of hit the query can have, indexed in seconds.
    std::ifstream in(*shared / "ai-tech-articles" / "articles.jsonl");
    const auto mentions = [](std::string text, std::string_view word) {
        for (auto& c : text) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return text.find(word) != std::string::npos;
    };
    std::vector<std::string> candidates;
    std::map<std::string, std::string> bodies;
    std::map<std::string, int> body_counts;
    std::string line;
    while (std::getline(in, line)) {
        if (mentions(line, "openai") || mentions(line, "gpt-3")) {
            const auto article = json::parse(line);
            const auto body = article.value("body", "");
            bodies[article["id"].get<std::string>()] = body;
            ++body_counts[normal_space(body)];
            candidates.push_back(line);
        }
    }
    byline::test::TempDir dir;
    std::ofstream subset(dir.path() / "subset.jsonl");
    for (const auto& candidate : candidates) {
        const auto body = json::parse(candidate).value("body", "");
        if (mentions(candidate, "gpt-3") || body_counts[normal_space(body)] > 1) {
            subset << candidate << '\n';
        }
    }
    subset.close();
    const auto db = (dir.path() / "index").string();
    REQUIRE(byline::test::run_index({"--db", db, (dir.path() / "subset.jsonl").string()}).status ==
            0);

    for (const auto* mode : {"--sort=relevance", "--any"}) {
        CAPTURE(mode);
        const auto once = byline::test::run_search(
            {"--db", db, "--format", "jsonl", "-n", "1000", mode, "openai gpt-3"});
        REQUIRE(once.status == byline::search_hits);
        CHECK(repeated_bodies(once.out, bodies) == 0);
    }
    // Every copy is an article of its own, which --all shows.
    const auto all = byline::test::run_search(
        {"--db", db, "--format", "jsonl", "-n", "1000", "--any", "--all", "openai gpt-3"});
    CHECK(repeated_bodies(all.out, bodies) > 0);
    const auto collapsed = byline::test::run_search(
        {"--db", db, "--format", "jsonl", "-n", "1000", "--any", "openai gpt-3"});
    CHECK(byline::test::lines_of(all.out).size() > byline::test::lines_of(collapsed.out).size());
}
