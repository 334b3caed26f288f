/** @file
 *  @brief Limits on what one record may cost (size, nesting depth), invalid UTF-8 in
 *  every format, and input files that vanish or change kind while they are read.
 */
#include "index_command.h"
#include "test_support.h"

#include <byline/ingest.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>

#include <sys/stat.h>

using byline::InputFormat;
using byline::test::ingest_file_or_folder;
using byline::test::ingest_text;
using byline::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// True when `text` is valid UTF-8: nlohmann refuses to print anything else.
bool valid_utf8(const std::string& text) {
    try {
        static_cast<void>(nlohmann::json(text).dump());
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

/// Every text an article carries into the index is valid UTF-8.
void check_all_utf8(const byline::Article& article) {
    INFO("article " << article.origin.to_string());
    CHECK(valid_utf8(article.id));
    CHECK(valid_utf8(article.title));
    CHECK(valid_utf8(article.body));
    CHECK(valid_utf8(article.source));
    CHECK(valid_utf8(article.url));
    CHECK(valid_utf8(article.origin.path));
    for (const auto& list : {article.authors, article.tags}) {
        for (const auto& item : list) {
            CHECK(valid_utf8(item));
        }
    }
}

std::string skips_text(const byline::test::Ingested& ingested) {
    std::string text;
    for (const auto& skip : ingested.skips) {
        text += skip + "\n";
    }
    return text;
}

byline::IngestOptions limited_to(std::size_t bytes) {
    byline::IngestOptions options;
    options.max_article_bytes = bytes;
    return options;
}

std::string nested(const std::string& open, const std::string& close, int depth,
                   const std::string& inside) {
    std::string text;
    text.reserve((open.size() + close.size()) * static_cast<std::size_t>(depth) + inside.size());
    for (int i = 0; i < depth; ++i) {
        text += open;
    }
    text += inside;
    for (int i = 0; i < depth; ++i) {
        text += close;
    }
    return text;
}

std::string page(const std::string& title, const std::string& body) {
    return fmt::format("<html><head><title>{}</title></head><body>{}</body></html>\n", title, body);
}

/// A WARC file of one HTML resource record per page.
std::string warc_of(const std::vector<std::string>& pages) {
    std::string text;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        text += fmt::format(
            "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://tides.example/{}\r\n"
            "WARC-Date: 2024-06-01T12:00:00Z\r\nContent-Type: text/html\r\n"
            "Content-Length: {}\r\n\r\n{}\r\n\r\n",
            i, pages[i].size(), pages[i]);
    }
    return text;
}

/// A sink that runs `on_file` before each file is read, as a hook into the walk.
class HookedSink : public byline::ArticleSink {
  public:
    explicit HookedSink(std::function<void(const byline::FoundFile&)> on_file)
        : on_file_(std::move(on_file)) {}
    bool want_file(const byline::FoundFile& file) override {
        on_file_(file);
        return true;
    }
    void on_article(byline::Article&& article, InputFormat /*format*/) override {
        titles.push_back(article.title);
    }
    void on_skip(const byline::SourceLocation& where, byline::SkipKind /*kind*/,
                 std::string_view reason) override {
        skips += fmt::format("{}: {}\n", where.to_string(), reason);
    }

    std::vector<std::string> titles;
    std::string skips;

  private:
    std::function<void(const byline::FoundFile&)> on_file_;
};

}  // namespace

TEST_CASE("a JSON line over the size limit is skipped unparsed and the next lines are read",
          "[limits]") {
    const auto big = std::string(2000, 'w');
    const auto text = fmt::format(
        "{{\"title\": \"Small one\", \"body\": \"Short.\"}}\n"
        "{{\"title\": \"Big one\", \"body\": \"{}\"}}\n"
        "{{\"title\": \"Small two\", \"body\": \"Short too.\"}}\n",
        big);
    const auto read = ingest_text(text, InputFormat::json_lines, "wire.jsonl", limited_to(1024));
    REQUIRE(read.articles.size() == 2);
    CHECK(read.articles[1].title == "Small two");
    CHECK(skips_text(read) == "wire.jsonl:2: a line of 2.0 KiB is over the 1.0 KiB limit\n");
}

TEST_CASE("an article over the size limit is skipped in every format", "[limits]") {
    const auto big = std::string(3000, 'x');
    struct Case {
        InputFormat format;
        std::string text;
        std::string skip;
    };
    const std::vector<Case> cases = {
        {InputFormat::article_text, "Title: Long\n\n" + big, "file: a article text file of"},
        {InputFormat::csv, "title,body\nShort,Fine\nLong,\"" + big + "\"\nShort,Again\n",
         "file:3: a row of"},
        {InputFormat::tsv, "title\tbody\nShort\tFine\nLong\t" + big + "\n", "file:3: a row of"},
        {InputFormat::html, page("Long", "<p>" + big + "</p>"), "file: a HTML file of"},
        {InputFormat::json, "[{\"title\": \"Long\", \"body\": \"" + big + "\"}]",
         "file: a JSON file of"},
        {InputFormat::rss,
         "<rss><channel><title>T</title><item><title>Short</title></item><item><title>Long</title>"
         "<description>" +
             big + "</description></item></channel></rss>",
         "file: a RSS file of"},
        {InputFormat::warc, warc_of({page("Short", "<p>Fine.</p>"), page("Long", big)}),
         "file:11: a page of"},
    };
    for (const auto& c : cases) {
        INFO(byline::format_name(c.format));
        const auto read = ingest_text(c.text, c.format, "file", limited_to(2048));
        INFO(skips_text(read));
        CHECK(contains(skips_text(read), c.skip));
        CHECK(contains(skips_text(read), "over the 2.0 KiB limit"));
        for (const auto& article : read.articles) {
            CHECK(article.title != "Long");
        }
    }
}

TEST_CASE("a file read whole is skipped unread when it is over the size limit", "[limits]") {
    TempDir dir;
    dir.write("archive/a-long.html", page("Long", std::string(5000, 'y')));
    dir.write("archive/b-short.txt", "Title: Short\n\nA short note.\n");
    const auto read = ingest_file_or_folder(dir.path() / "archive", limited_to(4096));
    REQUIRE(read.articles.size() == 1);
    CHECK(read.articles[0].title == "Short");
    CHECK(contains(skips_text(read), "a-long.html: a HTML file of 4.9 KiB is over the 4.0 KiB"));
}

TEST_CASE("the indexer takes --max-article-size and refuses a malformed one", "[limits][cli]") {
    TempDir dir;
    dir.write("archive/wire.jsonl",
              fmt::format("{{\"title\": \"Kept\"}}\n{{\"title\": \"Dropped\", \"body\": \"{}\"}}\n",
                          std::string(3000, 'z')));
    const auto db = (dir.path() / "index").string();
    const auto archive = (dir.path() / "archive").string();
    const auto result = byline::test::run_index({"--db", db, "--max-article-size", "2K", archive});
    CHECK(result.status == byline::index_some_skipped);
    CHECK(contains(result.err, "wire.jsonl:2: a line of 3.0 KiB is over the 2.0 KiB limit"));
    CHECK(contains(result.err, "skipped 1 (1 too large)"));
    for (const auto* bad : {"12Q", "M", "0", "-5", "99999999999999999999G"}) {
        const auto refused =
            byline::test::run_index({"--db", db, "--max-article-size", bad, archive});
        INFO(bad);
        CHECK(refused.status == byline::index_failed);
        CHECK(contains(refused.err, fmt::format("--max-article-size '{}'", bad)));
    }
}

TEST_CASE("JSON nested too deep is skipped at its line and the next lines are read", "[limits]") {
    for (const int depth : {300, 100000}) {
        const auto deep = nested("[", "]", depth, "1");
        const auto text = fmt::format(
            "{{\"title\": \"Before\"}}\n{{\"title\": \"Deep\", \"tags\": {}}}\n{{\"title\": "
            "\"After\"}}\n",
            deep);
        const auto read = ingest_text(text, InputFormat::json_lines, "deep.jsonl");
        INFO("depth " << depth);
        REQUIRE(read.articles.size() == 2);
        CHECK(read.articles[1].title == "After");
        CHECK(skips_text(read) == "deep.jsonl:2: JSON nested deeper than 256 levels\n");
    }
    const auto shallow = nested("[", "]", 200, "\"fine\"");
    const auto ok =
        ingest_text(fmt::format("{{\"title\": \"Nested but fine\", \"extra\": {}}}\n", shallow),
                    InputFormat::json_lines);
    CHECK(ok.articles.size() == 1);
    CHECK(ok.skips.empty());

    const auto document =
        ingest_text(nested("[", "]", 100000, "{}"), InputFormat::json, "deep.json");
    CHECK(document.articles.empty());
    CHECK(skips_text(document) == "deep.json:1: JSON nested deeper than 256 levels\n");
}

TEST_CASE("HTML nested too deep is skipped with its line and shallower pages are read",
          "[limits]") {
    const auto deep = page("Deep", "\n" + nested("<div>", "</div>", 100000, "lost text"));
    const auto read = ingest_text(deep, InputFormat::html, "deep.html");
    CHECK(read.articles.empty());
    CHECK(skips_text(read) == "deep.html:2: markup nested 256 levels deep or more\n");

    const auto fine = ingest_text(page("Layered", nested("<div>", "</div>", 200, "kept text")),
                                  InputFormat::html, "fine.html");
    REQUIRE(fine.articles.size() == 1);
    CHECK(fine.articles[0].body == "kept text");

    // JSON-LD nested too deep is ignored like broken JSON-LD; the page is still read.
    const auto ld = ingest_text(
        page("With data", "<script type=\"application/ld+json\">" +
                              nested("{\"a\":", "}", 100000, "1") + "</script><p>Body text.</p>"),
        InputFormat::html);
    REQUIRE(ld.articles.size() == 1);
    CHECK(ld.articles[0].body == "Body text.");

    // In a web archive and a feed, only the record or item is skipped.
    const auto warc = ingest_text(warc_of({deep, page("Shallow", "<p>Fine.</p>")}),
                                  InputFormat::warc, "pages.warc");
    REQUIRE(warc.articles.size() == 1);
    CHECK(warc.articles[0].title == "Shallow");
    CHECK(skips_text(warc) == "pages.warc:1: markup nested 256 levels deep or more\n");
    const auto feed = ingest_text(
        "<rss><channel><title>Tides</title>\n<item><title>Deep</title><description><![CDATA[" +
            nested("<div>", "</div>", 100000, "x") +
            "]]></description></item>\n<item><title>Fine</title></item></channel></rss>",
        InputFormat::rss, "feed.rss");
    REQUIRE(feed.articles.size() == 1);
    CHECK(feed.articles[0].title == "Fine");
    CHECK(skips_text(feed) == "feed.rss:2: markup nested 256 levels deep or more\n");
}

TEST_CASE("invalid UTF-8 is repaired or decoded in every format", "[limits][utf8]") {
    // Stray continuation bytes, a truncated sequence, an overlong form and a surrogate.
    const std::string bad = "caf\xC3 \x80 \xE2\x82 \xC0\xAF \xED\xA0\x80 ok";
    const std::string warc_page =
        page("Warc " + bad, "<p>Body " + bad + "</p><meta name=author content=\"A " + bad + "\">");
    struct Case {
        InputFormat format;
        std::string text;
    };
    const std::vector<Case> cases = {
        {InputFormat::article_text, "Title: Text " + bad + "\nAuthor: " + bad + "\nTags: " + bad +
                                        "\nSource: " + bad + "\n\nBody " + bad + "\n"},
        {InputFormat::json_lines, "{\"title\": \"Line " + bad + "\", \"body\": \"" + bad +
                                      "\", \"author\": \"" + bad + "\", \"tags\": [\"" + bad +
                                      "\"], \"url\": \"https://x.example/" + bad + "\"}\n"},
        {InputFormat::json, "[{\"title\": \"Doc " + bad + "\", \"id\": \"" + bad + "\"}]"},
        {InputFormat::csv, "title,body,source\nRow " + bad + "," + bad + "," + bad + "\n"},
        {InputFormat::tsv, "title\tbody\nRow " + bad + "\t" + bad + "\n"},
        {InputFormat::html, page("Page " + bad, "<p>" + bad + "</p>")},
        {InputFormat::html, "<html><head><meta charset=\"utf-8\"><title>Declared " + bad +
                                "</title></head><body><p>" + bad + "</p></body></html>"},
        {InputFormat::rss, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>" + bad +
                               "</title><item><title>Item " + bad + "</title><category>" + bad +
                               "</category><description>" + bad +
                               "</description></item></channel></rss>"},
        {InputFormat::atom,
         "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed "
         "xmlns=\"http://www.w3.org/2005/Atom\"><title>" +
             bad + "</title><entry><title>Entry " + bad + "</title><author><name>" + bad +
             "</name></author><content>" + bad + "</content></entry></feed>"},
        {InputFormat::warc, warc_of({warc_page})},
    };
    for (const auto& c : cases) {
        INFO(byline::format_name(c.format));
        const auto read = ingest_text(c.text, c.format, "file-" + bad);
        INFO(skips_text(read));
        REQUIRE(read.articles.size() == 1);
        check_all_utf8(read.articles[0]);
        CHECK(contains(read.articles[0].title, "ok"));
    }
}

TEST_CASE("a file name that is not UTF-8 gives an article id and path in UTF-8", "[utf8]") {
    TempDir dir;
    const auto name = std::string("caf\xE9-\xFF.txt");
    dir.write(name, "Title: Harbour notes\n\nThe ferry was late again.\n");
    const auto read = ingest_file_or_folder(dir.path());
    REQUIRE(read.articles.size() == 1);
    check_all_utf8(read.articles[0]);
    CHECK(contains(read.articles[0].id, "caf\xEF\xBF\xBD-\xEF\xBF\xBD.txt"));
}

TEST_CASE("a file removed or replaced by a FIFO while the walk runs is skipped without a hang",
          "[faults]") {
    TempDir dir;
    const auto archive = dir.path() / "archive";
    dir.write("archive/a.txt", "Title: First\n\nRead before the others change.\n");
    dir.write("archive/b.txt", "Title: Removed\n\nGone before it is read.\n");
    dir.write("archive/c.txt", "Title: Replaced\n\nA FIFO takes its place.\n");
    dir.write("archive/d.txt", "Title: Last\n\nStill read.\n");
    // The walk lists the folder first; while it reads a.txt, b.txt goes and c.txt becomes
    // a FIFO, which a plain open() would wait on for ever.
    HookedSink sink([&](const byline::FoundFile& file) {
        if (file.display_path.ends_with("a.txt")) {
            std::filesystem::remove(archive / "b.txt");
            std::filesystem::remove(archive / "c.txt");
            REQUIRE(::mkfifo((archive / "c.txt").c_str(), 0644) == 0);
        }
    });
    byline::ingest_path(archive, sink);
    CHECK(sink.titles == std::vector<std::string>{"First", "Last"});
    CHECK(contains(sink.skips, "b.txt: cannot read: No such file or directory\n"));
    CHECK(contains(sink.skips, "c.txt: cannot read: not a regular file\n"));

    // Named on the command line, a FIFO or a path gone since is skipped the same way.
    HookedSink direct([](const byline::FoundFile&) {});
    byline::ingest_path(archive / "c.txt", direct);
    byline::ingest_path(archive / "b.txt", direct);
    CHECK(direct.titles.empty());
    CHECK(contains(direct.skips, "c.txt: cannot read: not a regular file\n"));
    CHECK(contains(direct.skips, "b.txt: no such file or folder\n"));
}

TEST_CASE("control characters that would command a terminal are stored as spaces", "[utf8]") {
    const auto read = ingest_text(
        "{\"title\": \"Evil \\u001b[31mred\\u001b]0;owned\\u0007 title\", \"body\": \"Line "
        "one\\u001b[2J\\nline\\ttwo \\u009b31m\", \"author\": \"A\\u0000B\", \"tags\": "
        "[\"x\\u007fy\"]}\n",
        InputFormat::json_lines);
    REQUIRE(read.articles.size() == 1);
    const auto& article = read.articles[0];
    CHECK(article.title == "Evil  [31mred ]0;owned  title");
    CHECK(article.body == "Line one [2J\nline\ttwo  31m");
    CHECK(article.authors == std::vector<std::string>{"A B"});
    CHECK(article.tags == std::vector<std::string>{"x y"});
}
