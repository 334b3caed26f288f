/** @file
 *  @brief The HTTP API of byline-search --serve: parameters to options, options to the
 * searcher, answers to the JSON of --format json.
 */
#include "http_api.h"

#include "cli_kit.h"
#include "hit_output.h"
#include "modes.h"
#include "search_command.h"
#include "search_options.h"
#include "timeline_printer.h"

#include <byline/error.h>
#include <byline/index_info.h>
#include <byline/timeline.h>

#include <fmt/format.h>
#include <boost/program_options/errors.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace byline {

namespace {

using json = nlohmann::ordered_json;

/// The views a path names.
enum class View : unsigned {
    search = 1,
    stories = 2,
    timeline = 4,
    article = 8,
    related = 16,
    info = 32
};

constexpr unsigned views(std::initializer_list<View> list) {
    unsigned mask = 0;
    for (const auto view : list) {
        mask |= static_cast<unsigned>(view);
    }
    return mask;
}

/// A query parameter: the option it stands for, whether it is a flag (its value then
/// true or false), and the views that take it. q, the query itself, is not an option.
struct ParamSpec {
    std::string_view name;
    std::string_view option;
    bool flag;
    unsigned views;
};

constexpr unsigned query_views = views({View::search, View::stories, View::timeline});
constexpr unsigned paged_views = views({View::search, View::stories, View::related});
constexpr auto search_view = static_cast<unsigned>(View::search);

constexpr std::array<ParamSpec, 15> param_specs = {{
    {"q", "", false, query_views},
    {"n", "--limit", false, paged_views},
    {"offset", "--offset", false, paged_views},
    {"sort", "--sort", false, search_view},
    {"since", "--since", false, query_views},
    {"until", "--until", false, query_views},
    {"any", "--any", true, query_views},
    {"every-word", "--every-word", true, query_views},
    {"no-synonyms", "--no-synonyms", true, query_views},
    {"all", "--all", true, search_view},
    {"recent", "--recent", true, search_view},
    {"count", "--count", true, search_view},
    {"explain", "--explain", true, search_view},
    {"facet", "--facet", false, search_view},
    {"period", "--timeline", false, static_cast<unsigned>(View::timeline)},
}};

/// A request that cannot be answered as asked, with the status that says why.
class RequestError : public std::runtime_error {
  public:
    RequestError(int status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    [[nodiscard]] int status() const { return status_; }

  private:
    int status_;
};

bool flag_value(std::string_view name, const std::string& value) {
    if (value.empty() || value == "1" || value == "true" || value == "yes" || value == "on") {
        return true;
    }
    if (value == "0" || value == "false" || value == "no" || value == "off") {
        return false;
    }
    throw RequestError(400, fmt::format("parameter {}: '{}' is not true or false", name, value));
}

/// The parameters as the command line's options, checked by its parser; q apart.
Options options_for(View view, const ApiParams& params, const ApiLimits& limits) {
    std::vector<std::string> args;
    std::string query;
    for (const auto& param : params) {
        // Not a structured binding: clang 14 cannot capture one in the lambda.
        const auto& name = param.first;
        const auto& value = param.second;
        const auto spec = std::find_if(param_specs.begin(), param_specs.end(),
                                       [&](const ParamSpec& s) { return s.name == name; });
        if (spec == param_specs.end() || (spec->views & static_cast<unsigned>(view)) == 0) {
            throw RequestError(400, fmt::format("unknown parameter '{}'", name));
        }
        if (spec->name == "q") {
            query = value;
        } else if (spec->flag) {
            if (flag_value(name, value)) {
                args.emplace_back(spec->option);
            }
        } else {
            args.push_back(fmt::format("{}={}", spec->option, value));
        }
    }
    if (query.size() > limits.max_query_bytes) {
        throw RequestError(414, fmt::format("q is {} bytes long; the limit is {}", query.size(),
                                            limits.max_query_bytes));
    }
    auto options = parse_search_options(args);
    if (options.limit > limits.max_results) {
        throw RequestError(400, fmt::format("n is at most {}", limits.max_results));
    }
    options.query = query;
    if ((view == View::search || view == View::stories || view == View::timeline) &&
        options.query.empty()) {
        throw RequestError(400, "no query: give q ('*' for every article)");
    }
    return options;
}

/// The request the searcher answers for `options`, as the command line's --format json.
SearchRequest request_for(const Options& options, const ApiLimits& limits) {
    auto request = paged_request(options);
    request.query = options.query;
    request.time_limit_seconds = limits.seconds_per_query;
    return request;
}

json search_view_json(const Options& options, Searcher& searcher, const ApiLimits& limits) {
    auto request = request_for(options, limits);
    if (options.count_only) {
        return count_json({{}, options.query, 0, searcher.search(counting(request))});
    }
    return answer_json({{}, options.query, options.offset, searcher.search(request)});
}

json timeline_view_json(const Options& options, Searcher& searcher, const ApiLimits& limits) {
    TimelineRequest request{request_for(options, limits), options.timeline_period};
    return timeline_json(options.query, make_timeline(searcher, request));
}

/// The view that `path` names, and the article id it carries (/article/ID, /related/ID).
std::optional<std::pair<View, std::string>> route(std::string_view path) {
    constexpr std::array<std::pair<std::string_view, View>, 4> plain = {
        {{"/search", View::search},
         {"/stories", View::stories},
         {"/timeline", View::timeline},
         {"/info", View::info}}};
    for (const auto& [name, view] : plain) {
        if (path == name) {
            return std::pair{view, std::string()};
        }
    }
    constexpr std::array<std::pair<std::string_view, View>, 2> with_id = {
        {{"/article/", View::article}, {"/related/", View::related}}};
    for (const auto& [prefix, view] : with_id) {
        if (path.starts_with(prefix) && path.size() > prefix.size()) {
            return std::pair{view, std::string(path.substr(prefix.size()))};
        }
    }
    return std::nullopt;
}

/// The view's answer; an unknown article is an answer too (404), not an exception, so
/// that the searcher goes back to the pool (SearcherPool::Lease drops one left by an
/// exception).
ApiResponse answer(View view, const std::string& id, const Options& options, Searcher& searcher,
                   const std::string& index_dir, const ApiLimits& limits) {
    const auto unknown = [&] {
        return api_error(404, fmt::format("no article with id '{}' in the index", id));
    };
    switch (view) {
        case View::search:
            return {200, search_view_json(options, searcher, limits)};
        case View::stories:
            return {200, stories_json(options.query, options.offset,
                                      searcher.stories(request_for(options, limits)))};
        case View::timeline:
            return {200, timeline_view_json(options, searcher, limits)};
        case View::article: {
            const auto article = searcher.article(id);
            return article ? ApiResponse{200, article_json(*article)} : unknown();
        }
        case View::info:
            return {200, info_json(read_index_info(index_dir, searcher.database()))};
        case View::related: {
            auto response = searcher.related(id, request_for(options, limits));
            if (!response) {
                return unknown();
            }
            return {200, answer_json({{}, id, options.offset, std::move(*response)})};
        }
    }
    return api_error(404, "no such view");
}

/// The status for an error of the library: the index or a shard that cannot be read is
/// the service's trouble (503), a bad date bound or a feature a remote shard lacks the
/// request's (400).
int status_of(const Error& e) {
    if (dynamic_cast<const DateBoundError*>(&e) != nullptr ||
        dynamic_cast<const RemoteUnsupportedError*>(&e) != nullptr) {
        return 400;
    }
    return 503;
}

}  // namespace

ApiResponse api_error(int status, const std::string& message) {
    return {status,
            json{{"format_version", json_format_version}, {"status", status}, {"error", message}}};
}

ApiResponse answer_api_request(const std::string& path, const ApiParams& params,
                               SearcherPool& searchers, const ApiLimits& limits) {
    try {
        const auto routed = route(path);
        if (!routed) {
            throw RequestError(404, fmt::format("no such path: {}", path));
        }
        const auto& [view, id] = *routed;
        const auto options = options_for(view, params, limits);
        const auto searcher = searchers.borrow();
        return answer(view, id, options, *searcher, searchers.sources().databases.front(), limits);
    } catch (const RequestError& e) {
        return api_error(e.status(), e.what());
    } catch (const cli::UsageError& e) {
        return api_error(400, e.what());
    } catch (const boost::program_options::error& e) {
        return api_error(400, e.what());
    } catch (const Error& e) {
        return api_error(status_of(e), describe_search_error(e));
    } catch (const Xapian::Error& e) {
        return api_error(500, e.get_description());
    } catch (const std::exception& e) {
        return api_error(500, e.what());
    }
}

}  // namespace byline
