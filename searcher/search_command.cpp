/** @file
 *  @brief The byline-search command: parse the options, search, print.
 */
#include "search_command.h"

#include "batch_mode.h"
#include "hit_output.h"

#include <byline/error.h>
#include <byline/evaluation.h>
#include <byline/index_info.h>
#include <byline/index_location.h>
#include <byline/searcher.h>
#include <byline/version.h>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <boost/program_options.hpp>

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <utility>

namespace byline {

namespace po = boost::program_options;

namespace {

constexpr std::string_view program = "byline-search";

constexpr std::string_view usage = R"(Usage: byline-search [OPTIONS] QUERY...
       byline-search [OPTIONS] --queries FILE
       byline-search --info [--format json]

Searches the index for the words of QUERY and prints the best articles first
(BM25).

Query syntax:
  sutskever safety          articles with both words (stemmed: safety matches
                            safe-ty forms)
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
Words with the same meaning (AI, artificial intelligence) find each other. When
nothing matches, a misspelt query is corrected and the output says so. Copies of
one story show once, marked "+N copies" (--all shows each).

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

Exit status: 0 some article matched (in batch mode: for some query), 1 none
matched, 2 error.

Examples:
  byline-search 'title:altman board'
  byline-search --format jsonl -n 50 openai | jq -r .title
  printf 'q1\tSutskever safety\n' | byline-search --queries -
)";

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
    std::string query;
    bool help = false;
    bool version = false;
    /// Ranking, filters, facets and the rest of what the query options set.
    SearchRequest request;
    std::optional<std::string> synonyms_file;
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
    constexpr unsigned help_columns = 80;
    po::options_description options(help_columns);
    auto add = options.add_options();
    add("db,d", po::value<std::vector<std::string>>()->value_name("DIR")->composing(),
        "index folder (default: $BYLINE_DB, else $XDG_DATA_HOME/byline/index, else "
        "~/.local/share/byline/index); repeat it to search several indexes or shards as "
        "one: a folder, a Xapian stub file (whose 'remote :HOST:PORT' lines are shards "
        "served by xapian-tcpsrv) or tcp://HOST:PORT");
    add("partial",
        "when a shard cannot be opened, answer from the others and name it "
        "(stderr; \"missing_shards\" in JSON) instead of failing");
    add("timeout", po::value<unsigned>()->value_name("SECONDS")->default_value(10),
        "give up on a remote shard that does not connect or answer within SECONDS");
    add("limit,n", po::value<Xapian::doccount>()->value_name("N")->default_value(10),
        "print at most N hits per query");
    add("offset", po::value<Xapian::doccount>()->value_name("K")->default_value(0),
        "skip the first K hits (for paging)");
    add("format", po::value<std::string>()->value_name("FORMAT")->default_value("text"),
        "text, json, jsonl, tsv or ids (see below)");
    add("color", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
        "colour text output: auto (on a terminal, unless NO_COLOR is set), always, never");
    add("width", po::value<std::size_t>()->value_name("COLUMNS"),
        "wrap text output to COLUMNS (default: the terminal's width, else 80; 0: do not "
        "wrap)");
    add("queries", po::value<std::string>()->value_name("FILE"),
        "batch mode: answer each line of FILE ('-': standard input) as a query, in order, "
        "flushing each answer; a line may be ID<TAB>QUERY");
    add("jobs,j", po::value<unsigned>()->value_name("N"),
        "batch mode: answer up to N queries at once when FILE is a file (default: the "
        "number of CPUs, at most 8; a pipe is answered one query at a time)");
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
    add("info", "describe the index (articles, dates, sources, size, last update) and exit");
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
    options.info = vm.count("info") > 0;
    if (vm.count("db") > 0) {
        options.dbs = vm["db"].as<std::vector<std::string>>();
    }
    options.partial = vm.count("partial") > 0;
    options.timeout_seconds = vm["timeout"].as<unsigned>();
    if (options.timeout_seconds == 0) {
        throw po::error("--timeout must be at least 1 second");
    }
    options.limit = vm["limit"].as<Xapian::doccount>();
    options.offset = vm["offset"].as<Xapian::doccount>();
    options.format = choice<OutputFormat>(vm, "format",
                                          {{"text", OutputFormat::text},
                                           {"json", OutputFormat::json},
                                           {"jsonl", OutputFormat::jsonl},
                                           {"tsv", OutputFormat::tsv},
                                           {"ids", OutputFormat::ids}});
    options.format_given = !vm["format"].defaulted();
    options.color = choice<ColorChoice>(vm, "color",
                                        {{"auto", ColorChoice::automatic},
                                         {"always", ColorChoice::always},
                                         {"never", ColorChoice::never}});
    if (vm.count("width") > 0) {
        options.width = vm["width"].as<std::size_t>();
    }
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
    if (vm.count("query") > 0) {
        for (const auto& word : vm["query"].as<std::vector<std::string>>()) {
            options.query += options.query.empty() ? word : " " + word;
        }
    }
    return options;
}

/// Whether `out` is standard output and that is a terminal, i.e. a person reads it.
bool is_terminal(const std::ostream& out) {
    return &out == &std::cout && isatty(STDOUT_FILENO) != 0;
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
    return is_terminal(out) && (no_color == nullptr || *no_color == '\0');
}

/// The terminal's width when `out` is one; else a fixed 80 columns, so that piped and
/// tested output does not depend on where it was produced.
std::size_t text_width(const Options& options, const std::ostream& out) {
    constexpr std::size_t default_width = 80;
    if (options.width) {
        return *options.width;
    }
    winsize size{};
    if (is_terminal(out) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return default_width;
}

/// The databases to search: the --db arguments, else the default index.
IndexSources sources_for(const Options& options) {
    IndexSources sources;
    sources.databases = options.dbs;
    if (sources.databases.empty()) {
        sources.databases.push_back(index_location(std::nullopt).string());
    }
    sources.partial = options.partial;
    sources.remote_timeout_ms = options.timeout_seconds * 1000;
    return sources;
}

/// With --partial, names on stderr each shard left out, once: at the start, or when it
/// is lost during a run. Shared by batch mode's threads.
class MissingShardReport {
  public:
    void report(std::ostream& err, const std::vector<MissingShard>& missing) {
        const std::lock_guard lock(mutex_);
        for (const auto& shard : missing) {
            if (named_.insert(shard.shard).second) {
                fmt::print(err, "{}: partial results: shard {} left out ({})\n", program,
                           shard.shard, shard.reason);
            }
        }
    }

  private:
    std::mutex mutex_;
    std::set<std::string> named_;
};

/// The synonym groups of --synonyms FILE, used besides those in the index.
std::vector<SynonymGroup> synonyms_for(const Options& options) {
    if (!options.synonyms_file) {
        return {};
    }
    return read_synonym_file(*options.synonyms_file);
}

/// The IR measures over a topic set: topics are long natural-language requests, so
/// their words are combined with OR and read as words, not query syntax.
int evaluate_topics(const Options& options, std::ostream& out, std::ostream& err) {
    Searcher searcher(sources_for(options), synonyms_for(options));
    MissingShardReport().report(err, searcher.missing_shards());
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
        request.query = text;
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

struct Plan {
    SearchRequest request;
    AnswerPrinter printer;
};

Plan plan(const Options& options, const std::ostream& out, bool batch) {
    auto format = options.format;
    if (batch && !options.format_given) {
        format = OutputFormat::json;
    }
    TextLayout layout;
    layout.color = use_color(options.color, out);
    layout.width = text_width(options, out);
    SearchRequest request = options.request;
    request.offset = options.offset;
    request.limit = options.limit;
    switch (format) {
        case OutputFormat::text:
            request.snippet_length = snippet_length_for(layout);
            break;
        case OutputFormat::tsv:
        case OutputFormat::ids:
            // These formats print no snippet: do not read bodies to make one.
            request.snippet_length = 0;
            break;
        case OutputFormat::json:
        case OutputFormat::jsonl:
            break;
    }
    return {request, AnswerPrinter(format, layout, batch)};
}

void report_syntax(std::ostream& err, const Answer& answer) {
    if (answer.response.syntax_note) {
        fmt::print(err, "{}: query '{}': {}\n", program, answer.query,
                   *answer.response.syntax_note);
    }
}

/// --count: the number of matching articles alone, every copy included.
int print_count(const Options& options, Searcher& searcher, SearchRequest request,
                std::ostream& out) {
    request.limit = 0;
    request.exact_count = true;
    request.collapse_copies = false;
    const auto response = searcher.search(request);
    if (options.format == OutputFormat::text) {
        fmt::print(out, "{}{}\n", response.exact_matches ? "" : "about ",
                   response.estimated_matches);
    } else {
        nlohmann::ordered_json line{{"format_version", json_format_version},
                                    {"query", options.query},
                                    {"count", response.estimated_matches},
                                    {"exact", response.exact_matches}};
        if (!response.missing_shards.empty()) {
            line["missing_shards"] = missing_shards_json(response.missing_shards);
        }
        out << json_line(line) << '\n';
    }
    out.flush();
    return response.estimated_matches == 0 ? search_no_hits : search_hits;
}

int search_one(const Options& options, std::ostream& out, std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    auto [request, printer] = plan(options, out, false);
    Searcher searcher(sources_for(options), synonyms_for(options));
    MissingShardReport missing;
    missing.report(err, searcher.missing_shards());
    request.query = options.query;
    if (options.count_only) {
        return print_count(options, searcher, request, out);
    }
    Answer answer{{}, options.query, options.offset, searcher.search(request)};
    missing.report(err, answer.response.missing_shards);
    report_syntax(err, answer);
    std::optional<double> seconds;
    if (is_terminal(out)) {
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    printer.print(out, answer, seconds);
    out.flush();
    return answer.response.hits.empty() ? search_no_hits : search_hits;
}

/// One query line's answer: the line is ID<TAB>QUERY, or a query numbered by its line.
LineAnswer answer_line(Searcher& searcher, SearchRequest request, const AnswerPrinter& printer,
                       Xapian::doccount offset, MissingShardReport& missing,
                       std::size_t line_number, std::string line) {
    if (line.ends_with('\r')) {
        line.pop_back();
    }
    Answer answer;
    answer.offset = offset;
    if (const auto tab = line.find('\t'); tab != std::string::npos) {
        answer.query_id = line.substr(0, tab);
        answer.query = line.substr(tab + 1);
    } else {
        answer.query_id = std::to_string(line_number);
        answer.query = std::move(line);
    }
    request.query = answer.query;
    answer.response = searcher.search(request);
    std::ostringstream out;
    std::ostringstream err;
    missing.report(err, answer.response.missing_shards);
    report_syntax(err, answer);
    printer.print(out, answer, std::nullopt);
    return {std::move(out).str(), std::move(err).str(), !answer.response.hits.empty()};
}

/// Answers each line of `queries` in order, flushing every answer so that a program
/// holding this process as a coprocess can read it before it asks the next. Input that
/// never keeps the reader waiting is answered several queries at a time (--jobs).
int search_batch(const Options& options, std::istream& queries, bool never_waits, std::ostream& out,
                 std::ostream& err) {
    const auto planned = plan(options, out, true);
    const auto sources = sources_for(options);
    const auto synonyms = synonyms_for(options);
    // The first searcher opens here, so that a missing index fails before any answer.
    auto first = std::make_shared<Searcher>(sources, synonyms);
    MissingShardReport missing;
    missing.report(err, first->missing_shards());
    std::mutex handing_out;
    const auto make_answerer = [&]() -> LineAnswerer {
        std::shared_ptr<Searcher> searcher;
        {
            const std::lock_guard lock(handing_out);
            searcher = std::exchange(first, nullptr);
        }
        if (!searcher) {
            searcher = std::make_shared<Searcher>(sources, synonyms);
        }
        return [searcher, &planned, &options, &missing](std::size_t line_number, std::string line) {
            return answer_line(*searcher, planned.request, planned.printer, options.offset, missing,
                               line_number, std::move(line));
        };
    };
    constexpr unsigned default_jobs_limit = 8;
    const unsigned jobs = options.jobs.value_or(
        std::clamp(std::thread::hardware_concurrency(), 1U, default_jobs_limit));
    const bool any_hits = answer_lines(queries, never_waits ? jobs : 1, make_answerer, out, err);
    if (queries.bad()) {
        throw Error(fmt::format("cannot read queries from {}", *options.queries_file));
    }
    return any_hits ? search_hits : search_no_hits;
}

int run_batch(const Options& options, std::istream& in, std::ostream& out, std::ostream& err) {
    if (*options.queries_file == "-") {
        // A stream other than standard input is in memory (the tests'); standard input
        // redirected from a file never waits either. A pipe may: a coprocess writes its
        // next query only after reading the answer to the last.
        struct stat status {};
        const bool never_waits =
            &in != &std::cin || (fstat(STDIN_FILENO, &status) == 0 && S_ISREG(status.st_mode));
        return search_batch(options, in, never_waits, out, err);
    }
    std::ifstream file(*options.queries_file);
    if (!file) {
        throw Error(fmt::format("cannot open queries file {}", *options.queries_file));
    }
    std::error_code ignored;
    return search_batch(options, file,
                        std::filesystem::is_regular_file(*options.queries_file, ignored), out, err);
}

int print_info(const Options& options, std::ostream& out, std::ostream& err) {
    if (options.format != OutputFormat::text && options.format != OutputFormat::json) {
        throw po::error("--info prints --format text or json");
    }
    const auto sources = sources_for(options);
    const Searcher searcher(sources);
    MissingShardReport().report(err, searcher.missing_shards());
    const auto info = read_index_info(sources.databases.front(), searcher.database());
    if (options.format == OutputFormat::json) {
        out << json_line(info_json(info)) << '\n';
    } else {
        print_info_text(out, info);
    }
    out.flush();
    return search_hits;
}

}  // namespace

int run_search_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                       std::ostream& err) {
    try {
        const auto options = parse_options(args);
        if (options.help) {
            fmt::print(out, "{}{}{}", usage, fmt::streamed(visible_options()), closing_help);
            return search_hits;
        }
        if (options.version) {
            fmt::print(out, "{} {} (Xapian {})\n", program, version, Xapian::version_string());
            return search_hits;
        }
        const int modes = (options.info ? 1 : 0) + (options.queries_file ? 1 : 0) +
                          (options.query.empty() ? 0 : 1) + (options.eval_files.empty() ? 0 : 1);
        if (modes == 0) {
            fmt::print(err, "{}: no QUERY given (see --help)\n", program);
            return search_failed;
        }
        if (modes > 1) {
            throw po::error("give one of QUERY, --queries FILE, --eval or --info");
        }
        if (!options.eval_files.empty()) {
            return evaluate_topics(options, out, err);
        }
        if (options.info) {
            return print_info(options, out, err);
        }
        if (options.queries_file) {
            return run_batch(options, in, out, err);
        }
        return search_one(options, out, err);
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

int run_search_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_search_command(args, std::cin, out, err);
}

}  // namespace byline
