/** @file
 *  @brief What byline-search's modes share: where to search, which synonyms,
 * how to print, and the notes for standard error.
 */
#include "modes.h"

#include "terminal.h"

#include <byline/index_location.h>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace byline {

IndexSources sources_for(const Options& options) {
    IndexSources sources;
    sources.databases = options.dbs;
    if (sources.databases.empty()) {
        sources.databases.push_back(index_location(std::nullopt).string());
    }
    sources.partial = options.partial;
    sources.remote_timeout_ms = options.timeout_seconds * 1000;
    return sources;
}

void MissingShardReport::report(std::ostream& err, const std::vector<MissingShard>& missing) {
    const std::lock_guard lock(mutex_);
    for (const auto& shard : missing) {
        if (named_.insert(shard.shard).second) {
            fmt::print(err, "{}: partial results: shard {} left out ({})\n", search_program,
                       shard.shard, shard.reason);
        }
    }
}

std::vector<SynonymGroup> synonyms_for(const Options& options) {
    if (!options.synonyms_file) {
        return {};
    }
    return read_synonym_file(*options.synonyms_file);
}

SearchRequest paged_request(const Options& options) {
    SearchRequest request = options.request;
    request.offset = options.offset;
    request.limit = options.limit;
    return request;
}

Plan plan(const Options& options, const std::ostream& out, bool batch) {
    auto format = options.format;
    if (batch && !options.format_given) {
        format = OutputFormat::json;
    }
    TextLayout layout;
    layout.color = use_color(options.color, out);
    layout.width = text_width(options.width, out);
    auto request = paged_request(options);
    switch (format) {
        case OutputFormat::text:
            request.snippet_length = snippet_length_for(layout);
            break;
        case OutputFormat::tsv:
        case OutputFormat::ids:
            // These formats print no snippet: do not read bodies to make one.
            request.snippet_length = 0;
            break;
        case OutputFormat::json:
        case OutputFormat::jsonl:
            break;
    }
    return {request, AnswerPrinter(format, layout, batch)};
}

SearchRequest counting(SearchRequest request) {
    request.limit = 0;
    request.exact_count = true;
    request.collapse_stories = false;
    return request;
}

void report_syntax(std::ostream& err, const Answer& answer) {
    report_syntax(err, answer.query, answer.response.syntax_note);
}

void report_syntax(std::ostream& err, const std::string& query,
                   const std::optional<std::string>& syntax_note) {
    if (syntax_note) {
        fmt::print(err, "{}: query '{}': {}\n", search_program, query, *syntax_note);
    }
}

}  // namespace byline
