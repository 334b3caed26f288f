/** @file
 *  @brief The byline-search command: parse the options, run the mode they ask
 * for.
 */
#include "search_command.h"

#include "modes.h"
#include "search_options.h"

#include <byline/error.h>
#include <byline/version.h>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <xapian.h>
#include <boost/program_options/errors.hpp>

#include <iostream>

namespace byline {

namespace po = boost::program_options;

int run_search_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                       std::ostream& err) {
    try {
        const auto options = parse_search_options(args);
        if (options.help) {
            print_search_help(out);
            return search_hits;
        }
        if (options.version) {
            fmt::print(out, "{} {} (Xapian {})\n", search_program, version,
                       Xapian::version_string());
            return search_hits;
        }
        const int modes = (options.info ? 1 : 0) + (options.queries_file ? 1 : 0) +
                          (options.query.empty() ? 0 : 1) + (options.eval_files.empty() ? 0 : 1);
        if (modes == 0) {
            fmt::print(err, "{}: no QUERY given (see --help)\n", search_program);
            return search_failed;
        }
        if (modes > 1) {
            throw po::error("give one of QUERY, --queries FILE, --eval or --info");
        }
        if (!options.eval_files.empty()) {
            return run_eval_mode(options, out, err);
        }
        if (options.info) {
            return run_info_mode(options, out, err);
        }
        if (options.queries_file) {
            return run_batch_mode(options, in, out, err);
        }
        return run_query_mode(options, out, err);
    } catch (const po::error& e) {
        fmt::print(err, "{}: {} (see --help)\n", search_program, e.what());
    } catch (const Error& e) {
        fmt::print(err, "{}: {}\n", search_program, e.what());
    } catch (const Xapian::Error& e) {
        fmt::print(err, "{}: {}\n", search_program, e.get_description());
    } catch (const std::exception& e) {
        fmt::print(err, "{}: {}\n", search_program, e.what());
    }
    return search_failed;
}

int run_search_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_search_command(args, std::cin, out, err);
}

}  // namespace byline
