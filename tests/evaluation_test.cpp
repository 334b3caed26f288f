/** @file
 *  @brief The relevance measures against hand-computed values.
 */
#include <byline/evaluation.h>

#include "test_support.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace byline;

TEST_CASE("measures match hand-computed values", "[eval]") {
    // Relevant: a (grade 2), c (grade 1), z (grade 1, never retrieved).
    const std::map<std::string, int> judged = {{"a", 2}, {"b", 0}, {"c", 1}, {"z", 1}};
    const auto s = score_ranking({"a", "b", "c", "d"}, judged);
    const double dcg = 2 / std::log2(2.0) + 1 / std::log2(4.0);
    const double ideal = 2 / std::log2(2.0) + 1 / std::log2(3.0) + 1 / std::log2(4.0);
    CHECK(s.ndcg_at_10 == Approx(dcg / ideal));
    CHECK(s.average_precision == Approx((1.0 / 1 + 2.0 / 3) / 3));
    CHECK(s.precision_at_10 == Approx(0.2));
    CHECK(s.recall_at_100 == Approx(2.0 / 3));
    const auto perfect = score_ranking({"a", "c", "z"}, judged);
    CHECK(perfect.ndcg_at_10 == Approx(1.0));
    CHECK(perfect.average_precision == Approx(1.0));
    CHECK(score_ranking({}, judged).average_precision == 0);
}

TEST_CASE("topics without a relevant judgement are left out of the means", "[eval]") {
    const std::vector<Topic> topics = {{"1", "x"}, {"2", "y"}, {"3", "z"}};
    const Qrels qrels = {{"1", {{"a", 1}}}, {"2", {{"a", 0}}}};
    const auto report = evaluate(topics, qrels, [](const std::string& text) {
        return text == "x" ? std::vector<std::string>{"a"} : std::vector<std::string>{};
    });
    REQUIRE(report.topics.size() == 1);
    CHECK(report.mean.ndcg_at_10 == Approx(1.0));
}

TEST_CASE("topic and qrels files are read and malformed lines are named", "[eval]") {
    test::TempDir dir;
    const auto topics = read_topics(dir.write("q.tsv", "1\twing flutter\n\n2\theat\n"));
    REQUIRE(topics.size() == 2);
    CHECK(topics[0].text == "wing flutter");
    const auto qrels = read_qrels(dir.write("qrels", "1 0 184 3\n1 0 29 0\n"));
    CHECK(qrels.at("1").at("184") == 3);
    CHECK_THROWS_WITH(read_topics(dir.write("bad.tsv", "1\tok\nno tab\n")),
                      Catch::Contains("bad.tsv:2:"));
    CHECK_THROWS_WITH(read_qrels(dir.write("bad.qrels", "1 0 x\n")),
                      Catch::Contains("bad.qrels:1:"));
}
