/** @file
 *  @brief Relevance evaluation with the usual trec_eval measures.
 */
#include <byline/evaluation.h>

#include <byline/error.h>

#include "text.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace byline {

namespace {

std::ifstream open_input(const std::filesystem::path& path, std::string_view what) {
    std::ifstream in(path);
    if (!in) {
        throw Error(fmt::format("{}: cannot read {}", path.string(), what));
    }
    return in;
}

}  // namespace

std::vector<Topic> read_topics(const std::filesystem::path& path) {
    auto in = open_input(path, "topics");
    std::vector<Topic> topics;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (trim(line).empty()) {
            continue;
        }
        const auto tab = line.find('\t');
        if (tab == std::string::npos || trim(line.substr(0, tab)).empty()) {
            throw Error(fmt::format("{}:{}: expected ID<TAB>TEXT", path.string(), number));
        }
        topics.push_back(
            {std::string(trim(line.substr(0, tab))), std::string(trim(line.substr(tab + 1)))});
    }
    return topics;
}

Qrels read_qrels(const std::filesystem::path& path) {
    auto in = open_input(path, "relevance judgements");
    Qrels qrels;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (trim(line).empty()) {
            continue;
        }
        std::istringstream fields(line);
        std::string topic;
        std::string iteration;
        std::string document;
        int grade = 0;
        if (!(fields >> topic >> iteration >> document >> grade)) {
            throw Error(fmt::format("{}:{}: expected TOPIC ITERATION DOCUMENT GRADE", path.string(),
                                    number));
        }
        qrels[topic][document] = grade;
    }
    return qrels;
}

TopicScores score_ranking(const std::vector<std::string>& ranking,
                          const std::map<std::string, int>& judgements) {
    TopicScores scores;
    const auto grade_of = [&](const std::string& document) {
        const auto it = judgements.find(document);
        return it == judgements.end() ? 0 : std::max(it->second, 0);
    };
    std::vector<int> ideal;
    for (const auto& [document, grade] : judgements) {
        if (grade > 0) {
            ideal.push_back(grade);
        }
    }
    if (ideal.empty()) {
        return scores;
    }
    std::sort(ideal.rbegin(), ideal.rend());
    const auto relevant = static_cast<double>(ideal.size());

    double dcg = 0;
    double ideal_dcg = 0;
    double precision_sum = 0;
    std::size_t found = 0;
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        const int grade = grade_of(ranking[i]);
        const double discount = std::log2(static_cast<double>(i) + 2);
        if (i < 10) {
            dcg += grade / discount;
        }
        if (grade > 0) {
            ++found;
            precision_sum += static_cast<double>(found) / static_cast<double>(i + 1);
        }
        if (i + 1 == 10) {
            scores.precision_at_10 = static_cast<double>(found) / 10;
        }
        if (i + 1 == 100) {
            scores.recall_at_100 = static_cast<double>(found) / relevant;
        }
    }
    // Rankings shorter than the cut-offs count their missing places as not relevant.
    if (ranking.size() < 10) {
        scores.precision_at_10 = static_cast<double>(found) / 10;
    }
    if (ranking.size() < 100) {
        scores.recall_at_100 = static_cast<double>(found) / relevant;
    }
    for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) {
        ideal_dcg += ideal[i] / std::log2(static_cast<double>(i) + 2);
    }
    scores.ndcg_at_10 = dcg / ideal_dcg;
    scores.average_precision = precision_sum / relevant;
    return scores;
}

TopicScores mean_scores(const std::vector<TopicScores>& topics) {
    TopicScores mean;
    mean.topic = "mean";
    if (topics.empty()) {
        return mean;
    }
    for (const auto& t : topics) {
        mean.ndcg_at_10 += t.ndcg_at_10;
        mean.average_precision += t.average_precision;
        mean.precision_at_10 += t.precision_at_10;
        mean.recall_at_100 += t.recall_at_100;
    }
    const auto n = static_cast<double>(topics.size());
    mean.ndcg_at_10 /= n;
    mean.average_precision /= n;
    mean.precision_at_10 /= n;
    mean.recall_at_100 /= n;
    return mean;
}

void print_evaluation(std::ostream& out, const EvaluationReport& report) {
    fmt::print(out, "topic\tnDCG@10\tAP\tP@10\tRecall@100\n");
    const auto row = [&](const TopicScores& s) {
        fmt::print(out, "{}\t{:.4f}\t{:.4f}\t{:.4f}\t{:.4f}\n", s.topic, s.ndcg_at_10,
                   s.average_precision, s.precision_at_10, s.recall_at_100);
    };
    for (const auto& topic : report.topics) {
        row(topic);
    }
    row(report.mean);
    fmt::print(out, "# {} topics with relevant judgements; MAP is the mean AP\n",
               report.topics.size());
}

}  // namespace byline
