/** @file
 *  @brief Reading a command line with Boost.Program_options, alike in both commands.
 */
#ifndef BYLINE_INCLUDED_CLI_OPTIONS_H
#define BYLINE_INCLUDED_CLI_OPTIONS_H

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace byline::cli {

/// `options` and `positional`, a list of strings for the words that are no option.
[[nodiscard]] boost::program_options::options_description with_positional(
    boost::program_options::options_description options, const char* positional);

/// What `args` (without the program name) set of `options`, which with_positional
/// made; the words that are no option go, in order, to `positional`. `options` is only
/// read: one description may serve many parses, on any thread. Throws
/// boost::program_options::error for a usage error.
[[nodiscard]] boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options, const char* positional);

}  // namespace byline::cli

#endif
