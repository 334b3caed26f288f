/** @file
 *  @brief byline-search's options: what the command line says, checked but not
 * acted on.
 */
#ifndef BYLINE_INCLUDED_SEARCH_OPTIONS_H
#define BYLINE_INCLUDED_SEARCH_OPTIONS_H

#include "hit_output.h"

#include <byline/searcher.h>
#include <byline/timeline.h>

#include <array>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace byline {

inline constexpr std::string_view search_program = "byline-search";

enum class ColorChoice { automatic, always, never };

/// The timeline periods by the names --timeline takes and the output uses.
inline constexpr cli::Choices<TimelinePeriod, 4> timeline_periods = {
    {{"day", TimelinePeriod::day},
     {"week", TimelinePeriod::week},
     {"month", TimelinePeriod::month},
     {"year", TimelinePeriod::year}}};

/// An option as --save stores it: its name without the dashes, and its value (empty
/// for a flag).
using StoredOption = std::pair<std::string, std::string>;

/// The options a saved search keeps (those that choose and order the articles), and
/// whether each takes a value; the others (output, paging) are given at each run.
struct SavedOptionKind {
    std::string_view name;
    bool takes_value;
};
inline constexpr std::array<SavedOptionKind, 10> saved_option_kinds = {{{"db", true},
                                                                        {"any", false},
                                                                        {"every-word", false},
                                                                        {"all", false},
                                                                        {"sort", true},
                                                                        {"recent", false},
                                                                        {"since", true},
                                                                        {"until", true},
                                                                        {"synonyms", true},
                                                                        {"no-synonyms", false}}};

struct Options {
    /// --db, repeatable: index folders, stubs, tcp://HOST:PORT.
    std::vector<std::string> dbs;
    bool partial = false;
    unsigned timeout_seconds = 10;
    Xapian::doccount limit = 10;
    bool limit_given = false;
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
    /// --timeline [PERIOD]: the matches counted per period (none given: chosen from
    /// their span).
    bool timeline = false;
    std::optional<TimelinePeriod> timeline_period;
    /// --save NAME, --saved, --run NAME, --new NAME: saved searches.
    std::optional<std::string> save_name;
    bool list_saved = false;
    std::optional<std::string> run_name;
    std::optional<std::string> new_name;
    /// --serve [HOST:]PORT: answer searches over HTTP (docs/http-api.md); --cors ORIGIN
    /// lets pages from ORIGIN read the answers; --quiet logs no request.
    std::optional<std::string> serve;
    std::optional<std::string> cors_origin;
    bool quiet = false;
    /// The options of saved_option_kinds given on the command line, in that order.
    std::vector<StoredOption> stored_options;
};

/// Reads the arguments (without the program name). Throws
/// boost::program_options::error for a usage error. `saved_args`, a saved search's
/// query and options (--run, --new), apply where `args` do not say otherwise.
[[nodiscard]] Options parse_search_options(const std::vector<std::string>& args,
                                           const std::vector<std::string>& saved_args = {});

/// --help's text.
void print_search_help(std::ostream& out);

}  // namespace byline

#endif
