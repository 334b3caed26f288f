/** @file
 *  @brief The byline-index command, callable in-process.
 */
#ifndef BYLINE_INCLUDED_INDEX_COMMAND_H
#define BYLINE_INCLUDED_INDEX_COMMAND_H

#include <ostream>
#include <string>
#include <vector>

namespace byline {

/// Exit statuses of byline-index.
enum IndexExit : int {
    index_all_indexed = 0,
    index_some_skipped = 1,
    index_failed = 2,
};

/// Runs byline-index with `args` (without the program name). Help goes to `out`;
/// progress, skipped records and the summary go to `err`.
int run_index_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace byline

#endif
