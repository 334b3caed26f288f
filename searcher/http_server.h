/** @file
 *  @brief byline-search --serve's HTTP server: the search page, the JSON API
 * (http_api.h), and the limits, headers and request log around them.
 *
 *  cpp-httplib stays inside http_server.cpp: the Debian build is a shared library whose
 *  header must be compiled with the definitions its pkg-config file gives.
 */
#ifndef BYLINE_INCLUDED_HTTP_SERVER_H
#define BYLINE_INCLUDED_HTTP_SERVER_H

#include "http_api.h"
#include "searcher_pool.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace byline {

struct ServerSettings {
    /// The address to listen on; loopback unless told otherwise.
    std::string host = "127.0.0.1";
    /// 0: any free port (HttpServer::bind says which).
    int port = 0;
    /// With a value: the Access-Control-Allow-Origin that lets pages there read answers.
    std::optional<std::string> cors_origin;
    /// A line per request on the log stream.
    bool log_requests = true;
    ApiLimits limits;
    /// Requests served at once. A keep-alive connection holds its thread until it
    /// closes or idles past keep_alive_seconds.
    std::size_t threads = 16;
    int keep_alive_seconds = 5;
    /// Bytes of request body accepted (a GET needs none): more is answered 413.
    std::size_t max_body_bytes = 4096;
};

class HttpServer {
  public:
    /// `log` takes the request log; it must outlive the server.
    HttpServer(SearcherPool& searchers, ServerSettings settings, std::ostream& log);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds the listening socket and returns its port. Throws byline::Error when the
    /// address cannot be bound.
    int bind();
    /// Serves until stop(), then returns once the requests in flight are answered.
    void listen();
    /// Stops listen(); callable from any thread.
    void stop();

  private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

/// The search page served at / (search_page.html, compiled in).
[[nodiscard]] std::string_view search_page_html();

}  // namespace byline

#endif
