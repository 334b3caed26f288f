/** @file
 *  @brief byline-search's query features end to end on the sample archive: dates,
 *  sites, spelling, synonyms, copies, counts, facets, explain, sorting, recency, eval.
 */
#include "search_command.h"
#include "test_support.h"

#include <byline/fields.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <xapian.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using byline::test::run_search;
using nlohmann::json;

using byline::test::sample_db;

namespace {

/// The hits of a jsonl search, parsed; lines that are not hits (counts, facets) are left out.
std::vector<json> hits_of(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", sample_db(), "--format", "jsonl", "-n", "100"});
    const auto result = run_search(args);
    std::vector<json> hits;
    for (const auto& line : byline::test::lines_of(result.out)) {
        auto object = json::parse(line);
        if (object.contains("rank")) {
            hits.push_back(std::move(object));
        }
    }
    return hits;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

/// The articles that hold a term, counted by Xapian alone, not by Byline's searcher.
Xapian::doccount xapian_matches(const std::string& db, const std::string& term) {
    const Xapian::Database index(db);
    Xapian::Enquire enquire(index);
    enquire.set_query(Xapian::Query(term));
    return enquire.get_mset(0, index.get_doccount()).size();
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("date:2024-05 keeps only articles from May 2024", "[cli][sample_index]") {
    const auto hits = hits_of({"openai date:2024-05"});
    REQUIRE(hits.size() >= 3);
    for (const auto& hit : hits) {
        CHECK(hit["date"].get<std::string>().starts_with("2024-05"));
    }
    const auto range = hits_of({"openai date:2024-05-16..2024-05-31"});
    REQUIRE_FALSE(range.empty());
    CHECK(range.size() < hits.size());
    for (const auto& hit : range) {
        const auto date = hit["date"].get<std::string>();
        CHECK(date >= "2024-05-16");
        CHECK(date < "2024-06");
    }
}

TEST_CASE("the since option: 1y counts back from --now and --until takes a whole year",
          "[cli][sample_index]") {
    const auto since = hits_of({"--now", "2025-06-01", "--since", "1y", "openai"});
    REQUIRE_FALSE(since.empty());
    for (const auto& hit : since) {
        CHECK(hit["date"].get<std::string>() >= "2024-06-01");
    }
    CHECK(since.size() < hits_of({"openai"}).size());
    const auto until = hits_of({"--until", "2023", "openai"});
    REQUIRE_FALSE(until.empty());
    for (const auto& hit : until) {
        CHECK(hit["date"].get<std::string>().starts_with("2023"));
    }
    const auto bad = run_search({"--db", sample_db(), "--since", "lately", "openai"});
    CHECK(bad.status == byline::search_failed);
    CHECK(bad.out.empty());
}

TEST_CASE("site: keeps only articles from that host", "[cli][sample_index]") {
    const auto hits = hits_of({"openai site:modelwatch.example"});
    REQUIRE_FALSE(hits.empty());
    for (const auto& hit : hits) {
        CHECK(contains(hit["url"].get<std::string>(), "://modelwatch.example/"));
    }
    CHECK(hits.size() < hits_of({"openai"}).size());
    CHECK(hits_of({"openai url:modelwatch.example"}).size() == hits.size());
}

TEST_CASE("a misspelt query is corrected and the output says so", "[cli][sample_index]") {
    const auto text = run_search({"--db", sample_db(), "--color", "never", "sutskevr saftey"});
    CHECK(text.status == byline::search_hits);
    CHECK(text.out.starts_with(
        "Showing results for sutskever safety (searched instead of sutskevr saftey)\n"));
    CHECK(contains(text.out, "1. Sutskever leaves OpenAI"));
    const auto lines = byline::test::lines_of(
        run_search({"--db", sample_db(), "--format", "jsonl", "sutskevr saftey"}).out);
    REQUIRE(lines.size() >= 2);
    CHECK(json::parse(lines[0])["corrected_query"] == "sutskever safety");
    CHECK(contains(json::parse(lines[1])["url"].get<std::string>(), "sutskever-leaves-openai"));
}

TEST_CASE("artificial intelligence finds articles that only say AI", "[cli][sample_index]") {
    const auto article = byline::test::sample_archive() / "2024-05-15-sutskever-leaves-openai.txt";
    const auto text = read_file(article);
    REQUIRE_FALSE(contains(text, "rtificial intelligence"));
    REQUIRE(contains(text, "AI"));
    bool found = false;
    for (const auto& hit : hits_of({"artificial intelligence safety"})) {
        found = found || contains(hit["url"].get<std::string>(), "sutskever-leaves-openai");
    }
    CHECK(found);
    CHECK(hits_of({"--no-synonyms", "artificial intelligence safety"}).size() <
          hits_of({"artificial intelligence safety"}).size());
}

TEST_CASE("copies of one story collapse into one hit unless --all is given", "[cli]") {
    byline::test::TempDir dir;
    const std::string body =
        "The regional grid operator said on Tuesday that a new battery park on the coast "
        "will store enough wind power to carry the valley through two calm evenings, and "
        "that the project should open before the winter peak arrives.\n";
    dir.write("news/a.txt",
              "Title: Coastal battery park approved\nURL: https://one.example/a\n\n" + body);
    dir.write("news/b.txt",
              "Title: Battery park on the coast gets a yes\nURL: https://two.example/b\n\n" + body +
                  "\n  \n");
    dir.write("news/c.txt",
              "Title: Battery prices fall\nURL: https://three.example/c\n\n"
              "Battery cells cost less this year than last, the survey of makers found.\n");
    const auto db = (dir.path() / "index").string();
    REQUIRE(byline::test::run_index({"--db", db, (dir.path() / "news").string()}).status == 0);

    // Three articles say "battery" (Xapian's own count); two of them are one story.
    REQUIRE(xapian_matches(db, "Zbatteri") == 3);
    const auto collapsed = run_search({"--db", db, "--format", "jsonl", "battery"});
    CHECK(collapsed.status == byline::search_hits);
    const auto lines = byline::test::lines_of(collapsed.out);
    REQUIRE(lines.size() == 2);
    CHECK(json::parse(lines[0])["copies"].get<int>() + json::parse(lines[1])["copies"].get<int>() ==
          1);
    const auto text = run_search({"--db", db, "--color", "never", "battery park"});
    CHECK(contains(text.out, "+1 copy"));
    // --all shows strictly more: every copy, each its own hit.
    const auto all = run_search({"--db", db, "--format", "jsonl", "--all", "battery"});
    CHECK(all.status == byline::search_hits);
    const auto all_lines = byline::test::lines_of(all.out);
    CHECK(all_lines.size() == 3);
    std::set<std::string> urls;
    for (const auto& line : all_lines) {
        urls.insert(json::parse(line)["url"].get<std::string>());
    }
    CHECK(urls == std::set<std::string>{"https://one.example/a", "https://two.example/b",
                                        "https://three.example/c"});
    // Only copies that match the query count: the other copy's title says no "coastal".
    const auto one = run_search({"--db", db, "--format", "jsonl", "title:coastal battery"});
    REQUIRE(byline::test::lines_of(one.out).size() == 1);
    CHECK(json::parse(byline::test::lines_of(one.out)[0])["copies"].get<int>() == 0);
}

TEST_CASE("the count option: prints only the number of matches in text and jsonl",
          "[cli][sample_index]") {
    const auto text = run_search({"--db", sample_db(), "--count", "openai"});
    CHECK(text.status == byline::search_hits);
    const auto count = std::stoi(text.out);
    // Counted apart from Byline: the articles Xapian finds under the stem "openai".
    CHECK(count == static_cast<int>(xapian_matches(sample_db(), "Zopenai")));
    CHECK(count == static_cast<int>(Xapian::Database(sample_db()).get_termfreq("Zopenai")));
    CHECK(count == static_cast<int>(hits_of({"--all", "openai"}).size()));
    CHECK(text.out == std::to_string(count) + "\n");
    const auto jsonl = run_search({"--db", sample_db(), "--count", "--format", "jsonl", "openai"});
    const auto counted = json::parse(jsonl.out);
    CHECK(counted["count"] == count);
    CHECK(counted["exact"] == true);
    CHECK(counted["query"] == "openai");
    CHECK(run_search({"--db", sample_db(), "--count", "zzzzqqq"}).status == byline::search_no_hits);
}

TEST_CASE("the facet option: source counts every match per source in text and jsonl",
          "[cli][sample_index]") {
    const auto result = run_search(
        {"--db", sample_db(), "--format", "jsonl", "-n", "1", "--facet", "source", "openai"});
    CHECK(result.status == byline::search_hits);
    const auto lines = byline::test::lines_of(result.out);
    REQUIRE(lines.size() == 2);
    const auto facet = json::parse(lines[0]);
    CHECK(facet["facet"] == "source");
    CHECK(facet["estimated"] == false);
    // Counted apart from Byline: each matching article's source value, read from Xapian.
    const Xapian::Database index(sample_db());
    std::map<std::string, int> expected;
    for (auto it = index.postlist_begin("Zopenai"); it != index.postlist_end("Zopenai"); ++it) {
        ++expected[index.get_document(*it).get_value(byline::slot_source)];
    }
    std::map<std::string, int> counts;
    int total = 0;
    for (const auto& entry : facet["counts"]) {
        counts[entry["value"].get<std::string>()] = entry["count"].get<int>();
        total += entry["count"].get<int>();
    }
    CHECK(counts == expected);
    CHECK(total == static_cast<int>(index.get_termfreq("Zopenai")));
    const auto text = run_search(
        {"--db", sample_db(), "-n", "1", "--facet", "source", "--facet", "year", "openai"});
    CHECK(contains(text.out, "\nsource (exact counts):\n"));
    CHECK(contains(text.out, "year (exact counts):\n"));
    CHECK(contains(text.out, "  Circuit Ledger\n"));
    CHECK(run_search({"--db", sample_db(), "--facet", "colour", "openai"}).status ==
          byline::search_failed);
}

TEST_CASE("the explain option: gives each term's part of the score and the parts add up",
          "[cli][sample_index]") {
    const auto hits = hits_of({"--explain", "Sutskever safety"});
    REQUIRE(hits.size() >= 3);
    for (const auto& hit : hits) {
        double sum = 0;
        // Articles holding both words have a part for each; those holding one, one.
        REQUIRE(hit["explain"].size() >= (hit["missing"].empty() ? 2U : 1U));
        for (const auto& part : hit["explain"]) {
            CHECK(part["term"].is_string());
            sum += part["weight"].get<double>();
        }
        CHECK(sum == Approx(hit["score"].get<double>()).epsilon(1e-6));
    }
    const auto text = run_search(
        {"--db", sample_db(), "--color", "never", "--explain", "-n", "1", "Sutskever safety"});
    CHECK(contains(text.out, "Zsutskev@1\n"));
    CHECK(contains(text.out, "Zsafeti@2\n"));
}

TEST_CASE("the sort option: date and oldest order hits by date", "[cli][sample_index]") {
    for (const auto* order : {"date", "oldest"}) {
        CAPTURE(order);
        const auto hits = hits_of({"--sort", order, "openai"});
        REQUIRE(hits.size() >= 5);
        for (std::size_t i = 1; i < hits.size(); ++i) {
            const auto before = hits[i - 1]["date"].get<std::string>();
            const auto after = hits[i]["date"].get<std::string>();
            CHECK((std::string(order) == "date" ? before >= after : before <= after));
        }
    }
}

TEST_CASE("the recent option: lifts newer articles by a bounded amount", "[cli][sample_index]") {
    const auto plain = hits_of({"openai board"});
    const auto recent = hits_of({"--recent", "openai board"});
    REQUIRE(plain.size() == recent.size());
    const double best = plain.front()["score"].get<double>();
    std::map<std::string, double> plain_scores;
    for (const auto& hit : plain) {
        plain_scores[hit["id"]] = hit["score"].get<double>();
    }
    bool any_lifted = false;
    for (const auto& hit : recent) {
        const double lift = hit["score"].get<double>() - plain_scores.at(hit["id"]);
        CHECK(lift >= -1e-9);
        CHECK(lift <= 0.3 * best + 1e-9);
        any_lifted = any_lifted || lift > 1e-6;
    }
    CHECK(any_lifted);
}

TEST_CASE("the eval option: prints the measures per topic and their mean",
          "[cli][eval][sample_index]") {
    byline::test::TempDir dir;
    const auto topics =
        dir.write("topics.tsv", "1\tSutskever leaves OpenAI\n2\tNvidia Blackwell chips\n");
    const auto qrels =
        dir.write("qrels.txt",
                  "1 0 https://circuitledger.example/2024/05/15/sutskever-leaves-openai 2\n"
                  "2 0 nothing-relevant-is-indexed 1\n");
    const auto result =
        run_search({"--db", sample_db(), "--eval", topics.string(), qrels.string()});
    CHECK(result.status == byline::search_hits);
    const auto lines = byline::test::lines_of(result.out);
    REQUIRE(lines.size() == 6);
    CHECK(contains(lines[0], "as the default search searches a query"));
    const auto any =
        run_search({"--db", sample_db(), "--any", "--eval", topics.string(), qrels.string()});
    CHECK(contains(byline::test::lines_of(any.out).at(0), "as --any searches a query"));
    CHECK(lines[1] == "topic\tnDCG@10\tAP\tP@10\tRecall@100");
    CHECK(lines[2] == "1\t1.0000\t1.0000\t0.1000\t1.0000");
    CHECK(lines[3] == "2\t0.0000\t0.0000\t0.0000\t0.0000");
    CHECK(lines[4] == "mean\t0.5000\t0.5000\t0.0500\t0.5000");
}

TEST_CASE("phrase and proximity matches and title matches rank above scattered body words",
          "[cli]") {
    byline::test::TempDir dir;
    // The same words, as often, in bodies of the same length: only their order differs.
    dir.write("news/apart.txt",
              "Title: Lab notes\nURL: https://lab.example/apart\n\n"
              "The chief of the lab met the board. Later a scientist from the coast spoke.\n");
    dir.write("news/together.txt",
              "Title: Lab notes\nURL: https://lab.example/together\n\n"
              "The chief scientist of the lab met the board. Later a from the coast spoke.\n");
    dir.write("news/title.txt",
              "Title: Glacier report\nURL: https://lab.example/title\n\n"
              "A survey of ice in the north was published by the team this week.\n");
    dir.write("news/body.txt",
              "Title: Weekly report\nURL: https://lab.example/body\n\n"
              "A survey of glacier ice in the north was published by the team this.\n");
    const auto db = (dir.path() / "index").string();
    REQUIRE(byline::test::run_index({"--db", db, (dir.path() / "news").string()}).status == 0);
    const auto first_url = [&](const char* query) {
        const auto lines =
            byline::test::lines_of(run_search({"--db", db, "--format", "jsonl", query}).out);
        REQUIRE_FALSE(lines.empty());
        return json::parse(lines.front())["url"].get<std::string>();
    };
    CHECK(first_url("chief scientist") == "https://lab.example/together");
    CHECK(first_url("scientist chief") == "https://lab.example/together");
    CHECK(first_url("glacier") == "https://lab.example/title");
}

TEST_CASE("a user synonym file adds its groups to the built-in table", "[cli][sample_index]") {
    byline::test::TempDir dir;
    const auto file =
        dir.write("mine.txt", "# our newsroom's nickname for it\nzebracorn, superalignment\n");
    CHECK(run_search({"--db", sample_db(), "--no-synonyms", "zebracorn"}).status ==
          byline::search_no_hits);
    const auto hits = hits_of({"--synonyms", file.string(), "zebracorn"});
    REQUIRE_FALSE(hits.empty());
    CHECK(contains(hits.front()["url"].get<std::string>(), "superalignment"));
    const auto bad =
        run_search({"--db", sample_db(), "--synonyms", (dir.path() / "none").string(), "ai"});
    CHECK(bad.status == byline::search_failed);
    CHECK(contains(bad.err, "none"));
}
