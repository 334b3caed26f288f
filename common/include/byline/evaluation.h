/** @file
 *  @brief Relevance evaluation: TREC-style topics and judgements, nDCG@10, MAP, P@10,
 *  Recall@100.
 */
#ifndef BYLINE_INCLUDED_EVALUATION_H
#define BYLINE_INCLUDED_EVALUATION_H

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace byline {

/// One information need: its id and its text.
struct Topic {
    std::string id;
    std::string text;
};

/// Judgements: topic id → document id → grade (0 not relevant; higher, more relevant).
using Qrels = std::map<std::string, std::map<std::string, int>>;

/// Reads "ID<TAB>TEXT" lines. Throws byline::Error with file:line on a malformed line.
[[nodiscard]] std::vector<Topic> read_topics(const std::filesystem::path& path);
/// Reads TREC qrels lines "TOPIC ITERATION DOCUMENT GRADE". Throws byline::Error with
/// file:line on a malformed line.
[[nodiscard]] Qrels read_qrels(const std::filesystem::path& path);

struct TopicScores {
    std::string topic;
    double ndcg_at_10 = 0;
    double average_precision = 0;
    double precision_at_10 = 0;
    double recall_at_100 = 0;
};

/// Scores one ranking (document ids, best first) against one topic's judgements, as
/// trec_eval does: nDCG@10 with the grade as gain and log2(rank + 1) discount, AP over
/// the whole ranking, P@10, and recall in the first 100.
[[nodiscard]] TopicScores score_ranking(const std::vector<std::string>& ranking,
                                        const std::map<std::string, int>& judgements);

struct EvaluationReport {
    std::vector<TopicScores> topics;
    /// Means over the topics (named "mean").
    TopicScores mean;
};

/// Runs `rank` (topic text → document ids, best first) for every topic that has a
/// relevant judgement, and scores it. Topics without one are skipped, as trec_eval does.
template <typename Rank>
EvaluationReport evaluate(const std::vector<Topic>& topics, const Qrels& qrels, Rank rank);

/// The per-topic table and the mean, as tab-separated columns with a header line.
void print_evaluation(std::ostream& out, const EvaluationReport& report);

/// Means of the per-topic scores.
[[nodiscard]] TopicScores mean_scores(const std::vector<TopicScores>& topics);

template <typename Rank>
EvaluationReport evaluate(const std::vector<Topic>& topics, const Qrels& qrels, Rank rank) {
    EvaluationReport report;
    for (const auto& topic : topics) {
        const auto judged = qrels.find(topic.id);
        if (judged == qrels.end()) {
            continue;
        }
        bool any_relevant = false;
        for (const auto& [document, grade] : judged->second) {
            any_relevant = any_relevant || grade > 0;
        }
        if (!any_relevant) {
            continue;
        }
        auto scores = score_ranking(rank(topic.text), judged->second);
        scores.topic = topic.id;
        report.topics.push_back(std::move(scores));
    }
    report.mean = mean_scores(report.topics);
    return report;
}

}  // namespace byline

#endif
