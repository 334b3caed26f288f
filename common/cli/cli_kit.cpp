/** @file
 *  @brief What both commands share and the library never needs.
 */
#include "cli_kit.h"
#include "cli_options.h"

#include <byline/version.h>

#include <fmt/ostream.h>
#include <xapian.h>
#include <boost/program_options/errors.hpp>

#include <charconv>
#include <exception>
#include <limits>

namespace byline::cli {

int run_reporting_errors(std::string_view program, std::ostream& err, int failure,
                         const std::function<int()>& body,
                         const std::function<std::string(const Error&)>& describe) {
    try {
        return body();
    } catch (const UsageError& e) {
        fmt::print(err, "{}: {} (see --help)\n", program, e.what());
    } catch (const boost::program_options::error& e) {
        fmt::print(err, "{}: {} (see --help)\n", program, e.what());
    } catch (const Error& e) {
        fmt::print(err, "{}: {}\n", program, describe(e));
    } catch (const Xapian::Error& e) {
        fmt::print(err, "{}: {}\n", program, e.get_description());
    } catch (const std::exception& e) {
        fmt::print(err, "{}: {}\n", program, e.what());
    }
    return failure;
}

std::string describe_common_error(const Error& e) {
    if (dynamic_cast<const IndexLocationError*>(&e) != nullptr) {
        return "no index location: give --db DIR or set BYLINE_DB";
    }
    return e.what();
}

boost::program_options::options_description with_positional(
    boost::program_options::options_description options, const char* positional) {
    options.add_options()(positional, boost::program_options::value<std::vector<std::string>>());
    return options;
}

boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options, const char* positional) {
    namespace po = boost::program_options;
    po::positional_options_description positionals;
    positionals.add(positional, -1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(options).positional(positionals).run(), vm);
    return vm;
}

void print_version(std::ostream& out, std::string_view program) {
    fmt::print(out, "{} {} (Xapian {})\n", program, version, Xapian::version_string());
}

std::optional<std::size_t> parse_byte_size(std::string_view text) {
    std::size_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [rest, error] = std::from_chars(text.data(), end, value);
    const std::string_view unit(rest, static_cast<std::size_t>(end - rest));
    int shift = -1;
    if (unit.empty() || unit == "B" || unit == "b") {
        shift = 0;
    } else if (unit == "K" || unit == "k" || unit == "KiB") {
        shift = 10;
    } else if (unit == "M" || unit == "m" || unit == "MiB") {
        shift = 20;
    } else if (unit == "G" || unit == "g" || unit == "GiB") {
        shift = 30;
    }
    if (error != std::errc() || rest == text.data() || shift < 0 || value == 0 ||
        value > (std::numeric_limits<std::size_t>::max() >> shift)) {
        return std::nullopt;
    }
    return value << shift;
}

double megabytes(std::uintmax_t bytes) {
    return static_cast<double>(bytes) / 1e6;
}

}  // namespace byline::cli
