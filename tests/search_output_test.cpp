/** @file
 *  @brief byline-search's output formats, batch mode, --info and exit codes: golden
 *  files for text, TSV and ids, and the JSON checked against docs/output-format.schema.json.
 */
#include "golden.h"
#include "hit_output.h"
#include "json_schema.h"
#include "search_command.h"
#include "test_support.h"
#include "text_layout.h"

#include <byline/index_writer.h>
#include <byline/searcher.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <sstream>

using byline::test::golden;
using byline::test::lines_of;
using nlohmann::json;

using byline::test::sample_db;

namespace {

/// Checks one line of output against a definition of the documented schema.
void check_schema(const std::string& definition, const std::string& line) {
    CAPTURE(definition, line);
    const auto errors = byline::test::schema_errors(byline::test::output_format_schema(),
                                                    "/$defs/" + definition, json::parse(line));
    CAPTURE(errors);
    CHECK(errors.empty());
}

}  // namespace

TEST_CASE("text output is pinned with colour off", "[printer][sample_index]") {
    const auto result = byline::test::run_search(
        {"--db", sample_db(), "--color", "never", "--width", "80", "-n", "3", "Sutskever safety"});
    CHECK(result.status == byline::search_hits);
    CHECK(result.err.empty());
    CHECK(result.out == golden("search_text_plain.txt", result.out));
}

TEST_CASE("text output is pinned with colour on", "[printer][sample_index]") {
    const auto result = byline::test::run_search(
        {"--db", sample_db(), "--color", "always", "--width", "60", "-n", "3", "Sutskever safety"});
    CHECK(result.status == byline::search_hits);
    CHECK(result.out == golden("search_text_color.txt", result.out));
    CHECK(result.out.find("\x1b[1;31mSutskever\x1b[0m") != std::string::npos);
}

TEST_CASE("text output keeps every line within the width and the snippet to two lines",
          "[printer][sample_index]") {
    for (const std::size_t width : {40U, 60U, 100U}) {
        CAPTURE(width);
        const auto result = byline::test::run_search(
            {"--db", sample_db(), "--color", "never", "--width", std::to_string(width), "openai"});
        REQUIRE(result.status == byline::search_hits);
        std::istringstream lines(result.out);
        std::size_t run_of_snippet_lines = 0;
        for (std::string line; std::getline(lines, line);) {
            CAPTURE(line);
            if (line.find("://") == std::string::npos) {
                CHECK(byline::display_width(line) <= width);
            }
            // Snippet lines are the indented ones after the URL line.
            const bool detail = line.starts_with("   ") && line.find("://") == std::string::npos &&
                                line.find(" · ") == std::string::npos;
            run_of_snippet_lines = detail ? run_of_snippet_lines + 1 : 0;
            CHECK(run_of_snippet_lines <= 2);
        }
    }
}

TEST_CASE("tsv and ids output are pinned", "[printer][sample_index]") {
    const auto tsv = byline::test::run_search(
        {"--db", sample_db(), "--format", "tsv", "-n", "5", "openai board"});
    CHECK(tsv.status == byline::search_hits);
    CHECK(tsv.out == golden("search_tsv.txt", tsv.out));
    for (const auto& line : lines_of(tsv.out)) {
        CHECK(std::count(line.begin(), line.end(), '\t') == 5);
    }
    const auto ids = byline::test::run_search(
        {"--db", sample_db(), "--format", "ids", "-n", "5", "openai board"});
    CHECK(ids.status == byline::search_hits);
    CHECK(ids.out == golden("search_ids.txt", ids.out));
}

TEST_CASE("json and jsonl and info output match the documented schema", "[printer][sample_index]") {
    const auto json_out =
        byline::test::run_search({"--db", sample_db(), "--format", "json", "Sutskever safety"});
    CHECK(json_out.status == byline::search_hits);
    REQUIRE(lines_of(json_out.out).size() == 1);
    check_schema("answer", json_out.out);
    const auto document = json::parse(json_out.out);
    CHECK(document["query"] == "Sutskever safety");
    CHECK(document["hits"].size() > 1);
    CHECK(document["estimated_matches"] >= document["hits"].size());

    const auto jsonl_out =
        byline::test::run_search({"--db", sample_db(), "--format", "jsonl", "-n", "4", "openai"});
    REQUIRE(lines_of(jsonl_out.out).size() == 4);
    for (const auto& line : lines_of(jsonl_out.out)) {
        check_schema("jsonl_hit", line);
    }

    const auto batch = byline::test::run_search(
        {"--db", sample_db(), "--queries", "-", "--format", "jsonl"}, "a\tSutskever\n");
    for (const auto& line : lines_of(batch.out)) {
        check_schema("jsonl_hit", line);
        CHECK(json::parse(line)["query_id"] == "a");
    }

    const auto info = byline::test::run_search({"--db", sample_db(), "--info", "--format", "json"});
    CHECK(info.status == byline::search_hits);
    check_schema("info", info.out);
}

TEST_CASE("the schema check rejects output that breaks the schema", "[printer][sample_index]") {
    const auto answer = json::parse(
        byline::test::run_search({"--db", sample_db(), "--format", "json", "-n", "1", "openai"})
            .out);
    auto without_rank = answer;
    without_rank["hits"][0].erase("rank");
    CHECK(byline::test::schema_errors(byline::test::output_format_schema(), "/$defs/answer",
                                      without_rank)
              .size() == 1);
    auto extra = answer;
    extra["surprise"] = true;
    CHECK(byline::test::schema_errors(byline::test::output_format_schema(), "/$defs/answer", extra)
              .size() == 1);
    auto wrong_type = answer;
    wrong_type["hits"][0]["date"] = 2024;
    CHECK(byline::test::schema_errors(byline::test::output_format_schema(), "/$defs/answer",
                                      wrong_type)
              .size() == 1);
    auto wrong_version = answer;
    wrong_version["format_version"] = 2;
    CHECK(byline::test::schema_errors(byline::test::output_format_schema(), "/$defs/answer",
                                      wrong_version)
              .size() == 1);
}

TEST_CASE("exit codes are 0 for hits and 1 for none and 2 for errors in every format",
          "[cli][sample_index]") {
    byline::test::TempDir dir;
    const auto missing = (dir.path() / "none").string();
    for (const auto* format : {"text", "json", "jsonl", "tsv", "ids"}) {
        CAPTURE(format);
        const std::vector<std::string> common = {"--format", format, "--db"};
        auto args = [&](const std::string& db, const std::string& query) {
            auto all = common;
            all.push_back(db);
            all.push_back(query);
            return all;
        };
        CHECK(byline::test::run_search(args(sample_db(), "openai")).status == 0);
        CHECK(byline::test::run_search(args(sample_db(), "zzzzqqq")).status == 1);
        const auto failed = byline::test::run_search(args(missing, "openai"));
        CHECK(failed.status == 2);
        CHECK(failed.out.empty());

        auto batch = common;
        batch.insert(batch.end(), {sample_db(), "--queries", "-"});
        CHECK(byline::test::run_search(batch, "zzzzqqq\nopenai\n").status == 0);
        CHECK(byline::test::run_search(batch, "zzzzqqq\nqqqqzzzz\n").status == 1);
        CHECK(byline::test::run_search(batch, "").status == 1);
        batch[3] = missing;
        CHECK(byline::test::run_search(batch, "openai\n").status == 2);
    }
    CHECK(byline::test::run_search({"--db", sample_db(), "--queries", missing}).status == 2);
    CHECK(byline::test::run_search({"--db", sample_db(), "--info"}).status == 0);
    CHECK(byline::test::run_search({"--db", missing, "--info"}).status == 2);
    CHECK(byline::test::run_search({"--db", sample_db(), "--info", "--format", "tsv"}).status == 2);
    CHECK(byline::test::run_search({"--db", sample_db(), "--info", "openai"}).status == 2);
}

TEST_CASE("batch mode answers each line in order with one json line per query",
          "[cli][sample_index]") {
    // The example: printf 'q1\tSutskever safety\nq2\tzzzzqqq\n' | byline-search
    // --queries - --format json
    const auto result =
        byline::test::run_search({"--db", sample_db(), "--queries", "-", "--format", "json"},
                                 "q1\tSutskever safety\nq2\tzzzzqqq\n");
    CHECK(result.status == byline::search_hits);
    CHECK(result.err.empty());
    const auto lines = lines_of(result.out);
    REQUIRE(lines.size() == 2);
    const auto first = json::parse(lines[0]);
    const auto second = json::parse(lines[1]);
    CHECK(first["query_id"] == "q1");
    CHECK(first["hits"].size() > 0);
    CHECK(first["hits"][0]["id"].get<std::string>().ends_with("sutskever-leaves-openai"));
    CHECK(second["query_id"] == "q2");
    CHECK(second["hits"].empty());
    for (const auto& line : lines) {
        check_schema("answer", line);
    }
}

TEST_CASE("batch mode numbers lines without an id and answers blank lines too",
          "[cli][sample_index]") {
    const auto result = byline::test::run_search({"--db", sample_db(), "--queries", "-"},
                                                 "openai\r\n\nx\tGPT-4o\n");
    const auto lines = lines_of(result.out);
    REQUIRE(lines.size() == 3);
    CHECK(json::parse(lines[0])["query_id"] == "1");
    CHECK(json::parse(lines[0])["query"] == "openai");
    CHECK(json::parse(lines[1])["query_id"] == "2");
    CHECK(json::parse(lines[1])["hits"].empty());
    CHECK(json::parse(lines[2])["query_id"] == "x");
}

TEST_CASE("batch mode reads a queries file and prefixes tsv and ids lines with the query id",
          "[cli][sample_index]") {
    byline::test::TempDir dir;
    const auto file = dir.write("queries.txt", "one\tSutskever\ntwo\tMistral\n").string();
    const auto ids = byline::test::run_search(
        {"--db", sample_db(), "--queries", file, "--format", "ids", "-n", "1"});
    CHECK(ids.status == byline::search_hits);
    const auto lines = lines_of(ids.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].starts_with("one\thttps://"));
    CHECK(lines[1].starts_with("two\thttps://"));
}

TEST_CASE("info describes the index in text", "[cli][sample_index]") {
    const auto result = byline::test::run_search({"--db", sample_db(), "--info"});
    CHECK(result.status == 0);
    CHECK(result.out.find("Articles:     42\n") != std::string::npos);
    CHECK(result.out.find("Dates:        2023-09-05 to 2025-05-06\n") != std::string::npos);
    CHECK(result.out.find("Sources:      7: ") != std::string::npos);
    CHECK(result.out.find("Circuit Ledger (7)") != std::string::npos);
    const auto info = json::parse(
        byline::test::run_search({"--db", sample_db(), "--info", "--format", "json"}).out);
    CHECK(info["articles"] == 42);
    CHECK(info["sources"].size() == 7);
    CHECK(info["size_bytes"] > 0);
}

TEST_CASE("help is pinned and names every format and the exit codes", "[cli]") {
    const auto result = byline::test::run_search({"--help"});
    CHECK(result.status == 0);
    CHECK(result.err.empty());
    CHECK(result.out == golden("searcher_help.txt", result.out));
    for (const auto& line : lines_of(result.out)) {
        CAPTURE(line);
        CHECK(byline::display_width(line) <= 80);
    }
}

TEST_CASE("wrapping breaks at spaces and cuts words longer than a line", "[printer]") {
    const std::string text = "alpha beta gamma delta";
    const auto lines = byline::wrap_lines(text, 11);
    REQUIRE(lines.size() == 2);
    CHECK(text.substr(lines[0].first, lines[0].second - lines[0].first) == "alpha beta");
    CHECK(text.substr(lines[1].first, lines[1].second - lines[1].first) == "gamma delta");
    const std::string long_word = "abcdefghij";
    CHECK(byline::wrap_lines(long_word, 4).size() == 3);
    CHECK(byline::wrap_lines(text, 0).size() == 1);
    CHECK(byline::wrap_lines("   ", 10).empty());
}

TEST_CASE("display width counts characters and wide ones twice", "[printer]") {
    CHECK(byline::display_width("abc") == 3);
    CHECK(byline::display_width("café") == 4);
    CHECK(byline::display_width("…") == 1);
    CHECK(byline::display_width("日本") == 4);
    CHECK(byline::display_width("e\xCC\x81") == 1);
    CHECK(byline::display_width("\xFF") == 1);
}

TEST_CASE("printers lay out a hand-made hit", "[printer]") {
    byline::Answer answer;
    answer.query = "tab";
    byline::Hit hit;
    hit.rank = 1;
    hit.score = 1.23456;
    hit.article.id = "id\twith tab";
    hit.article.title = "A title long enough that it has to wrap onto a second line";
    hit.article.source = "Example Times";
    hit.article.authors = {"Ann Author", "Bo Writer"};
    hit.article.url = "https://times.example/a";
    hit.snippet.text =
        "words before the match and then the match itself and many more words after it that "
        "go on and on well past two lines of forty columns";
    hit.snippet.highlights = {{17, 22}};
    answer.response.hits.push_back(hit);
    answer.response.estimated_matches = 12;

    std::ostringstream text;
    byline::AnswerPrinter(byline::OutputFormat::text, {false, 40, 2}, false)
        .print(text, answer, std::nullopt);
    CHECK(text.str() ==
          "1. A title long enough that it has to\n"
          "   wrap onto a second line\n"
          "   Example Times · Ann Author, Bo Writer\n"
          "   https://times.example/a\n"
          "   words before the match and then the\n"
          "   match itself and many more words…\n"
          "\n"
          "Hits 1–1 of about 12\n");

    std::ostringstream timed;
    byline::AnswerPrinter(byline::OutputFormat::text, {true, 40, 2}, false)
        .print(timed, answer, 0.0123);
    CHECK(timed.str().find("\x1b[1;31mmatch\x1b[0m") != std::string::npos);
    CHECK(timed.str().ends_with("Hits 1–1 of about 12 in 0.012 s\x1b[0m\n"));

    std::ostringstream tsv;
    byline::AnswerPrinter(byline::OutputFormat::tsv, {}, false).print(tsv, answer, std::nullopt);
    CHECK(tsv.str() ==
          "1\tid\\twith tab\t1.235\tA title long enough that it has to wrap onto a second "
          "line\thttps://times.example/a\t\n");
}

namespace {

/// A byline-search process with pipes to its standard input and output.
class Coprocess {
  public:
    explicit Coprocess(const std::vector<std::string>& args) {
        int to_child[2];
        int from_child[2];
        REQUIRE(::pipe(to_child) == 0);
        REQUIRE(::pipe(from_child) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(to_child[0], STDIN_FILENO);
            ::dup2(from_child[1], STDOUT_FILENO);
            for (const int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) {
                ::close(fd);
            }
            std::vector<char*> argv;
            std::string program = BYLINE_SEARCH_PROGRAM;
            argv.push_back(program.data());
            std::vector<std::string> copies = args;
            for (auto& arg : copies) {
                argv.push_back(arg.data());
            }
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(to_child[0]);
        ::close(from_child[1]);
        in_ = to_child[1];
        out_ = from_child[0];
    }
    ~Coprocess() {
        close_input();
        ::close(out_);
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    Coprocess(const Coprocess&) = delete;
    Coprocess& operator=(const Coprocess&) = delete;

    void write_line(const std::string& line) {
        const std::string text = line + "\n";
        REQUIRE(::write(in_, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    }

    /// The next line of output, or nothing when none comes within the timeout.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            if (const auto end = buffer_.find('\n'); end != std::string::npos) {
                auto line = buffer_.substr(0, end);
                buffer_.erase(0, end + 1);
                return line;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd ready{out_, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0) {
                return std::nullopt;
            }
            char chunk[4096];
            const auto got = ::read(out_, chunk, sizeof chunk);
            if (got <= 0) {
                return std::nullopt;
            }
            buffer_.append(chunk, static_cast<std::size_t>(got));
        }
    }

    void close_input() {
        if (in_ >= 0) {
            ::close(in_);
            in_ = -1;
        }
    }

    /// The exit status once the process has ended.
    int wait() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

  private:
    pid_t pid_ = -1;
    int in_ = -1;
    int out_ = -1;
    std::string buffer_;
};

}  // namespace

TEST_CASE("a script gets each answer from a running batch searcher before it asks the next",
          "[cli][sample_index]") {
    Coprocess searcher({"--db", sample_db(), "--queries", "-", "--format", "json"});
    // Generous: the answer must come while the pipe stays open, not at exit.
    constexpr std::chrono::seconds timeout(20);
    searcher.write_line("q1\tSutskever safety");
    const auto first = searcher.read_line(timeout);
    REQUIRE(first);
    CHECK(json::parse(*first)["query_id"] == "q1");
    CHECK(json::parse(*first)["hits"].size() > 0);
    searcher.write_line("q2\tzzzzqqq");
    const auto second = searcher.read_line(timeout);
    REQUIRE(second);
    CHECK(json::parse(*second)["query_id"] == "q2");
    CHECK(json::parse(*second)["hits"].empty());
    searcher.write_line("openai");
    const auto third = searcher.read_line(timeout);
    REQUIRE(third);
    CHECK(json::parse(*third)["query_id"] == "3");
    searcher.close_input();
    CHECK_FALSE(searcher.read_line(timeout));
    CHECK(searcher.wait() == byline::search_hits);
}

TEST_CASE("a snippet of a long body shows a match far into it with the cuts marked", "[printer]") {
    byline::test::TempDir dir;
    const auto index = dir.path() / "index";
    {
        std::string text = "Title: Filler\nId: long\n\n";
        for (int i = 0; i < 300; ++i) {
            text += "Nothing of note happened in this sentence. ";
        }
        text += "Then the Zeppelins landed in the square. ";
        for (int i = 0; i < 50; ++i) {
            text += "More filler followed it. ";
        }
        const auto file = dir.write("long.txt", text);
        REQUIRE(byline::test::run_index({"--db", index.string(), file.string()}).status == 0);
    }
    byline::Searcher searcher(index);
    byline::SearchRequest request;
    request.query = "zeppelin";
    request.snippet_length = 100;
    const auto response = searcher.search(request);
    REQUIRE(response.hits.size() == 1);
    const auto& snippet = response.hits[0].snippet;
    CAPTURE(snippet.text);
    CHECK(snippet.text.find("Zeppelins landed") != std::string::npos);
    CHECK(snippet.text.starts_with("…"));
    CHECK(snippet.text.ends_with("…"));
    CHECK(snippet.text.size() < 200);
    REQUIRE(snippet.highlights.size() == 1);
    const auto [begin, end] = snippet.highlights[0];
    CHECK(snippet.text.substr(begin, end - begin) == "Zeppelins");
}

TEST_CASE("info on an empty index has no dates and no sources", "[cli]") {
    byline::test::TempDir dir;
    const auto index = (dir.path() / "index").string();
    byline::test::TempDir empty_archive;
    REQUIRE(byline::test::run_index({"--db", index, empty_archive.path().string()}).status == 0);
    const auto result = byline::test::run_search({"--db", index, "--info", "--format", "json"});
    CHECK(result.status == 0);
    check_schema("info", result.out);
    const auto info = json::parse(result.out);
    CHECK(info["articles"] == 0);
    CHECK(info["first_date"].is_null());
    CHECK(info["sources"].empty());
    const auto text = byline::test::run_search({"--db", index, "--info"});
    CHECK(text.out.find("Dates:        none\n") != std::string::npos);
}
