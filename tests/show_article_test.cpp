/** @file
 *  @brief Reading an index back: `*` lists every article, --show ID prints one in full
 *  (text and JSON, over one index and over shards), and hits and --show name the file
 *  each article was read from (origin).
 */
#include "json_schema.h"
#include "search_command.h"
#include "test_support.h"
#include "text_layout.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

using byline::test::lines_of;
using byline::test::run_index;
using byline::test::run_search;
using byline::test::sample_db;
using byline::test::TempDir;
using nlohmann::json;

namespace {

constexpr std::size_t sample_articles = 42;

void check_schema(const std::string& definition, const std::string& text) {
    CAPTURE(definition, text);
    const auto errors = byline::test::schema_errors(byline::test::output_format_schema(),
                                                    "/$defs/" + definition, json::parse(text));
    CAPTURE(errors);
    CHECK(errors.empty());
}

/// Every article of an index, as `*` lists it in jsonl.
std::vector<json> listed(const std::vector<std::string>& dbs) {
    std::vector<std::string> args;
    for (const auto& db : dbs) {
        args.insert(args.end(), {"--db", db});
    }
    args.insert(args.end(), {"--all", "--format", "jsonl", "-n", "1000", "*"});
    const auto result = run_search(args);
    REQUIRE(result.status == byline::search_hits);
    std::vector<json> hits;
    for (const auto& line : lines_of(result.out)) {
        check_schema("jsonl_hit", line);
        hits.push_back(json::parse(line));
    }
    return hits;
}

}  // namespace

TEST_CASE("the query * alone lists every article, in text and JSON", "[show][sample_index]") {
    const auto hits = listed({sample_db()});
    CHECK(hits.size() == sample_articles);
    std::set<std::string> ids;
    for (const auto& hit : hits) {
        ids.insert(hit["id"].get<std::string>());
        // The sample archive is one text file per article: origin is that file.
        CHECK(hit["origin"].get<std::string>().ends_with(".txt"));
        CHECK(hit["origin"].get<std::string>().find("corpora/sample/") != std::string::npos);
    }
    CHECK(ids.size() == sample_articles);

    const auto count = run_search({"--db", sample_db(), "--count", "*"});
    CHECK(count.out == "42\n");
    const auto text = run_search({"--db", sample_db(), "--color", "never", "-n", "3", " * "});
    CHECK(text.status == byline::search_hits);
    CHECK(text.out.find("Hits 1–3 of about 42") != std::string::npos);
    // A * inside a query is still a wildcard or nothing, not every article.
    const auto word = run_search({"--db", sample_db(), "--count", "sutskever *"});
    CHECK(word.out != "42\n");
}

TEST_CASE("the show option: prints one article in full for reading", "[show][sample_index]") {
    const auto hit = listed({sample_db()}).front();
    const auto id = hit["id"].get<std::string>();
    const auto shown =
        run_search({"--db", sample_db(), "--show", id, "--color", "never", "--width", "50"});
    REQUIRE(shown.status == byline::search_hits);
    CHECK(shown.err.empty());
    CAPTURE(shown.out);
    std::vector<std::string> lines;  // lines_of() leaves out the blank ones
    std::istringstream text(shown.out);
    for (std::string line; std::getline(text, line);) {
        lines.push_back(line);
    }
    // The title (wrapped), the byline, the URL, a blank line, the body.
    const auto url = std::find(lines.begin(), lines.end(), hit["url"].get<std::string>());
    REQUIRE(url - lines.begin() >= 2);
    REQUIRE(lines.end() - url > 3);
    CHECK(hit["title"].get<std::string>().starts_with(lines.front()));
    CHECK((url - 1)->starts_with(hit["source"].get<std::string>() + " · "));
    CHECK((url + 1)->empty());
    bool paragraph_break = false;
    for (auto line = url + 2; line != lines.end(); ++line) {
        CAPTURE(*line);
        CHECK(byline::display_width(*line) <= 50);
        paragraph_break = paragraph_break || line->empty();
    }
    CHECK(paragraph_break);
}

TEST_CASE("the show option: json gives every stored field, origin and body included",
          "[show][sample_index]") {
    const auto hit = listed({sample_db()}).front();
    const auto id = hit["id"].get<std::string>();
    const auto shown = run_search({"--db", sample_db(), "--show", id, "--format", "json"});
    REQUIRE(shown.status == byline::search_hits);
    check_schema("article", shown.out);
    const auto article = json::parse(shown.out);
    for (const auto* field :
         {"id", "title", "url", "source", "authors", "date", "tags", "origin"}) {
        CAPTURE(field);
        CHECK(article[field] == hit[field]);
    }
    CHECK(article["body"].get<std::string>().size() > hit["snippet"].get<std::string>().size());
    CHECK(article["body"].get<std::string>().find("\n\n") != std::string::npos);

    const auto line = run_search({"--db", sample_db(), "--show", id, "--format", "jsonl"});
    REQUIRE(lines_of(line.out).size() == 1);
    CHECK(json::parse(line.out) == article);
}

TEST_CASE("the show option: an id the index lacks prints nothing and exits 1",
          "[show][sample_index]") {
    const auto missing = run_search({"--db", sample_db(), "--show", "no-such-article"});
    CHECK(missing.status == byline::search_no_hits);
    CHECK(missing.out.empty());
    CHECK(missing.err.find("no article with id 'no-such-article'") != std::string::npos);
    const auto tsv = run_search({"--db", sample_db(), "--show", "x", "--format", "tsv"});
    CHECK(tsv.status == byline::search_failed);
    const auto both = run_search({"--db", sample_db(), "--show", "x", "openai"});
    CHECK(both.status == byline::search_failed);
}

TEST_CASE("the star query and the show option read a sharded index as one", "[show][shards]") {
    const TempDir dir;
    const auto sharded = (dir.path() / "sharded").string();
    REQUIRE(run_index({"--quiet", "--db", sharded, "--shards", "3",
                       byline::test::sample_archive().string()})
                .status == 0);
    const auto hits = listed({sharded});
    REQUIRE(hits.size() == sample_articles);
    for (const auto& hit : {hits.front(), hits.back()}) {
        const auto id = hit["id"].get<std::string>();
        const auto shown = run_search({"--db", sharded, "--show", id, "--format", "json"});
        REQUIRE(shown.status == byline::search_hits);
        CHECK(json::parse(shown.out)["title"] == hit["title"]);
        CHECK(json::parse(shown.out)["origin"] == hit["origin"]);
    }
}
