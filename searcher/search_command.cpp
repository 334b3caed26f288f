/** @file
 *  @brief The byline-search command: parse the options, search, print.
 */
#include "search_command.h"

#include "hit_output.h"

#include <byline/error.h>
#include <byline/evaluation.h>
#include <byline/index_location.h>
#include <byline/searcher.h>
#include <byline/version.h>

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <optional>

namespace byline {

namespace po = boost::program_options;

namespace {

std::string to_lower_ascii(std::string text) {
    for (auto& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

constexpr std::string_view program = "byline-search";

constexpr std::string_view usage = R"(Usage: byline-search [OPTIONS] QUERY...

Searches the index for the words of QUERY and prints the best articles first (BM25).

Query syntax:
  sutskever safety          articles with both words (stemmed: safety matches safe-ty forms)
  "chief scientist"         the words as a phrase
  openai OR anthropic       either word; also AND, NOT, and brackets: (a OR b) AND c
  +must -never              require or exclude a word
  openai NEAR safety        both words at most 10 words apart (NEAR/3: 3 apart)
  openai*                   words starting with "openai"
  title:altman              a word in the title; author:NAME likewise
  source:"circuit ledger"   only articles from this source; tag:chips likewise
  site:circuitledger.example  only articles from this host (or its subdomains);
                            url:HOST likewise, url:HOST/PATH that one address
  date:2024  date:2024-05  date:2024-05-01      that year, month or day
  date:2024-05-01..2024-05-31  date:..2023  date:2024-03..   a range, open or closed
Words with the same meaning (AI, artificial intelligence) find each other. When
nothing matches, a misspelt query is corrected and the output says so. Copies of one
story show once, marked "+N copies" (--all shows each).

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
    SearchRequest request;
    std::optional<std::string> synonyms_file;
    bool no_synonyms = false;
    bool count_only = false;
    std::vector<std::string> eval_files;
};

/// Ranking weights for bench/relevance to tune: "k1=1.2,b=0.75,phrase=0.25,near=0.25,
/// window=8" (any subset).
RankingWeights parse_weights(const std::string& text) {
    RankingWeights weights;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const auto end = std::min(text.find(',', begin), text.size());
        const auto item = text.substr(begin, end - begin);
        begin = end + 1;
        const auto equals = item.find('=');
        if (equals == std::string::npos) {
            throw po::error(fmt::format("--weights: '{}' is not NAME=VALUE", item));
        }
        const auto name = item.substr(0, equals);
        const double value = std::stod(item.substr(equals + 1));
        if (name == "k1") {
            weights.k1 = value;
        } else if (name == "b") {
            weights.b = value;
        } else if (name == "phrase") {
            weights.phrase_lift = value;
        } else if (name == "near") {
            weights.near_lift = value;
        } else if (name == "window") {
            weights.near_window = static_cast<Xapian::termcount>(value);
        } else if (name == "lift_words") {
            weights.lift_max_words = static_cast<std::size_t>(value);
        } else if (name == "recency") {
            weights.recency_share = value;
        } else {
            throw po::error(fmt::format("--weights: unknown weight '{}'", name));
        }
    }
    return weights;
}

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
    add("sort", po::value<std::string>()->value_name("ORDER")->default_value("relevance"),
        "relevance, date (newest first) or oldest");
    add("recent", "prefer newer articles, without letting age outweigh relevance");
    add("since", po::value<std::string>()->value_name("DATE"),
        "only articles from DATE on: 2024, 2024-05, 2024-05-01, or 30d, 2w, 6m, 1y ago");
    add("until", po::value<std::string>()->value_name("DATE"),
        "only articles up to DATE (same forms; a year or month includes all of it)");
    add("any", "match articles with any of the words (OR) instead of all of them");
    add("all", "show every copy of a story instead of one hit with \"+N copies\"");
    add("count", "print only the number of matching articles");
    add("facet", po::value<std::vector<std::string>>()->value_name("FIELD")->composing(),
        "also count matches per source, year or tag (repeatable)");
    add("explain", "show each term's contribution to each hit's score");
    add("synonyms", po::value<std::string>()->value_name("FILE"),
        "also apply the synonym groups in FILE (one group a line, members separated by "
        "commas)");
    add("no-synonyms", "apply no synonyms, not even the built-in table");
    add("eval", po::value<std::vector<std::string>>()->value_name("TOPICS QRELS")->multitoken(),
        "run TOPICS (ID<TAB>TEXT lines) as plain-word OR queries, 1000 hits each, and print "
        "nDCG@10, AP, P@10 and Recall@100 per topic and on average against QRELS (TREC)");
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
    all.add_options()("weights", po::value<std::string>(), "ranking weights (bench/relevance)");
    all.add_options()("now", po::value<std::string>(),
                      "the date relative dates count from (tests)");
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
    auto& request = options.request;
    request.sort = choice<SortOrder>(vm, "sort",
                                     {{"relevance", SortOrder::relevance},
                                      {"date", SortOrder::newest},
                                      {"oldest", SortOrder::oldest}});
    request.recent = vm.count("recent") > 0;
    if (vm.count("now") > 0) {
        request.query_options.now = parse_date(vm["now"].as<std::string>());
        if (!request.query_options.now) {
            throw po::error("--now must be a date");
        }
    }
    if (vm.count("weights") > 0) {
        request.weights = parse_weights(vm["weights"].as<std::string>());
    }
    if (vm.count("since") > 0) {
        request.since = vm["since"].as<std::string>();
    }
    if (vm.count("until") > 0) {
        request.until = vm["until"].as<std::string>();
    }
    if (vm.count("any") > 0) {
        request.query_options.default_op = Xapian::Query::OP_OR;
    }
    request.collapse_copies = vm.count("all") == 0;
    options.count_only = vm.count("count") > 0;
    request.exact_count = options.count_only;
    if (options.count_only) {
        request.collapse_copies = false;  // A count of articles, every copy included.
    }
    if (vm.count("facet") > 0) {
        for (const auto& name : vm["facet"].as<std::vector<std::string>>()) {
            if (name == "source") {
                request.facets.push_back(FacetField::source);
            } else if (name == "year") {
                request.facets.push_back(FacetField::year);
            } else if (name == "tag") {
                request.facets.push_back(FacetField::tag);
            } else {
                throw po::error(
                    fmt::format("--facet must be one of source, year, tag, not '{}'", name));
            }
        }
    }
    request.explain = vm.count("explain") > 0;
    if (vm.count("synonyms") > 0) {
        options.synonyms_file = vm["synonyms"].as<std::string>();
    }
    options.no_synonyms = vm.count("no-synonyms") > 0;
    if (vm.count("eval") > 0) {
        options.eval_files = vm["eval"].as<std::vector<std::string>>();
        if (options.eval_files.size() != 2) {
            throw po::error("--eval takes two files: TOPICS QRELS");
        }
    }
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

std::vector<SynonymGroup> synonyms_for(const Options& options) {
    std::vector<SynonymGroup> groups;
    if (!options.no_synonyms) {
        groups = builtin_synonyms();
    }
    if (options.synonyms_file) {
        auto more = read_synonym_file(*options.synonyms_file);
        groups.insert(groups.end(), more.begin(), more.end());
    }
    return groups;
}

/// The IR measures over a topic set: topics are long natural-language requests, so
/// their words are combined with OR and read as words, not query syntax.
int evaluate_topics(const Options& options, std::ostream& out) {
    Searcher searcher(index_location(options.db), synonyms_for(options));
    const auto topics = read_topics(options.eval_files[0]);
    const auto qrels = read_qrels(options.eval_files[1]);
    auto request = options.request;
    request.query_options.default_op = Xapian::Query::OP_OR;
    request.query_options.syntax = false;
    request.collapse_copies = false;
    request.correct_spelling = false;
    request.offset = 0;
    request.limit = 1000;
    request.snippet_length = 0;
    const auto report = evaluate(topics, qrels, [&](const std::string& text) {
        // Topics are case-insensitive prose: lower-case them so that capitalised words
        // are stemmed like the rest.
        request.query = to_lower_ascii(text);
        std::vector<std::string> ranking;
        for (const auto& hit : searcher.search(request).hits) {
            ranking.push_back(hit.article.id);
        }
        return ranking;
    });
    fmt::print(out, "# byline-search --eval {} {} (topics run as plain words joined by OR)\n",
               options.eval_files[0], options.eval_files[1]);
    print_evaluation(out, report);
    return report.topics.empty() ? search_no_hits : search_hits;
}

std::string_view facet_name(FacetField field) {
    switch (field) {
        case FacetField::source:
            return "source";
        case FacetField::year:
            return "year";
        case FacetField::tag:
            return "tag";
    }
    return "";
}

/// Count, facets and the spelling note, which belong to the whole result rather than
/// to a hit: plain lines in text, one JSON object each in jsonl.
void print_summary(std::ostream& out, const Options& options, const SearchResponse& response) {
    const bool json = options.format == OutputFormat::jsonl;
    if (response.corrected_query) {
        if (json) {
            out << nlohmann::json{{"corrected_query", *response.corrected_query},
                                  {"original_query", options.query}}
                       .dump()
                << '\n';
        } else {
            fmt::print(out, "Showing results for {}; no results for {}\n\n",
                       *response.corrected_query, options.query);
        }
    }
    if (options.count_only) {
        if (json) {
            out << nlohmann::json{{"count", response.estimated_matches},
                                  {"exact", response.exact_matches}}
                       .dump()
                << '\n';
        } else {
            fmt::print(out, "{}{}\n", response.exact_matches ? "" : "about ",
                       response.estimated_matches);
        }
    }
    for (const auto& facet : response.facets) {
        if (json) {
            nlohmann::json counts = nlohmann::json::array();
            for (const auto& [value, count] : facet.counts) {
                counts.push_back({{"value", value}, {"count", count}});
            }
            out << nlohmann::json{{"facet", facet_name(facet.field)},
                                  {"estimated", facet.estimated},
                                  {"counts", counts}}
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << '\n';
        } else {
            fmt::print(out, "{} ({}):\n", facet_name(facet.field),
                       facet.estimated ? "estimated from part of the matches" : "exact counts");
            for (const auto& [value, count] : facet.counts) {
                fmt::print(out, "  {:>6}  {}\n", count, value);
            }
            out << '\n';
        }
    }
}

int search(const Options& options, std::ostream& out, std::ostream& err) {
    if (!options.eval_files.empty()) {
        return evaluate_topics(options, out);
    }
    Searcher searcher(index_location(options.db), synonyms_for(options));
    SearchRequest request = options.request;
    request.query = options.query;
    request.offset = options.offset;
    request.limit = options.count_only ? 0 : options.limit;
    const auto response = searcher.search(request);
    if (response.syntax_note) {
        fmt::print(err, "{}: query '{}': {}\n", program, options.query, *response.syntax_note);
    }
    print_summary(out, options, response);
    if (options.count_only) {
        out.flush();
        return response.estimated_matches == 0 ? search_no_hits : search_hits;
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
        if (options.query.empty() && options.eval_files.empty()) {
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
