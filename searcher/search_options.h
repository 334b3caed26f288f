/** @file
 *  @brief byline-search's options: what the command line says, checked but not
 * acted on.
 */
#ifndef BYLINE_INCLUDED_SEARCH_OPTIONS_H
#define BYLINE_INCLUDED_SEARCH_OPTIONS_H

#include "hit_output.h"

#include <byline/searcher.h>

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

inline constexpr std::string_view search_program = "byline-search";

enum class ColorChoice { automatic, always, never };

struct Options {
    /// --db, repeatable: index folders, stubs, tcp://HOST:PORT.
    std::vector<std::string> dbs;
    bool partial = false;
    unsigned timeout_seconds = 10;
    Xapian::doccount limit = 10;
    Xapian::doccount offset = 0;
    OutputFormat format = OutputFormat::text;
    bool format_given = false;
    ColorChoice color = ColorChoice::automatic;
    std::optional<std::size_t> width;
    std::optional<std::string> queries_file;
    /// Batch mode: queries answered at once (default: one per CPU, up to 8).
    std::optional<unsigned> jobs;
    bool info = false;
    /// --show ID: the article to print in full.
    std::optional<std::string> show_id;
    /// --like ID: the article whose related articles to list.
    std::optional<std::string> like_id;
    /// --stories: list the stories of QUERY's matches instead of the articles.
    bool stories = false;
    std::string query;
    bool help = false;
    bool version = false;
    /// Ranking, filters, facets and the rest of what the query options set.
    SearchRequest request;
    std::optional<std::string> synonyms_file;
    bool count_only = false;
    std::vector<std::string> eval_files;
};

/// Reads the arguments (without the program name). Throws
/// boost::program_options::error for a usage error.
[[nodiscard]] Options parse_search_options(const std::vector<std::string>& args);

/// --help's text.
void print_search_help(std::ostream& out);

}  // namespace byline

#endif
