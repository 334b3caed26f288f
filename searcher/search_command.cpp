/** @file
 *  @brief The byline-search command: parse the options, search, print.
 */
#include "search_command.h"

#include "hit_output.h"

#include <byline/error.h>
#include <byline/index_location.h>
#include <byline/searcher.h>
#include <byline/version.h>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <optional>

namespace byline {

namespace po = boost::program_options;

namespace {

constexpr std::string_view program = "byline-search";

constexpr std::string_view usage = R"(Usage: byline-search [OPTIONS] QUERY...

Searches the index for the words of QUERY and prints the best articles first (BM25).

Query syntax:
  sutskever safety          articles with both words (stemmed: safety matches safe-ty forms)
  "chief scientist"         the words as a phrase
  openai OR anthropic       either word; also AND, NOT, and brackets: (a OR b) AND c
  +must -never              require or exclude a word
  openai*                   words starting with "openai"
  title:altman              a word in the title; author:NAME likewise
  source:"circuit ledger"   only articles from this source; tag:chips likewise

Options:
)";

constexpr std::string_view exit_help = R"(
Exit status: 0 some article matched, 1 none matched, 2 error.
)";

enum class OutputFormat { text, jsonl };
enum class ColorChoice { automatic, always, never };

struct Options {
    std::optional<std::string> db;
    Xapian::doccount limit = 10;
    Xapian::doccount offset = 0;
    OutputFormat format = OutputFormat::text;
    ColorChoice color = ColorChoice::automatic;
    std::string query;
    bool help = false;
    bool version = false;
};

po::options_description visible_options() {
    po::options_description options;
    auto add = options.add_options();
    add("db", po::value<std::string>()->value_name("DIR"),
        "index folder (default: $BYLINE_DB, else $XDG_DATA_HOME/byline/index, else "
        "~/.local/share/byline/index)");
    add("limit,n", po::value<Xapian::doccount>()->value_name("N")->default_value(10),
        "print at most N hits");
    add("offset", po::value<Xapian::doccount>()->value_name("K")->default_value(0),
        "skip the first K hits (for paging)");
    add("format", po::value<std::string>()->value_name("FORMAT")->default_value("text"),
        "text (for reading) or jsonl (one JSON object per hit)");
    add("color", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
        "colour text output: auto (on a terminal, unless NO_COLOR is set), always, never");
    add("help,h", "print this help and exit");
    add("version", "print the version and exit");
    return options;
}

template <typename Enum>
Enum choice(const po::variables_map& vm, const char* name,
            std::initializer_list<std::pair<std::string_view, Enum>> choices) {
    const auto& given = vm[name].as<std::string>();
    std::string names;
    for (const auto& [text, value] : choices) {
        if (given == text) {
            return value;
        }
        names += fmt::format("{}{}", names.empty() ? "" : ", ", text);
    }
    throw po::error(fmt::format("--{} must be one of {}, not '{}'", name, names, given));
}

Options parse_options(const std::vector<std::string>& args) {
    auto all = visible_options();
    all.add_options()("query", po::value<std::vector<std::string>>());
    po::positional_options_description positional;
    positional.add("query", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    Options options;
    options.help = vm.count("help") > 0;
    options.version = vm.count("version") > 0;
    if (vm.count("db") > 0) {
        options.db = vm["db"].as<std::string>();
    }
    options.limit = vm["limit"].as<Xapian::doccount>();
    options.offset = vm["offset"].as<Xapian::doccount>();
    options.format = choice<OutputFormat>(
        vm, "format", {{"text", OutputFormat::text}, {"jsonl", OutputFormat::jsonl}});
    options.color = choice<ColorChoice>(vm, "color",
                                        {{"auto", ColorChoice::automatic},
                                         {"always", ColorChoice::always},
                                         {"never", ColorChoice::never}});
    if (vm.count("query") > 0) {
        for (const auto& word : vm["query"].as<std::vector<std::string>>()) {
            options.query += options.query.empty() ? word : " " + word;
        }
    }
    return options;
}

/// Colour only for a person: standard output a terminal, and NO_COLOR unset.
bool use_color(ColorChoice choice, const std::ostream& out) {
    switch (choice) {
        case ColorChoice::always:
            return true;
        case ColorChoice::never:
            return false;
        case ColorChoice::automatic:
            break;
    }
    const char* no_color = std::getenv("NO_COLOR");
    return &out == &std::cout && isatty(STDOUT_FILENO) != 0 &&
           (no_color == nullptr || *no_color == '\0');
}

int search(const Options& options, std::ostream& out, std::ostream& err) {
    Searcher searcher(index_location(options.db));
    SearchRequest request;
    request.query = options.query;
    request.offset = options.offset;
    request.limit = options.limit;
    const auto response = searcher.search(request);
    if (response.syntax_note) {
        fmt::print(err, "{}: query '{}': {}\n", program, options.query, *response.syntax_note);
    }
    switch (options.format) {
        case OutputFormat::text:
            print_text(out, response, use_color(options.color, out));
            break;
        case OutputFormat::jsonl:
            print_jsonl(out, response);
            break;
    }
    out.flush();
    return response.hits.empty() ? search_no_hits : search_hits;
}

}  // namespace

int run_search_command(const std::vector<std::string>& args, std::ostream& out,
                       std::ostream& err) {
    try {
        const auto options = parse_options(args);
        if (options.help) {
            fmt::print(out, "{}{}{}", usage, fmt::streamed(visible_options()), exit_help);
            return search_hits;
        }
        if (options.version) {
            fmt::print(out, "{} {}\n", program, version);
            return search_hits;
        }
        if (options.query.empty()) {
            fmt::print(err, "{}: no QUERY given (see --help)\n", program);
            return search_failed;
        }
        return search(options, out, err);
    } catch (const po::error& e) {
        fmt::print(err, "{}: {} (see --help)\n", program, e.what());
    } catch (const Error& e) {
        fmt::print(err, "{}: {}\n", program, e.what());
    } catch (const Xapian::Error& e) {
        fmt::print(err, "{}: {}\n", program, e.get_description());
    } catch (const std::exception& e) {
        fmt::print(err, "{}: {}\n", program, e.what());
    }
    return search_failed;
}

}  // namespace byline
