/** @file
 *  @brief Printing search results for people and for scripts, one printer per
 * format: this file picks the printer and holds the line formats (tsv, ids);
 * text_printer and json_printer hold the others.
 */
#include "hit_output.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

namespace byline {

std::string tsv_field(std::string_view text) {
    std::string field;
    field.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '\t':
                field += "\\t";
                break;
            case '\n':
                field += "\\n";
                break;
            case '\r':
                field += "\\r";
                break;
            case '\\':
                field += "\\\\";
                break;
            default:
                field += c;
        }
    }
    return field;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string text;
    for (const auto& item : items) {
        if (!text.empty()) {
            text += separator;
        }
        text += item;
    }
    return text;
}

std::string iso_utc(std::chrono::system_clock::time_point time) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(time));
}

void AnswerPrinter::print(std::ostream& out, const Answer& answer,
                          std::optional<double> seconds) const {
    switch (format_) {
        case OutputFormat::text:
            print_text(out, answer, seconds);
            break;
        case OutputFormat::json:
            out << json_line(answer_json(answer)) << '\n';
            break;
        case OutputFormat::jsonl:
            print_jsonl(out, answer);
            break;
        case OutputFormat::tsv:
            print_tsv(out, answer);
            break;
        case OutputFormat::ids:
            print_ids(out, answer);
            break;
    }
}

void AnswerPrinter::print_count(std::ostream& out, const Answer& answer) const {
    if (format_ == OutputFormat::text) {
        fmt::print(out, "{}{}\n", answer.response.exact_matches ? "" : "about ",
                   answer.response.estimated_matches);
        return;
    }
    out << json_line(count_json(answer)) << '\n';
}

void AnswerPrinter::print_tsv(std::ostream& out, const Answer& answer) const {
    for (const auto& hit : answer.response.hits) {
        const auto& a = hit.article;
        if (batch_) {
            fmt::print(out, "{}\t", tsv_field(answer.query_id));
        }
        fmt::print(out, "{}\t{}\t{:.3f}\t{}\t{}\t{}\n", hit.rank, tsv_field(a.id), hit.score,
                   tsv_field(a.title), tsv_field(a.url), a.date ? a.date->iso() : "");
    }
}

void AnswerPrinter::print_ids(std::ostream& out, const Answer& answer) const {
    for (const auto& hit : answer.response.hits) {
        if (batch_) {
            fmt::print(out, "{}\t", tsv_field(answer.query_id));
        }
        fmt::print(out, "{}\n", tsv_field(hit.article.id));
    }
}

}  // namespace byline
