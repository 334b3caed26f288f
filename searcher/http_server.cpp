/** @file
 *  @brief byline-search --serve's HTTP server on cpp-httplib: routes, limits, headers,
 * the request log.
 */
#include "http_server.h"

#include "search_options.h"

#include <byline/error.h>

#include <fmt/format.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <utility>

namespace byline {

namespace {

using Clock = std::chrono::steady_clock;

/// Kept by the worker thread between routing and logging a request: httplib calls both
/// on the thread that answers it.
thread_local std::optional<Clock::time_point> request_started;

/// The request target as the log shows it: control characters made visible.
std::string printable(std::string_view text) {
    if (text.empty()) {
        return "-";
    }
    std::string shown;
    shown.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        shown += byte < 0x20 || byte == 0x7f ? '?' : c;
    }
    return shown;
}

void send_json(httplib::Response& res, const ApiResponse& answer) {
    res.status = answer.status;
    res.set_content(json_line(answer.body) + "\n", "application/json; charset=utf-8");
}

/// The methods the API reads no body for: GET and HEAD, and OPTIONS (a browser's
/// preflight request, answered with --cors, refused without).
bool is_read_method(const std::string& method) {
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

/// The API is read-only: 405, saying which methods are allowed.
void refuse_method(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", "GET, HEAD");
    send_json(res, api_error(405, fmt::format("method {} not allowed: the API is read-only "
                                              "(GET, HEAD)",
                                              req.method)));
}

/// Why httplib refused a request itself, before any handler ran.
std::string refusal(int status) {
    switch (status) {
        case 413:
            return "request body too large";
        case 414:
            return "request URI too long";
        case 404:
            return "no such path";
        default:
            return fmt::format("bad request (HTTP {})", status);
    }
}

/// The page runs its own inline script and fetches only from this server.
constexpr const char* page_policy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

}  // namespace

class HttpServer::Impl {
  public:
    Impl(SearcherPool& searchers, ServerSettings settings, std::ostream& log)
        : searchers_(searchers), settings_(std::move(settings)), log_(log) {
        configure();
    }

    int bind();
    void listen();
    void stop();

  private:
    void configure();
    void route();
    void log_request(const httplib::Request& req, const httplib::Response& res);

    SearcherPool& searchers_;
    ServerSettings settings_;
    /// httplib's stop() does nothing before its listen loop runs: a stop asked for
    /// earlier waits for the loop, or keeps it from starting.
    std::atomic<bool> stop_requested_ = false;
    std::atomic<bool> listening_ = false;
    std::ostream& log_;
    std::mutex log_mutex_;
    httplib::Server server_;
};

void HttpServer::Impl::configure() {
    const auto threads = settings_.threads;
    server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server_.set_payload_max_length(settings_.max_body_bytes);
    server_.set_keep_alive_timeout(settings_.keep_alive_seconds);
    server_.set_keep_alive_max_count(1000);
    // httplib writes an answer's head and body apart: with Nagle's algorithm the body
    // waited for the client's delayed ACK, 40 ms on Linux, on every keep-alive request.
    server_.set_tcp_nodelay(true);
    server_.set_read_timeout(5);
    server_.set_write_timeout(5);
    httplib::Headers headers = {{"X-Content-Type-Options", "nosniff"},
                                {"Cache-Control", "no-store"}};
    if (settings_.cors_origin) {
        headers.emplace("Access-Control-Allow-Origin", *settings_.cors_origin);
        headers.emplace("Vary", "Origin");
    }
    server_.set_default_headers(std::move(headers));
    server_.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        request_started = Clock::now();
        // httplib reads the body of a POST (PUT, ...) that gives no length until the
        // client closes the connection, which curl -X POST does not: refuse it now. Such
        // a request has no body (RFC 9112, 6.3), so the connection stays usable.
        if (!is_read_method(req.method) && !req.has_header("Content-Length") &&
            !req.has_header("Transfer-Encoding")) {
            refuse_method(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Statuses httplib gives itself (400, 413, 414, ...) get a JSON body as ours do.
    server_.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            send_json(res, api_error(res.status, refusal(res.status)));
            return httplib::Server::HandlerResponse::Handled;
        }));
    server_.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, const std::exception_ptr&) {
            send_json(res, api_error(500, "internal error"));
        });
    if (settings_.log_requests) {
        server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
            log_request(req, res);
        });
    }
    route();
}

void HttpServer::Impl::route() {
    server_.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
        if (req.path == "/") {
            res.set_header("Content-Security-Policy", page_policy);
            res.set_content(std::string(search_page_html()), "text/html; charset=utf-8");
            return;
        }
        const ApiParams params(req.params.begin(), req.params.end());
        send_json(res, answer_api_request(req.path, params, searchers_, settings_.limits));
    });
    // Read-only: every other method is refused, saying which are allowed; with --cors a
    // browser's preflight request is answered.
    server_.Post(R"(/.*)", refuse_method);
    server_.Put(R"(/.*)", refuse_method);
    server_.Patch(R"(/.*)", refuse_method);
    server_.Delete(R"(/.*)", refuse_method);
    const bool cors = settings_.cors_origin.has_value();
    server_.Options(R"(/.*)", [cors](const httplib::Request& req, httplib::Response& res) {
        if (!cors) {
            refuse_method(req, res);
            return;
        }
        res.status = 204;
        res.set_header("Access-Control-Allow-Methods", "GET, HEAD");
        res.set_header("Access-Control-Max-Age", "600");
    });
}

void HttpServer::Impl::log_request(const httplib::Request& req, const httplib::Response& res) {
    std::string took = "-";
    if (request_started) {
        const std::chrono::duration<double, std::milli> elapsed = Clock::now() - *request_started;
        took = fmt::format("{:.1f} ms", elapsed.count());
        request_started.reset();
    }
    const auto line = fmt::format("{}: {} \"{} {}\" {} {} B {}\n", search_program, req.remote_addr,
                                  printable(req.method), printable(req.target), res.status,
                                  res.body.size(), took);
    const std::lock_guard lock(log_mutex_);
    log_ << line << std::flush;
}

void HttpServer::Impl::listen() {
    listening_ = true;
    if (!stop_requested_) {
        server_.listen_after_bind();
    }
    listening_ = false;
}

void HttpServer::Impl::stop() {
    stop_requested_ = true;
    constexpr auto patience = std::chrono::seconds(2);
    const auto deadline = Clock::now() + patience;
    while (listening_ && !server_.is_running() && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    server_.stop();
}

int HttpServer::Impl::bind() {
    const int port = settings_.port == 0 ? server_.bind_to_any_port(settings_.host)
                     : server_.bind_to_port(settings_.host, settings_.port) ? settings_.port
                                                                            : -1;
    if (port < 0) {
        throw Error(
            fmt::format("cannot listen on {}:{} (in use, or not an address of this "
                        "machine)",
                        settings_.host, settings_.port));
    }
    return port;
}

HttpServer::HttpServer(SearcherPool& searchers, ServerSettings settings, std::ostream& log)
    : impl_(std::make_unique<Impl>(searchers, std::move(settings), log)) {}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
    return impl_->bind();
}

void HttpServer::listen() {
    impl_->listen();
}

void HttpServer::stop() {
    impl_->stop();
}

}  // namespace byline
