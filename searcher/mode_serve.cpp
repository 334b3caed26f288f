/** @file
 *  @brief byline-search --serve [HOST:]PORT: the HTTP API and search page
 * (http_server.h) until SIGTERM or SIGINT, which let the requests in flight finish.
 */
#include "http_server.h"
#include "modes.h"
#include "search_command.h"
#include "searcher_pool.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <atomic>
#include <charconv>
#include <csignal>
#include <thread>

#include <pthread.h>

namespace byline {

namespace {

/// HOST:PORT, [IPV6]:PORT or PORT (on loopback) into the settings.
void read_address(const std::string& address, ServerSettings& settings) {
    std::string_view port = address;
    if (const auto colon = address.rfind(':'); colon != std::string::npos) {
        std::string_view host = std::string_view(address).substr(0, colon);
        if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
            host = host.substr(1, host.size() - 2);
        }
        settings.host = host;
        port = std::string_view(address).substr(colon + 1);
    }
    const auto [end, error] =
        std::from_chars(port.data(), port.data() + port.size(), settings.port);
    constexpr int max_port = 65535;
    if (error != std::errc() || end != port.data() + port.size() || settings.port < 0 ||
        settings.port > max_port || settings.host.empty()) {
        throw cli::UsageError(
            fmt::format("--serve {}: not [HOST:]PORT (PORT 0 to 65535)", address));
    }
}

}  // namespace

int run_serve_mode(const std::vector<std::string>&, const Options& options, std::ostream& err) {
    ServerSettings settings;
    read_address(*options.serve, settings);
    settings.cors_origin = options.cors_origin;
    settings.log_requests = !options.quiet;
    SearcherPool searchers(sources_for(options), synonyms_for(options));
    try {
        // Opens the index once before the first request, and says so now if it cannot.
        (void)searchers.borrow();
    } catch (const Error& e) {
        fmt::print(err, "{}: warning: {}; answering 503 until it opens\n", search_program,
                   describe_search_error(e));
    }

    // SIGTERM and SIGINT go to one thread that stops the server; blocked in every other
    // thread (they inherit the mask), as is SIGPIPE: a client that goes away must not end
    // the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigset_t blocked = stop_signals;
    sigaddset(&blocked, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &blocked, nullptr);

    HttpServer server(searchers, settings, err);
    const int port = server.bind();
    const bool ipv6 = settings.host.find(':') != std::string::npos;
    fmt::print(err, "{}: listening on http://{}{}{}:{}\n", search_program, ipv6 ? "[" : "",
               settings.host, ipv6 ? "]" : "", port);
    err.flush();
    std::atomic<bool> stopping = false;
    std::thread signal_waiter([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        if (!stopping.exchange(true)) {
            server.stop();
        }
    });
    server.listen();
    if (!stopping.exchange(true)) {
        // listen() ended by itself: wake the waiter.
        pthread_kill(signal_waiter.native_handle(), SIGTERM);
    }
    signal_waiter.join();
    fmt::print(err, "{}: stopped\n", search_program);
    return search_hits;
}

}  // namespace byline
