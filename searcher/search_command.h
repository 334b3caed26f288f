/** @file
 *  @brief The byline-search command, callable in-process.
 */
#ifndef BYLINE_INCLUDED_SEARCH_COMMAND_H
#define BYLINE_INCLUDED_SEARCH_COMMAND_H

#include <byline/error.h>

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace byline {

/// Exit statuses of byline-search, as grep's.
enum SearchExit : int {
    search_hits = 0,
    search_no_hits = 1,
    search_failed = 2,
};

/// Runs byline-search with `args` (without the program name). Results go to `out`,
/// diagnostics to `err`; `--queries -` reads queries from `in`.
int run_search_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                       std::ostream& err);

/// The library's errors in this command's terms (naming the options that help).
[[nodiscard]] std::string describe_search_error(const Error& e);

/// As above, with queries from standard input.
int run_search_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace byline

#endif
