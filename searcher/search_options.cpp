/** @file
 *  @brief byline-search's options: what the command line says, checked but not
 * acted on.
 */
#include "search_options.h"

#include "cli_kit.h"
#include "cli_options.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <boost/program_options.hpp>

#include <algorithm>
#include <utility>

namespace byline {

namespace po = boost::program_options;

namespace {

constexpr std::string_view usage = R"(Usage: byline-search [OPTIONS] QUERY...
       byline-search [OPTIONS] --queries FILE
       byline-search --stories [OPTIONS] QUERY...
       byline-search --like ID [OPTIONS]
       byline-search [OPTIONS] --timeline [day|week|month|year] QUERY...
       byline-search --save NAME [OPTIONS] QUERY...
       byline-search [OPTIONS] --run NAME
       byline-search [OPTIONS] --new NAME
       byline-search --saved
       byline-search --show ID [--format json]
       byline-search --info [--format json]
       byline-search --serve [HOST:]PORT [OPTIONS]

Searches the index for the words of QUERY and prints the best articles first
(BM25).

Query syntax:
  sutskever safety          articles with both words first, then those with
                            either (stemmed: safety matches safe-ty forms)
  why did sutskever leave openai
                            questions too: "why", "did" and other function
                            words never decide a match
  "chief scientist"         the words as a phrase
  openai OR anthropic       either word; also AND, NOT, and brackets:
                            (a OR b) AND c
  +must -never              require or exclude a word
  openai NEAR safety        both words at most 10 words apart (NEAR/3: 3 apart)
  openai*                   words starting with "openai"
  title:altman              a word in the title; author:NAME likewise
  source:"circuit ledger"   only articles from this source; tag:chips likewise
  site:circuitledger.example
                            only articles from this host (or its subdomains);
                            url:HOST likewise, url:HOST/PATH that one address
  date:2024  date:2024-05  date:2024-05-01      that year, month or day
  date:2024-05-01..2024-05-31  date:..2023  date:2024-03..
                            a range, open or closed
  story:ID                  the articles of one story, oldest first
  *                         every article (to list an index: --all -n N '*')
Articles holding every word come first; when fewer than 10 do, articles holding
most of the words follow, each marked with the words it lacks ("Missing: ...").
Words with the same meaning (AI, artificial intelligence) find each other. A
misspelt word is corrected and the output says so. The articles of one story
(other outlets' reports of the same event, copies of one text) show once,
marked "+N sources: OUTLET, ..." and "+N copies: OUTLET DATE, ..." (--all
shows each).

Options:
)";

constexpr std::string_view closing_help = R"(
Output formats (docs/output-format.md has the JSON schema):
  text    for reading: rank, title, source · date · author, URL, snippet
  json    one JSON document per query: query, estimated matches, hits
  jsonl   one JSON object per hit
  tsv     rank, id, score, title, URL, date; tab-separated, no header
  ids     one article id per line
In batch mode (--queries) the output is json unless --format says otherwise;
tsv, ids and jsonl lines then start with (or carry) the query's id.

Saved searches are kept in $XDG_CONFIG_HOME/byline/searches (by default
~/.config/byline/searches), a plain file to edit as well.

Exit status: 0 some article matched (in batch mode: for some query; with --new:
some article is new), 1 none matched, 2 error.

Examples:
  byline-search 'title:altman board'
  byline-search --show https://circuitledger.example/2024/05/sutskever
  byline-search --stories --since 7d '*'
  byline-search --like https://circuitledger.example/2024/05/sutskever
  byline-search --format jsonl -n 50 openai | jq -r .title
  printf 'q1\tSutskever safety\n' | byline-search --queries -
  byline-search --timeline month 'tag:chips'
  byline-search --save chips --every-word 'nvidia export'
  byline-search --new chips --format jsonl | mail -E -s chips me
  byline-search --serve 8080   # then: curl 'localhost:8080/search?q=openai'
)";

/// Ranking weights for bench/relevance to tune:
/// "k1=1.2,b=0.75,phrase=0.25,near=0.25,window=8,feedback=0.15" (any subset).
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
        } else if (name == "feedback") {
            weights.feedback_weight = value;
        } else if (name == "feedback_articles") {
            weights.feedback_articles = static_cast<Xapian::doccount>(value);
        } else if (name == "feedback_min_words") {
            weights.feedback_min_words = static_cast<std::size_t>(value);
        } else if (name == "feedback_words") {
            weights.feedback_words = static_cast<Xapian::termcount>(value);
        } else {
            throw po::error(fmt::format("--weights: unknown weight '{}'", name));
        }
    }
    return weights;
}

po::options_description visible_options() {
    constexpr unsigned help_columns = 80;
    po::options_description options(help_columns);
    auto add = options.add_options();
    add("db,d", po::value<std::vector<std::string>>()->value_name("DIR")->composing(),
        "index folder (default: $BYLINE_DB, else $XDG_DATA_HOME/byline/index, "
        "else "
        "~/.local/share/byline/index); repeat it to search several indexes or "
        "shards as "
        "one: a folder, a Xapian stub file (whose 'remote :HOST:PORT' lines are "
        "shards "
        "served by xapian-tcpsrv) or tcp://HOST:PORT");
    add("partial",
        "when a shard cannot be opened, answer from the others and name it "
        "(stderr; \"missing_shards\" in JSON) instead of failing");
    add("timeout", po::value<unsigned>()->value_name("SECONDS")->default_value(10),
        "give up on a remote shard that does not connect or answer within "
        "SECONDS");
    add("limit,n", po::value<Xapian::doccount>()->value_name("N")->default_value(10),
        "print at most N hits per query");
    add("offset", po::value<Xapian::doccount>()->value_name("K")->default_value(0),
        "skip the first K hits (for paging)");
    add("format", po::value<std::string>()->value_name("FORMAT")->default_value("text"),
        fmt::format("{} (see below)", cli::choice_list(output_formats)).c_str());
    add("color", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
        "colour text output: auto (on a terminal, unless NO_COLOR is set), "
        "always, never");
    add("width", po::value<std::size_t>()->value_name("COLUMNS"),
        "wrap text output to COLUMNS (default: the terminal's width, else 80; 0: "
        "do not "
        "wrap)");
    add("queries", po::value<std::string>()->value_name("FILE"),
        "batch mode: answer each line of FILE ('-': standard input) as a query, "
        "in order, "
        "flushing each answer; a line may be ID<TAB>QUERY");
    add("jobs,j", po::value<unsigned>()->value_name("N"),
        "batch mode: answer up to N queries at once when FILE is a file "
        "(default: the "
        "number of CPUs, at most 8; a pipe is answered one query at a time)");
    add("sort", po::value<std::string>()->value_name("ORDER")->default_value("relevance"),
        "relevance, date (newest first) or oldest");
    add("recent", "prefer newer articles, without letting age outweigh relevance");
    add("since", po::value<std::string>()->value_name("DATE"),
        "only articles from DATE on: 2024, 2024-05, 2024-05-01, or 30d, 2w, 6m, "
        "1y ago");
    add("until", po::value<std::string>()->value_name("DATE"),
        "only articles up to DATE (same forms; a year or month includes all of "
        "it)");
    add("any", "match articles holding any of the words (OR), ranked by BM25");
    add("every-word", "match only articles holding every word (AND)");
    add("all",
        "show every article of a story as its own hit instead of one hit with \"+N sources\" "
        "and \"+N copies\"");
    add("stories",
        "list the stories with articles matching QUERY ('*': every article), largest "
        "first: articles, outlets, first and last date, a title, and the articles");
    add("count", "print only the number of matching articles");
    add("facet", po::value<std::vector<std::string>>()->value_name("FIELD")->composing(),
        fmt::format("also count matches per {} (repeatable)", cli::choice_list(facet_fields))
            .c_str());
    add("explain", "show each term's contribution to each hit's score");
    add("timeline",
        "[day|week|month|year] count every match per period (default: chosen from the "
        "matches' span) and draw the counts as bars, empty periods included, with the "
        "largest story of the highest; undated matches are counted apart");
    add("save", po::value<std::string>()->value_name("NAME"),
        "store QUERY with its options (--db, --any, --every-word, --all, --sort, "
        "--recent, --since, --until, --synonyms, --no-synonyms) as the saved search "
        "NAME, and exit");
    add("saved", "list the saved searches and exit");
    add("run", po::value<std::string>()->value_name("NAME"),
        "search the query of the saved search NAME, with its options (those given "
        "here override them)");
    add("new", po::value<std::string>()->value_name("NAME"),
        "print only the articles of the saved search NAME that entered the index since "
        "it last ran with --new (the first time: all), then remember the time; exit 1 "
        "when none is new");
    add("synonyms", po::value<std::string>()->value_name("FILE"),
        "also apply the synonym groups in FILE (one group a line, members "
        "separated by "
        "commas)");
    add("no-synonyms", "apply no synonyms, not even the built-in table");
    add("eval", po::value<std::vector<std::string>>()->value_name("TOPICS QRELS")->multitoken(),
        "run TOPICS (ID<TAB>TEXT lines) as queries, 1000 hits each, as a search "
        "runs them (or as --any or --every-word does), and print nDCG@10, AP, "
        "P@10 and Recall@100 per topic and on average against QRELS (TREC)");
    add("show", po::value<std::string>()->value_name("ID"),
        "print the article whose id is ID in full (title, byline, URL, body; "
        "--format json: every stored field) and exit");
    add("like", po::value<std::string>()->value_name("ID"),
        "print the articles related to the one whose id is ID: the other articles of "
        "its story, oldest first, then related coverage (at most two an outlet)");
    add("info",
        "describe the index (articles, dates, sources, size, last "
        "update) and exit");
    add("serve", po::value<std::string>()->value_name("[HOST:]PORT"),
        "answer searches over HTTP until SIGTERM or SIGINT: a search page at /, JSON at "
        "/search, /article/ID, /stories, /timeline, /related/ID, /info (docs/http-api.md); "
        "HOST defaults to 127.0.0.1, PORT 0 picks a free port (stderr names it)");
    add("cors", po::value<std::string>()->value_name("ORIGIN"),
        "with --serve: let pages from ORIGIN (https://host, or *) read the answers");
    add("quiet", "with --serve: log no line per request on stderr");
    add("help,h", "print this help and exit");
    add("version", "print the version and exit");
    return options;
}

constexpr cli::Choices<ColorChoice, 3> color_choices = {{{"auto", ColorChoice::automatic},
                                                         {"always", ColorChoice::always},
                                                         {"never", ColorChoice::never}}};
constexpr cli::Choices<SortOrder, 3> sort_orders = {{{"relevance", SortOrder::relevance},
                                                     {"date", SortOrder::newest},
                                                     {"oldest", SortOrder::oldest}}};

/// The period of `--timeline PERIOD` or `--timeline=PERIOD` as a hidden option of its
/// own, --timeline-period: --timeline's value is optional, and Boost would take the word
/// after a bare --timeline, the query's, for it.
std::vector<std::string> with_timeline_period_apart(std::vector<std::string> args) {
    constexpr std::string_view flag = "--timeline";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg.starts_with(flag) && arg.size() > flag.size() && arg[flag.size()] == '=') {
            args.insert(args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                        "--timeline-period=" + arg.substr(flag.size() + 1));
            args[i] = flag;
        } else if (arg == flag && i + 1 < args.size() &&
                   std::any_of(timeline_periods.begin(), timeline_periods.end(),
                               [&](const auto& choice) { return choice.name == args[i + 1]; })) {
            args[i + 1] = "--timeline-period=" + args[i + 1];
        }
    }
    return args;
}

/// The options of saved_option_kinds that `vm` sets, in that order.
std::vector<StoredOption> stored_options(const po::variables_map& vm) {
    std::vector<StoredOption> stored;
    for (const auto& [name, takes_value] : saved_option_kinds) {
        const std::string key(name);
        if (vm.count(key) == 0 || vm[key].defaulted()) {
            continue;
        }
        if (!takes_value) {
            stored.emplace_back(key, "");
        } else if (key == "db") {
            for (const auto& db : vm[key].as<std::vector<std::string>>()) {
                stored.emplace_back(key, db);
            }
        } else {
            stored.emplace_back(key, vm[key].as<std::string>());
        }
    }
    return stored;
}

/// Adds to `vm` what `saved` sets and `vm` does not: the command line overrides a
/// saved search option by option (--any and --every-word being one choice).
void add_saved(po::variables_map& vm, const po::variables_map& saved) {
    const auto given = [&](const std::string& key) {
        return vm.count(key) > 0 && !vm[key].defaulted();
    };
    for (const auto& [key, value] : saved) {
        const bool match_mode = key == "any" || key == "every-word";
        if (value.defaulted() || given(key) ||
            (match_mode && (given("any") || given("every-word")))) {
            continue;
        }
        vm.erase(key);
        vm.emplace(key, value);
    }
}

/// Every option, hidden ones too, and the query's words. Built once: --serve parses
/// the options of every request, and building the description took more time than
/// the parse (about 50 µs a request).
const po::options_description& all_options() {
    static const auto all = [] {
        auto options = visible_options();
        options.add_options()("weights", po::value<std::string>(),
                              "ranking weights (bench/relevance)");
        options.add_options()("now", po::value<std::string>(),
                              "the date relative dates count from (tests)");
        options.add_options()("timeline-period", po::value<std::string>(), "--timeline's period");
        return cli::with_positional(std::move(options), "query");
    }();
    return all;
}

Options parse_options(const std::vector<std::string>& args,
                      const std::vector<std::string>& saved_args) {
    const auto& all = all_options();
    auto vm = cli::parse_command_line(with_timeline_period_apart(args), all, "query");
    Options options;
    options.stored_options = stored_options(vm);
    if (!saved_args.empty()) {
        add_saved(vm, cli::parse_command_line(saved_args, all, "query"));
    }
    options.help = vm.count("help") > 0;
    options.version = vm.count("version") > 0;
    options.info = vm.count("info") > 0;
    if (vm.count("show") > 0) {
        options.show_id = vm["show"].as<std::string>();
    }
    if (vm.count("like") > 0) {
        options.like_id = vm["like"].as<std::string>();
    }
    options.stories = vm.count("stories") > 0;
    if (vm.count("db") > 0) {
        options.dbs = vm["db"].as<std::vector<std::string>>();
    }
    options.partial = vm.count("partial") > 0;
    options.timeout_seconds = vm["timeout"].as<unsigned>();
    if (options.timeout_seconds == 0) {
        throw po::error("--timeout must be at least 1 second");
    }
    options.limit = vm["limit"].as<Xapian::doccount>();
    options.limit_given = !vm["limit"].defaulted();
    options.offset = vm["offset"].as<Xapian::doccount>();
    options.format = cli::parse_choice(output_formats, "format", vm["format"].as<std::string>());
    options.format_given = !vm["format"].defaulted();
    options.color = cli::parse_choice(color_choices, "color", vm["color"].as<std::string>());
    if (vm.count("width") > 0) {
        options.width = vm["width"].as<std::size_t>();
    }
    auto& request = options.request;
    request.sort = cli::parse_choice(sort_orders, "sort", vm["sort"].as<std::string>());
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
    if (vm.count("any") > 0 && vm.count("every-word") > 0) {
        throw po::error("--any and --every-word contradict each other: give one");
    }
    if (vm.count("any") > 0) {
        request.match = MatchMode::any_word;
    } else if (vm.count("every-word") > 0) {
        request.match = MatchMode::every_word;
    }
    request.collapse_stories = vm.count("all") == 0;
    options.count_only = vm.count("count") > 0;
    request.exact_count = options.count_only;
    if (options.count_only) {
        request.collapse_stories = false;  // A count of articles, every copy included.
    }
    if (vm.count("facet") > 0) {
        for (const auto& name : vm["facet"].as<std::vector<std::string>>()) {
            request.facets.push_back(cli::parse_choice(facet_fields, "facet", name));
        }
    }
    request.explain = vm.count("explain") > 0;
    if (vm.count("synonyms") > 0) {
        options.synonyms_file = vm["synonyms"].as<std::string>();
    }
    request.query_options.synonyms = vm.count("no-synonyms") == 0;
    if (vm.count("eval") > 0) {
        options.eval_files = vm["eval"].as<std::vector<std::string>>();
        if (options.eval_files.size() != 2) {
            throw po::error("--eval takes two files: TOPICS QRELS");
        }
    }
    if (vm.count("queries") > 0) {
        options.queries_file = vm["queries"].as<std::string>();
    }
    if (vm.count("jobs") > 0) {
        options.jobs = vm["jobs"].as<unsigned>();
        if (options.jobs == 0U) {
            throw po::error("--jobs must be at least 1");
        }
    }
    options.timeline = vm.count("timeline") > 0;
    if (vm.count("timeline-period") > 0) {
        options.timeline_period = cli::parse_choice(timeline_periods, "timeline",
                                                    vm["timeline-period"].as<std::string>());
    }
    const auto name = [&](const char* key) {
        return vm.count(key) > 0 ? std::optional(vm[key].as<std::string>()) : std::nullopt;
    };
    options.save_name = name("save");
    options.run_name = name("run");
    options.new_name = name("new");
    options.list_saved = vm.count("saved") > 0;
    options.serve = name("serve");
    options.cors_origin = name("cors");
    options.quiet = vm.count("quiet") > 0;
    if (vm.count("query") > 0) {
        for (const auto& word : vm["query"].as<std::vector<std::string>>()) {
            options.query += options.query.empty() ? word : " " + word;
        }
    }
    return options;
}

}  // namespace

Options parse_search_options(const std::vector<std::string>& args,
                             const std::vector<std::string>& saved_args) {
    return parse_options(args, saved_args);
}

void print_search_help(std::ostream& out) {
    fmt::print(out, "{}{}{}", usage, fmt::streamed(visible_options()), closing_help);
}

}  // namespace byline
