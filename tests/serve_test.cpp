/** @file
 *  @brief byline-search --serve: each endpoint's JSON against the schema, the error
 *  statuses, the limits, escaping, an index update while serving, and the real program
 *  stopping on SIGTERM.
 */
#include "http_server.h"
#include "json_schema.h"
#include "searcher_pool.h"
#include "test_support.h"

#include <fmt/format.h>
#include <httplib.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <cctype>
#include <csignal>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using byline::test::TempDir;
using json = nlohmann::json;

/// An HttpServer on a free loopback port, in a thread of its own, stopped with the object.
class RunningServer {
  public:
    explicit RunningServer(byline::IndexSources sources, byline::ServerSettings settings = {})
        : searchers_(std::move(sources), {}), server_(searchers_, std::move(settings), log_) {
        port_ = server_.bind();
        thread_ = std::thread([this] { server_.listen(); });
    }
    explicit RunningServer(const std::string& db) : RunningServer(byline::IndexSources{{db}}) {}
    ~RunningServer() {
        server_.stop();
        thread_.join();
    }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    [[nodiscard]] httplib::Client client() const {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(30);
        return client;
    }
    [[nodiscard]] int port() const { return port_; }

  private:
    std::ostringstream log_;
    byline::SearcherPool searchers_;
    byline::HttpServer server_;
    int port_ = 0;
    std::thread thread_;
};

/// GETs `target`, checks the status and that the body is JSON valid against the schema's
/// definition `def`, and returns it.
json get_json(httplib::Client& client, const std::string& target, int status,
              const std::string& def) {
    CAPTURE(target);
    const auto res = client.Get(target.c_str());
    REQUIRE(res);
    CHECK(res->status == status);
    CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
    const auto body = json::parse(res->body);
    const auto errors =
        byline::test::schema_errors(byline::test::output_format_schema(), "/$defs/" + def, body);
    CHECK(errors == std::vector<std::string>{});
    return body;
}

/// `text` percent-encoded as one path segment or parameter value.
std::string encoded(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.') {
            out += c;
        } else {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

/// The answers of the server at `port` to `requests`, each written as it is on one
/// connection once the answer to the one before has come; an answer is cut short when
/// the server is silent for 2 seconds (its read timeout is 5).
std::vector<std::string> raw_exchange(int port, const std::vector<std::string>& requests) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval patience{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    std::vector<std::string> answers;
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
        for (const auto& request : requests) {
            std::string answer;
            ::send(fd, request.data(), request.size(), 0);
            // The head, then as many bytes of body as its Content-Length says.
            std::size_t length = std::string::npos;
            char buffer[4096];
            while (length == std::string::npos || answer.size() < length) {
                const auto got = ::recv(fd, buffer, sizeof buffer, 0);
                if (got <= 0) {
                    break;
                }
                answer.append(buffer, static_cast<std::size_t>(got));
                const auto head_end = answer.find("\r\n\r\n");
                const auto field = answer.find("Content-Length: ");
                if (head_end != std::string::npos && field < head_end) {
                    length = head_end + 4 + std::stoul(answer.substr(field + 16));
                }
            }
            answers.push_back(answer);
        }
    }
    ::close(fd);
    return answers;
}

}  // namespace

TEST_CASE("serve: each endpoint answers the JSON of --format json", "[serve][sample_index]") {
    RunningServer server(byline::test::sample_db());
    auto client = server.client();

    const auto answer = get_json(client, "/search?q=Sutskever+safety&n=3", 200, "answer");
    REQUIRE(!answer["hits"].empty());
    CHECK(answer["hits"][0]["id"].get<std::string>().find("sutskever-leaves-openai") !=
          std::string::npos);
    CHECK(answer["hits"].size() <= 3);
    CHECK(!answer["hits"][0]["highlights"].empty());
    // The same search on the command line gives the same hits.
    const auto cli = byline::test::run_search(
        {"--db", byline::test::sample_db(), "--format", "json", "-n", "3", "Sutskever safety"});
    CHECK(json::parse(cli.out)["hits"] == answer["hits"]);

    const auto page2 = get_json(client, "/search?q=openai&n=2&offset=2&sort=date", 200, "answer");
    CHECK(page2["offset"] == 2);
    CHECK(page2["hits"][0]["rank"] == 3);
    const auto faceted =
        get_json(client, "/search?q=openai&facet=source&facet=year&explain=1&all", 200, "answer");
    CHECK(faceted["facets"].contains("source"));
    CHECK(faceted["facets"].contains("year"));
    CHECK(faceted["hits"][0].contains("explain"));
    const auto since =
        get_json(client, "/search?q=openai&since=2024-05&until=2024-05&n=50", 200, "answer");
    for (const auto& hit : since["hits"]) {
        CHECK(hit["date"].get<std::string>().starts_with("2024-05"));
    }
    const auto count = get_json(client, "/search?q=openai&count=true", 200, "count");
    CHECK(count["count"].get<int>() > 0);
    CHECK(count["exact"] == true);
    get_json(client, "/search?q=openai+anthropic&any=1", 200, "answer");

    const auto stories = get_json(client, "/stories?q=openai&n=2", 200, "stories_answer");
    CHECK(stories["stories"].size() == 2);
    const auto timeline = get_json(client, "/timeline?q=openai&period=year", 200, "timeline");
    CHECK(timeline["timeline"] == "year");
    CHECK(timeline["rows"][0]["period"].get<std::string>().size() == 4);

    // /info is --info --format json.
    const auto info = get_json(client, "/info", 200, "info");
    CHECK(info["articles"].get<int>() > 0);
    const auto cli_info =
        byline::test::run_search({"--db", byline::test::sample_db(), "--info", "--format", "json"});
    CHECK(json::parse(cli_info.out) == info);

    const std::string id = answer["hits"][0]["id"];
    const auto article = get_json(client, "/article/" + encoded(id), 200, "article");
    CHECK(article["id"] == id);
    CHECK(!article["body"].get<std::string>().empty());
    const auto related = get_json(client, "/related/" + encoded(id) + "?n=4", 200, "answer");
    CHECK(!related["hits"].empty());
    CHECK(related["hits"][0].contains("relation"));

    const auto page = client.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body.find("<form id=\"search-form\"") != std::string::npos);
    CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'none'") !=
          std::string::npos);
    // HEAD answers as GET does, without the body.
    const auto head = client.Head("/search?q=openai");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
}

TEST_CASE("serve: errors carry a status that means something and a JSON body",
          "[serve][sample_index]") {
    RunningServer server(byline::test::sample_db());
    auto client = server.client();
    // 400: a bad option, a bad parameter, no query.
    for (const auto* target : {"/search?q=openai&sort=sideways", "/search?q=openai&n=ten",
                               "/search?q=openai&since=someday", "/search?q=openai&colour=red",
                               "/search?q=openai&any=perhaps", "/search?n=3",
                               "/stories?q=", "/timeline?q=openai&period=fortnight",
                               "/article/x?q=openai", "/search?q=openai&n=1001", "/info?n=3"}) {
        const auto error = get_json(client, target, 400, "error");
        CHECK(error["status"] == 400);
        CHECK(!error["error"].get<std::string>().empty());
    }
    CHECK(get_json(client, "/search?q=openai&n=1001", 400, "error")["error"] ==
          "n is at most 1000");
    CHECK(get_json(client, "/search?q=openai&colour=red", 400, "error")["error"] ==
          "unknown parameter 'colour'");
    // 404: an unknown article or path.
    get_json(client, "/article/no-such-article", 404, "error");
    get_json(client, "/related/no-such-article", 404, "error");
    get_json(client, "/nothing/here", 404, "error");
    get_json(client, "/index.html", 404, "error");
    // No file is served from disk.
    get_json(client, "/../../etc/passwd", 404, "error");
    // 414: a query past the limit, a URI past httplib's.
    get_json(client, "/search?q=" + std::string(1025, 'a'), 414, "error");
    get_json(client, "/search?q=" + std::string(9000, 'a'), 414, "error");
    // 405 for every method but GET and HEAD; 413 for a body over the limit.
    for (const auto& res : {client.Post("/search?q=openai", "x", "text/plain"),
                            client.Put("/search", "x", "text/plain"), client.Delete("/search"),
                            client.Options("/search")}) {
        REQUIRE(res);
        CHECK(res->status == 405);
        CHECK(res->get_header_value("Allow") == "GET, HEAD");
        CHECK(json::parse(res->body)["status"] == 405);
    }
    // A POST with no length has no body (curl -X POST sends one): refused at once, and
    // the connection serves the next request.
    const auto answers = raw_exchange(
        server.port(), {"POST /search?q=openai HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                        "GET /search?q=openai&n=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"});
    REQUIRE(answers.size() == 2);
    CHECK(answers[0].starts_with("HTTP/1.1 405 "));
    CHECK(answers[1].starts_with("HTTP/1.1 200 "));
    const auto big = client.Post("/search", std::string(5000, 'x'), "text/plain");
    REQUIRE(big);
    CHECK(big->status == 413);
    // No CORS unless asked for.
    CHECK(!client.Get("/search?q=openai")->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("serve: --cors ORIGIN lets that origin read the answers", "[serve][sample_index]") {
    byline::ServerSettings settings;
    settings.cors_origin = "https://newsroom.example";
    RunningServer server(byline::IndexSources{{byline::test::sample_db()}}, settings);
    auto client = server.client();
    const auto res = client.Get("/search?q=openai");
    REQUIRE(res);
    CHECK(res->get_header_value("Access-Control-Allow-Origin") == "https://newsroom.example");
    const auto preflight = client.Options("/search");
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
}

TEST_CASE("serve: 503 for a shard that cannot be opened, unless partial", "[serve][sample_index]") {
    TempDir dir;
    const auto stub =
        dir.write("XAPIANDB", fmt::format("auto {}\nauto {}\n", byline::test::sample_db(),
                                          (dir.path() / "no-such-shard").string()));
    {
        RunningServer server(byline::IndexSources{{stub.string()}});
        auto client = server.client();
        const auto error = get_json(client, "/search?q=openai", 503, "error");
        CHECK(error["error"].get<std::string>().find("no-such-shard") != std::string::npos);
    }
    byline::IndexSources partial{{stub.string()}};
    partial.partial = true;
    RunningServer server(partial);
    auto client = server.client();
    const auto answer = get_json(client, "/search?q=openai", 200, "answer");
    CHECK(answer["missing_shards"].size() == 1);
    get_json(client, "/stories?q=openai", 200, "stories_answer");
}

TEST_CASE("serve: markup in an article is data, never page code", "[serve]") {
    TempDir dir;
    const auto db = (dir.path() / "index").string();
    const auto fixture = std::string(BYLINE_SOURCE_DIR) + "/tests/fixtures/serve";
    REQUIRE(byline::test::run_index({"--db", db, fixture}).status == 0);
    RunningServer server(db);
    auto client = server.client();
    const auto answer = get_json(client, "/search?q=zanzibarquokka", 200, "answer");
    REQUIRE(answer["hits"].size() == 1);
    const auto& hit = answer["hits"][0];
    CHECK(hit["title"].get<std::string>().starts_with("<script>alert(\"title\")</script>"));
    // The JSON carries the text as it is; a browser would not run it as HTML, being told
    // it is JSON and not to sniff.
    const auto res = client.Get("/search?q=zanzibarquokka");
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    const auto article = get_json(client, "/article/" + encoded(hit["id"]), 200, "article");
    CHECK(article["body"].get<std::string>().find("<script>alert(\"body\")</script>") !=
          std::string::npos);
    // The page builds the DOM from text alone: no HTML parser is given an article's fields
    // (tests/serve/page_check.sh shows the title as text in a real browser).
    const auto page = std::string(byline::search_page_html());
    for (const auto* html_sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                                  "eval(", "new Function"}) {
        CAPTURE(html_sink);
        CHECK(page.find(html_sink) == std::string::npos);
    }
}

TEST_CASE("serve: a commit by byline-index is answered without a restart, no request failing",
          "[serve]") {
    TempDir dir;
    const auto db = (dir.path() / "index").string();
    REQUIRE(byline::test::run_index({"--db", db, byline::test::sample_archive().string()}).status ==
            0);
    RunningServer server(db);
    auto client = server.client();
    CHECK(get_json(client, "/search?q=zanzibarquokka", 200, "answer")["hits"].empty());

    // Clients keep asking while the index is updated and then compacted (a new generation
    // replaces the one the searchers opened).
    std::atomic<bool> done = false;
    std::atomic<int> answered = 0;
    std::atomic<int> failed = 0;
    std::vector<std::thread> clients;
    for (int c = 0; c < 2; ++c) {
        clients.emplace_back([&] {
            auto own = server.client();
            while (!done) {
                const auto res = own.Get("/search?q=openai+board&n=5");
                (res && res->status == 200 ? answered : failed) += 1;
            }
        });
    }
    const auto fixture = std::string(BYLINE_SOURCE_DIR) + "/tests/fixtures/serve";
    CHECK(byline::test::run_index({"--db", db, fixture}).status == 0);
    const auto found = get_json(client, "/search?q=zanzibarquokka", 200, "answer");
    CHECK(found["hits"].size() == 1);
    CHECK(byline::test::run_index({"--db", db, "--compact"}).status == 0);
    CHECK(get_json(client, "/search?q=zanzibarquokka", 200, "answer")["hits"].size() == 1);
    done = true;
    for (auto& thread : clients) {
        thread.join();
    }
    CHECK(answered > 0);
    CHECK(failed == 0);
}

TEST_CASE("serve: the program logs requests and exits 0 on SIGTERM", "[serve][sample_index]") {
    TempDir dir;
    const auto log = dir.path() / "stderr";
    const pid_t pid =
        byline::test::spawn_search({"--db", byline::test::sample_db(), "--serve", "0"}, log);
    int port = 0;
    for (int tries = 0; tries < 600 && port == 0; ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const auto text = byline::test::read_file(log);
        const std::string marker = "listening on http://127.0.0.1:";
        if (const auto at = text.find(marker); at != std::string::npos) {
            port = std::stoi(text.substr(at + marker.size()));
        }
    }
    REQUIRE(port > 0);
    httplib::Client client("127.0.0.1", port);
    const auto res = client.Get("/search?q=openai");
    REQUIRE(res);
    CHECK(res->status == 200);
    kill(pid, SIGTERM);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const auto text = byline::test::read_file(log);
    CHECK(text.find("\"GET /search?q=openai\" 200") != std::string::npos);
    CHECK(text.find("byline-search: stopped") != std::string::npos);
}

TEST_CASE("serve: --serve takes [HOST:]PORT", "[serve]") {
    const auto bad = byline::test::run_search({"--serve", "localhost:http", "--db", "x"});
    CHECK(bad.status == 2);
    CHECK(bad.err.find("--serve localhost:http: not [HOST:]PORT") != std::string::npos);
    CHECK(byline::test::run_search({"--serve", "0", "openai"}).status == 2);
}
