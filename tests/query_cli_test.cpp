/** @file
 *  @brief The query language end to end through byline-search, on a small archive of its
 *  own: wildcards, author:, NEAR, tag facets and the ranking weights option.
 *
 *  Every query names its operators or fields, so the tests hold whatever plain words
 *  match by default.
 */
#include "index_command.h"
#include "search_command.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

using byline::test::run_search;
using byline::test::TempDir;
using nlohmann::json;
using Ids = std::set<std::string>;

namespace {

/// Four articles on tidal power, each with its own id, authors and tags.
class TidalArchive {
  public:
    TidalArchive() {
        write("turbines", "Tidal turbines light a fishing town", "Marta Quell", "energy, coast",
              "The harbour council switched on three tidal turbines beneath the old pier, and "
              "the street lamps now run on the moon's pull.");
        // "turbine" and "tidal" far apart: both words, but not near each other.
        write("blades", "Old blades become bus shelters", "Jonas Brook", "recycling, energy",
              "Worn turbine blades from the hill farm were cut into curved roofs for bus "
              "shelters. The workshop that did it hires apprentices every spring and sells "
              "the offcuts as garden benches to anyone who asks at the gate, and next year "
              "it hopes to take the blades of a tidal scheme as well.");
        write("rules", "New rules for tidal farms", "Marta Quell and Ines Varga", "policy",
              "Regulators published safety rules for farms in busy channels, with lights "
              "and buoys for every mooring.");
        write("seabirds", "Safeguarding seabirds near the farms", "Ines Varga", "wildlife, energy",
              "Counters on the cliffs found the gulls unbothered by the rotors offshore.");
        const auto indexed =
            byline::test::run_index({"--db", db(), (dir_.path() / "news").string()});
        REQUIRE(indexed.status == byline::index_all_indexed);
    }

    [[nodiscard]] std::string db() const { return (dir_.path() / "index").string(); }

    /// The ids byline-search prints for the query, after checking its exit status.
    [[nodiscard]] Ids ids(const std::string& query) const {
        const auto result = run_search({"--db", db(), "--format", "ids", "-n", "100", query});
        CHECK(result.err.empty());
        CHECK(result.status == (result.out.empty() ? byline::search_no_hits : byline::search_hits));
        const auto lines = byline::test::lines_of(result.out);
        return {lines.begin(), lines.end()};
    }

  private:
    void write(const std::string& id, const std::string& title, const std::string& authors,
               const std::string& tags, const std::string& body) const {
        dir_.write("news/" + id + ".txt", "Title: " + title + "\nAuthor: " + authors + "\nTags: " +
                                              tags + "\nId: " + id + "\n\n" + body + "\n");
    }

    TempDir dir_;
};

}  // namespace

TEST_CASE("a wildcard matches every stem that begins with what was typed", "[cli][query]") {
    const TidalArchive archive;
    // safety -> "safeti", safeguarding -> "safeguard": both begin with "safe".
    CHECK(archive.ids("safe*") == Ids{"rules", "seabirds"});
    CHECK(archive.ids("title:safe*") == Ids{"seabirds"});
}

TEST_CASE("author: finds an article by any of its authors, and plain words do not",
          "[cli][query]") {
    const TidalArchive archive;
    CHECK(archive.ids("author:quell") == Ids{"turbines", "rules"});
    CHECK(archive.ids("author:varga") == Ids{"rules", "seabirds"});
    CHECK(archive.ids("author:\"ines varga\"") == Ids{"rules", "seabirds"});
    // Authors are not searched by plain words: the field is what finds them.
    CHECK(archive.ids("quell").empty());
}

TEST_CASE("NEAR keeps articles whose words are close, AND keeps them wherever they are",
          "[cli][query]") {
    const TidalArchive archive;
    CHECK(archive.ids("tidal AND turbine") == Ids{"turbines", "blades"});
    CHECK(archive.ids("tidal NEAR turbine") == Ids{"turbines"});
    CHECK(archive.ids("tidal NEAR/2 turbine") == Ids{"turbines"});
    CHECK(archive.ids("blades NEAR/2 turbine") == Ids{"blades"});
}

TEST_CASE("the facet option: tag counts every tag of every match", "[cli][query]") {
    const TidalArchive archive;
    const auto result = run_search(
        {"--db", archive.db(), "--format", "jsonl", "-n", "1", "--facet", "tag", "tag:energy"});
    CHECK(result.status == byline::search_hits);
    CHECK(result.err.empty());
    const auto lines = byline::test::lines_of(result.out);
    REQUIRE(lines.size() == 2);
    const auto facet = json::parse(lines[0]);
    CHECK(facet["facet"] == "tag");
    CHECK(facet["estimated"] == false);
    std::map<std::string, int> counts;
    for (const auto& entry : facet["counts"]) {
        counts[entry["value"].get<std::string>()] = entry["count"].get<int>();
    }
    CHECK(counts == std::map<std::string, int>{
                        {"energy", 3}, {"coast", 1}, {"recycling", 1}, {"wildlife", 1}});
}

TEST_CASE("the weights option changes the ranking's parameters and refuses unknown ones",
          "[cli][query]") {
    const TidalArchive archive;
    const auto scores = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> args = {"--db", archive.db(), "--format", "jsonl", "--explain"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.emplace_back("tidal AND turbine");
        const auto result = run_search(args);
        CHECK(result.status == byline::search_hits);
        std::map<std::string, std::pair<double, std::size_t>> by_id;
        for (const auto& line : byline::test::lines_of(result.out)) {
            const auto hit = json::parse(line);
            by_id[hit["id"].get<std::string>()] = {hit["score"].get<double>(),
                                                   hit["explain"].size()};
        }
        return by_id;
    };
    const auto defaults = scores({});
    REQUIRE(defaults.size() == 2);
    // BM25's k1 shapes every term's weight: another k1, other scores.
    const auto other_k1 = scores({"--weights", "k1=0.3"});
    REQUIRE(other_k1.size() == 2);
    CHECK(other_k1.at("blades").first != Approx(defaults.at("blades").first));
    // The proximity lift is one part of the explanation of the article whose words are
    // near; with it weighed at 0 that part is gone.
    const auto no_lifts = scores({"--weights", "phrase=0,near=0"});
    REQUIRE(no_lifts.size() == 2);
    CHECK(no_lifts.at("turbines").second < defaults.at("turbines").second);
    CHECK(no_lifts.at("turbines").first < defaults.at("turbines").first);

    const auto unknown = run_search({"--db", archive.db(), "--weights", "gravity=2", "tidal"});
    CHECK(unknown.status == byline::search_failed);
    CHECK(unknown.out.empty());
    CHECK(unknown.err.find("--weights: unknown weight 'gravity'") != std::string::npos);
}
