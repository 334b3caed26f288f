/** @file
 *  @brief Printing search results for people and for scripts, one printer per
 * format.
 *
 *  Every machine format is built from the same JSON values (hit_json,
 * answer_json), so a field added to a response reaches json and jsonl alike.
 * The fields and their meaning are documented in docs/output-format.md;
 * docs/output-format.schema.json is the schema the tests check the output
 * against.
 */
#ifndef BYLINE_INCLUDED_HIT_OUTPUT_H
#define BYLINE_INCLUDED_HIT_OUTPUT_H

#include "cli_kit.h"

#include <byline/index_info.h>
#include <byline/searcher.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

/// The version of the JSON output's schema (docs/output-format.md). Adding a
/// field keeps it; changing a field's meaning or removing one bumps it.
inline constexpr int json_format_version = 1;

enum class OutputFormat { text, json, jsonl, tsv, ids };

/// The formats by name, for --format and its help.
inline constexpr cli::Choices<OutputFormat, 5> output_formats = {{{"text", OutputFormat::text},
                                                                  {"json", OutputFormat::json},
                                                                  {"jsonl", OutputFormat::jsonl},
                                                                  {"tsv", OutputFormat::tsv},
                                                                  {"ids", OutputFormat::ids}}};

/// The facet fields by the names --facet takes and the output uses.
inline constexpr cli::Choices<FacetField, 3> facet_fields = {
    {{"source", FacetField::source}, {"year", FacetField::year}, {"tag", FacetField::tag}}};

/// One query's answer, as the printers see it.
struct Answer {
    /// The query's id in batch mode (given before a tab, else the line number);
    /// empty for the one query of the command line.
    std::string query_id;
    std::string query;
    Xapian::doccount offset = 0;
    SearchResponse response;
};

/// How text output is laid out.
struct TextLayout {
    bool color = false;
    /// Columns to wrap to; 0 leaves lines unwrapped.
    std::size_t width = 80;
    /// Lines of snippet shown under each hit.
    std::size_t snippet_lines = 2;
};

/// Bytes of body text to ask for so that a snippet fills the layout's snippet
/// lines.
[[nodiscard]] std::size_t snippet_length_for(const TextLayout& layout);

/// Adds an article's stored fields as a hit and --show give them: id, title, url,
/// source, author, authors, date, tags and origin.
void add_article_fields(nlohmann::ordered_json& object, const Article& article);
/// Another article as a hit's copies and a story's members list it: id, title,
/// source, date and url.
[[nodiscard]] nlohmann::ordered_json article_ref_json(const ArticleRef& article);
/// A hit as a JSON object (the "hit" definition of the schema), its fields
/// added after those `object` already has.
[[nodiscard]] nlohmann::ordered_json hit_json(
    const Hit& hit, nlohmann::ordered_json object = nlohmann::ordered_json::object());
/// A whole answer as one JSON document (the "answer" definition of the schema).
[[nodiscard]] nlohmann::ordered_json answer_json(const Answer& answer);
/// Every stored field of an article, body included (the "article" definition).
[[nodiscard]] nlohmann::ordered_json article_json(const Article& article);
/// One story (the "story" definition), its fields added after those `object` has.
[[nodiscard]] nlohmann::ordered_json story_json(const StorySummary& story,
                                                nlohmann::ordered_json object);
/// A page of stories as one JSON document (the "stories_answer" definition).
[[nodiscard]] nlohmann::ordered_json stories_json(const std::string& query, Xapian::doccount offset,
                                                  const StoriesResponse& response);
/// The "missing_shards" array of a partial answer: [{"shard", "reason"}, …].
[[nodiscard]] nlohmann::ordered_json missing_shards_json(const std::vector<MissingShard>& missing);
/// A count of matches as one JSON object: format_version, query, count, exact
/// and, for a partial answer, missing_shards.
[[nodiscard]] nlohmann::ordered_json count_json(const Answer& answer);
/// Index facts as one JSON document (the "info" definition of the schema).
[[nodiscard]] nlohmann::ordered_json info_json(const IndexInfo& info);

/// Prints answers in one format. Output is deterministic: the time taken
/// appears only when the caller passes it (on a terminal).
class AnswerPrinter {
  public:
    AnswerPrinter(OutputFormat format, TextLayout layout, bool batch)
        : format_(format), layout_(layout), batch_(batch) {}

    /// Prints one answer; `seconds` adds the time taken to the text footer.
    void print(std::ostream& out, const Answer& answer, std::optional<double> seconds) const;
    /// Prints the number of matches alone (--count): a line of text, or in the
    /// machine formats one JSON object.
    void print_count(std::ostream& out, const Answer& answer) const;

  private:
    void print_text(std::ostream& out, const Answer& answer, std::optional<double> seconds) const;
    void print_jsonl(std::ostream& out, const Answer& answer) const;
    void print_tsv(std::ostream& out, const Answer& answer) const;
    void print_ids(std::ostream& out, const Answer& answer) const;

    OutputFormat format_;
    TextLayout layout_;
    /// In batch mode each line of tsv, ids and jsonl output names its query.
    bool batch_;
};

/// Index facts for reading, one per line.
void print_info_text(std::ostream& out, const IndexInfo& info);

/// "Source · date · authors", the line under a title; empty when none is known.
[[nodiscard]] std::string byline_of(const Article& article);

/// The items with `separator` between them.
[[nodiscard]] std::string join(const std::vector<std::string>& items, std::string_view separator);

/// A time as ISO 8601 in UTC, to the second.
[[nodiscard]] std::string iso_utc(std::chrono::system_clock::time_point time);

/// A TSV field: no tab or line break, which are written as \t, \n, \r, and a
/// backslash as \\ (the convention of PostgreSQL's and MySQL's text formats).
[[nodiscard]] std::string tsv_field(std::string_view text);

/// A JSON value as one line of text; invalid UTF-8 is replaced, never an error.
[[nodiscard]] std::string json_line(const nlohmann::ordered_json& value);

}  // namespace byline

#endif
