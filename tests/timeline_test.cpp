/** @file
 *  @brief byline-search --timeline: each period's count is what --count gives with the
 *  period's date: filter, undated and imprecisely dated articles are counted apart, and
 *  the text output is pinned at two widths.
 */
#include "golden.h"
#include "json_schema.h"
#include "search_command.h"
#include "test_support.h"

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <numeric>

using byline::test::golden;
using byline::test::lines_of;
using byline::test::run_search;
using byline::test::sample_db;
using byline::test::TempDir;
using nlohmann::json;

namespace {

struct TimelineOutput {
    json summary;
    std::vector<json> rows;
};

/// `--timeline PERIOD --format jsonl` of `query` with `options`, each line checked
/// against the documented schema.
TimelineOutput timeline(const std::string& db, const std::string& period, const std::string& query,
                        std::vector<std::string> options = {}) {
    std::vector<std::string> args = {"--db", db, "--timeline", period, "--format", "jsonl"};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(query);
    const auto result = run_search(args);
    REQUIRE(result.status == byline::search_hits);
    REQUIRE(result.err.empty());
    const auto lines = lines_of(result.out);
    REQUIRE_FALSE(lines.empty());
    TimelineOutput output{json::parse(lines.front()), {}};
    CHECK(byline::test::schema_errors(byline::test::output_format_schema(), "/$defs/jsonl_timeline",
                                      output.summary)
              .empty());
    for (std::size_t i = 1; i < lines.size(); ++i) {
        output.rows.push_back(json::parse(lines[i]));
        CHECK(byline::test::schema_errors(byline::test::output_format_schema(),
                                          "/$defs/jsonl_timeline_row", output.rows.back())
                  .empty());
    }
    return output;
}

unsigned long count(const std::string& db, const std::string& query,
                    std::vector<std::string> options = {}) {
    std::vector<std::string> args = {"--db", db, "--count"};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(query);
    const auto result = run_search(args);
    REQUIRE(result.status <= byline::search_no_hits);
    return std::stoul(result.out);
}

/// Every row of the timeline counts what --count counts with the row's date: filter
/// (a week's: its days, `date:FIRST..LAST`), and the rows, the undated and the
/// imprecisely dated add up to every match.
TimelineOutput check_rows_are_counts(const std::string& db, const std::string& period,
                                     const std::string& query,
                                     const std::vector<std::string>& options = {}) {
    const auto output = timeline(db, period, query, options);
    CHECK(output.summary["timeline"] == period);
    unsigned long total = 0;
    for (const auto& row : output.rows) {
        const auto filter = period == "week"
                                ? fmt::format("date:{}..{}", row["first"].get<std::string>(),
                                              row["last"].get<std::string>())
                                : "date:" + row["period"].get<std::string>();
        CAPTURE(row.dump(), filter);
        CHECK(row["count"] == count(db, query + " " + filter, options));
        total += row["count"].get<unsigned long>();
    }
    CHECK(output.summary["matches"] == count(db, query, options));
    CHECK(total + output.summary["undated"].get<unsigned long>() +
              output.summary["imprecise"].get<unsigned long>() ==
          output.summary["matches"].get<unsigned long>());
    return output;
}

}  // namespace

TEST_CASE("each timeline period counts what --count counts with its date filter",
          "[timeline][sample_index]") {
    for (const std::string period : {"year", "month", "week"}) {
        CAPTURE(period);
        const auto output = check_rows_are_counts(sample_db(), period, "openai");
        CHECK(output.rows.size() > 1);
        CHECK(output.summary["undated"] == 0);
    }
    // Days over one month, and a query of two words that all must hold.
    const auto days =
        check_rows_are_counts(sample_db(), "day", "openai board",
                              {"--every-word", "--since", "2023-11", "--until", "2023-11"});
    CHECK(days.rows.size() > 1);
}

TEST_CASE("a timeline shows empty periods and names the largest story of its peaks",
          "[timeline][sample_index]") {
    const auto output = timeline(sample_db(), "month", "openai");
    bool empty_period = false;
    std::size_t titled = 0;
    unsigned long highest = 0;
    for (const auto& row : output.rows) {
        empty_period = empty_period || row["count"] == 0;
        highest = std::max(highest, row["count"].get<unsigned long>());
    }
    for (const auto& row : output.rows) {
        if (!row["top_story"].is_null()) {
            ++titled;
            CHECK_FALSE(row["top_story"]["title"].get<std::string>().empty());
            CHECK(row["count"] > 0);
        }
    }
    CHECK(empty_period);
    CHECK(titled == 3);
    // The highest period is among the titled.
    CHECK(std::any_of(output.rows.begin(), output.rows.end(), [&](const json& row) {
        return row["count"] == highest && !row["top_story"].is_null();
    }));
    // The JSON document holds the same rows.
    const auto document =
        run_search({"--db", sample_db(), "--timeline", "month", "--format", "json", "openai"});
    const auto parsed = json::parse(document.out);
    CHECK(
        byline::test::schema_errors(byline::test::output_format_schema(), "/$defs/timeline", parsed)
            .empty());
    CHECK(parsed["rows"].size() == output.rows.size());
}

TEST_CASE("timeline text output is pinned at two widths", "[timeline][printer][sample_index]") {
    for (const std::string width : {"60", "100"}) {
        const auto result =
            run_search({"--db", sample_db(), "--width", width, "--timeline", "month", "openai"});
        CHECK(result.status == byline::search_hits);
        CHECK(result.err.empty());
        CHECK(result.out == golden(fmt::format("timeline_month_{}.txt", width), result.out));
    }
}

TEST_CASE("a timeline takes an optional period, chosen from the span when absent",
          "[timeline][sample_index]") {
    // The word after a bare --timeline is the query's.
    const auto chosen =
        run_search({"--db", sample_db(), "--timeline", "--format", "tsv", "openai"});
    CHECK(chosen.status == byline::search_hits);
    CHECK(chosen.out ==
          run_search({"--db", sample_db(), "--timeline=month", "--format", "tsv", "openai"}).out);
    const auto bad = run_search({"--db", sample_db(), "--timeline=fortnight", "openai"});
    CHECK(bad.status == byline::search_failed);
    CHECK(bad.err.find("--timeline must be one of day, week, month, year") != std::string::npos);
    CHECK(run_search({"--db", sample_db(), "--timeline", "month", "--format", "ids", "openai"})
              .status == byline::search_failed);
    const auto none = run_search({"--db", sample_db(), "--timeline", "zzzzqqq"});
    CHECK(none.status == byline::search_no_hits);
    CHECK(none.out.empty());
}

TEST_CASE("undated and imprecisely dated articles are counted apart", "[timeline]") {
    TempDir dir;
    const auto article = [&](const std::string& name, const std::string& date) {
        dir.write("archive/" + name + ".txt",
                  fmt::format("Title: Harbour report {}\n{}\nThe harbour cranes moved {} "
                              "containers today.\n",
                              name, date.empty() ? "" : "Date: " + date + "\n", name));
    };
    article("a", "2024-05-02");
    article("b", "2024-05-20T10:00:00Z");
    article("c", "2024-05");  // To the month only.
    article("d", "2024");     // To the year only.
    article("e", "");
    article("f", "");
    article("g", "2024-07-04");
    const auto db = (dir.path() / "index").string();
    REQUIRE(byline::test::run_index({"--db", db, (dir.path() / "archive").string()}).status == 0);

    const auto months = check_rows_are_counts(db, "month", "harbour");
    REQUIRE(months.rows.size() == 3);  // May, an empty June, July.
    CHECK(months.rows[0]["count"] == 3);
    CHECK(months.rows[1]["count"] == 0);
    CHECK(months.rows[2]["count"] == 1);
    CHECK(months.summary["undated"] == 2);
    CHECK(months.summary["imprecise"] == 1);
    const auto days = check_rows_are_counts(db, "day", "harbour");
    CHECK(days.rows.size() == 64);  // 2 May to 4 July.
    CHECK(days.summary["imprecise"] == 2);
    const auto years = check_rows_are_counts(db, "year", "harbour");
    REQUIRE(years.rows.size() == 1);
    CHECK(years.rows[0]["count"] == 5);
    CHECK(years.summary["imprecise"] == 0);

    const auto text = run_search({"--db", db, "--timeline", "month", "harbour"});
    CHECK(text.out.find("\nundated: 2\ndated only to the year: 1\n") != std::string::npos);
    const auto tsv = run_search({"--db", db, "--timeline", "month", "--format", "tsv", "harbour"});
    CHECK(tsv.out.find("2024-06\t2024-06-01\t2024-06-30\t0\t\n") != std::string::npos);
    CHECK(tsv.out.find("\nundated\t\t\t2\t\nimprecise\t\t\t1\t\n") != std::string::npos);
}

TEST_CASE("timeline periods of a shared corpus are the counts of their date filters",
          "[timeline][corpus]") {
    const auto shared = byline::test::shared_corpora_or_skip();
    if (!shared) {
        return;
    }
    // Every tenth Reuters-21578 article: about 1,900 articles over eight months of 1987.
    TempDir dir;
    std::ifstream in(*shared / "reuters21578" / "articles.jsonl");
    std::string part;
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line); ++line_number) {
        if (line_number % 10 == 0) {
            part += line + "\n";
        }
    }
    const auto file = dir.write("reuters-part.jsonl", part);
    const auto db = (dir.path() / "index").string();
    REQUIRE(byline::test::run_index({"--db", db, file.string()}).status == 0);
    for (const std::string period : {"day", "week", "month"}) {
        CAPTURE(period);
        const auto output = check_rows_are_counts(db, period, "oil");
        CHECK(output.rows.size() > 5);
    }
}
