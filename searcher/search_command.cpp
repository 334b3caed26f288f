/** @file
 *  @brief The byline-search command: parse the options, run the mode they ask
 * for.
 */
#include "search_command.h"

#include "modes.h"
#include "saved_searches.h"
#include "search_options.h"

#include <byline/error.h>
#include <byline/version.h>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <xapian.h>
#include <boost/program_options/errors.hpp>

#include <iostream>

namespace byline {

namespace {

/// --run NAME and --new NAME: the options again, the saved search's query and options
/// beneath those given.
Options with_saved_search(const std::vector<std::string>& args, const Options& options) {
    const auto& name = options.run_name ? *options.run_name : *options.new_name;
    if ((options.run_name && options.new_name) || options.save_name) {
        throw cli::UsageError("give one of --run NAME, --new NAME and --save NAME");
    }
    if (!options.query.empty()) {
        throw cli::UsageError(fmt::format("--{} {} searches its saved query: give no QUERY",
                                          options.run_name ? "run" : "new", name));
    }
    const auto saved = SavedSearchFile(saved_searches_path()).find(name);
    return parse_search_options(args, saved.arguments());
}

/// One function per mode, behind this dispatch.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err) {
    auto options = parse_search_options(args);
    if (options.help) {
        print_search_help(out);
        return search_hits;
    }
    if (options.version) {
        cli::print_version(out, search_program);
        return search_hits;
    }
    if (options.run_name || options.new_name) {
        options = with_saved_search(args, options);
    }
    const bool query = !options.query.empty() && !options.save_name && !options.new_name;
    const int modes = (options.info ? 1 : 0) + (options.show_id ? 1 : 0) +
                      (options.like_id ? 1 : 0) + (options.queries_file ? 1 : 0) + (query ? 1 : 0) +
                      (options.eval_files.empty() ? 0 : 1) + (options.save_name ? 1 : 0) +
                      (options.list_saved ? 1 : 0) + (options.new_name ? 1 : 0) +
                      (options.serve ? 1 : 0);
    if (modes == 0) {
        throw cli::UsageError(options.stories ? "--stories needs a QUERY ('*': every article)"
                                              : "no QUERY given");
    }
    if (modes > 1) {
        throw cli::UsageError(
            "give one of QUERY, --queries FILE, --eval, --show, --like, --info, --save, "
            "--saved, --new or --serve");
    }
    if (options.stories && !query) {
        throw cli::UsageError("--stories lists the stories of a QUERY ('*': every article)");
    }
    if (options.timeline && !query) {
        throw cli::UsageError("--timeline counts the matches of a QUERY (or of --run NAME)");
    }
    if (options.timeline && options.count_only) {
        throw cli::UsageError("give one of --timeline and --count");
    }
    if (!options.eval_files.empty()) {
        return run_eval_mode(options, out, err);
    }
    if (options.show_id) {
        return run_show_mode(options, out, err);
    }
    if (options.like_id) {
        return run_like_mode(options, out, err);
    }
    if (options.info) {
        return run_info_mode(options, out, err);
    }
    if (options.serve) {
        return run_serve_mode(args, options, err);
    }
    if (options.queries_file) {
        return run_batch_mode(options, in, out, err);
    }
    if (options.save_name) {
        return run_save_mode(options, out, err);
    }
    if (options.list_saved) {
        return run_saved_list_mode(options, out, err);
    }
    if (options.new_name) {
        return run_new_mode(options, out, err);
    }
    if (options.stories) {
        return run_stories_mode(options, out, err);
    }
    if (options.timeline) {
        return run_timeline_mode(options, out, err);
    }
    return run_query_mode(options, out, err);
}

}  // namespace

std::string describe_search_error(const Error& e) {
    if (const auto* bound = dynamic_cast<const DateBoundError*>(&e)) {
        return fmt::format("--{} {}: not a date ({})",
                           bound->bound() == DateBoundError::Bound::since ? "since" : "until",
                           bound->text(), DateBoundError::forms);
    }
    if (const auto* shard = dynamic_cast<const ShardUnavailableError*>(&e)) {
        return fmt::format("{} (--partial answers without it)", shard->what());
    }
    if (const auto* remote = dynamic_cast<const RemoteUnsupportedError*>(&e)) {
        const bool recency = remote->feature() == RemoteUnsupportedError::Feature::recency;
        return fmt::format(
            "{} cannot search remote shards (Xapian's remote backend cannot run Byline's {}); "
            "search local shards instead",
            recency ? "--recent" : "--facet", recency ? "recency bonus" : "facet counter");
    }
    return cli::describe_common_error(e);
}

int run_search_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                       std::ostream& err) {
    return cli::run_reporting_errors(
        search_program, err, search_failed, [&] { return run(args, in, out, err); },
        describe_search_error);
}

int run_search_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return run_search_command(args, std::cin, out, err);
}

}  // namespace byline
