/** @file
 *  @brief The HTTP API of byline-search --serve, apart from HTTP itself: a path and its
 * parameters in, a status and a JSON document out (docs/http-api.md).
 *
 *  Parameters become the command line's options and go through the same parser, the
 * same Searcher and the same JSON writers as `--format json`: a search over HTTP is the
 * search the command line runs.
 */
#ifndef BYLINE_INCLUDED_HTTP_API_H
#define BYLINE_INCLUDED_HTTP_API_H

#include "searcher_pool.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>

namespace byline {

/// What one request may ask for.
struct ApiLimits {
    /// Bytes of query text (q); longer ones are answered 414.
    std::size_t max_query_bytes = 1024;
    /// Hits, stories or related articles per page (n).
    Xapian::doccount max_results = 1000;
    /// Seconds a search's match may take; past them its hits are the best found so far.
    double seconds_per_query = 5;
};

struct ApiResponse {
    int status = 200;
    nlohmann::ordered_json body;
};

/// The query parameters of a request, each name with every value given.
using ApiParams = std::multimap<std::string, std::string>;

/// Answers GET `path` with `params`: /search, /stories, /timeline, /article/ID and
/// /related/ID. Errors are answered too, never thrown: 400 for a bad parameter, 404 for
/// an unknown path or article, 414 for a query over the limit, 503 when the index or a
/// shard cannot be read, 500 for anything else; their body is the "error" definition of
/// docs/output-format.schema.json.
[[nodiscard]] ApiResponse answer_api_request(const std::string& path, const ApiParams& params,
                                             SearcherPool& searchers, const ApiLimits& limits);

/// An error's body: {"format_version", "status", "error": message}.
[[nodiscard]] ApiResponse api_error(int status, const std::string& message);

}  // namespace byline

#endif
