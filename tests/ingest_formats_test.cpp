/** @file
 *  @brief Each input format's reader on the fixtures in tests/fixtures/ingest: the fields
 *  it extracts, the records it skips, and how a file's type is recognised.
 */
#include "test_support.h"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using byline::IngestOptions;
using byline::InputFormat;
using byline::test::ingest_file_or_folder;
using byline::test::ingest_fixture;
using byline::test::ingest_text;
using byline::test::read_file;
using byline::test::TempDir;
using Strings = std::vector<std::string>;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("an HTML page gives its article's metadata and text without the boilerplate",
          "[ingest][html]") {
    const auto result = ingest_file_or_folder(ingest_fixture("page.html"));
    REQUIRE(result.skips.empty());
    REQUIRE(result.articles.size() == 1);
    const auto& article = result.articles[0];
    CHECK(article.title == "Chipmakers race to stack memory higher");
    // JSON-LD comes before the Open Graph time, which says the same in another zone.
    CHECK(article.date->iso() == "2024-03-12T08:15:00Z");
    CHECK(article.authors == Strings{"Priya Raman", "Tom\u00e1s Ortega"});
    CHECK(article.source == "The Silicon Wire");
    CHECK(article.url == "https://siliconwire.example/2024/03/12/stacked-memory");
    CHECK(article.id == article.url);
    CHECK(article.tags == Strings{"memory", "chips"});
    CHECK(
        article.body.starts_with("Memory makers are piling more DRAM layers on top of one "
                                 "another to feed the accelerators that train large models."));
    CHECK(contains(article.body, "are next \u2014 if the heat"));
    CHECK(contains(article.body, "\u201cevery extra layer"));
    CHECK(contains(article.body, "models.\n\nTwelve-high"));
    for (const auto* boilerplate : {"cookies", "Sign up", "Related", "All rights", "Chips AI",
                                    "trackEverything", "font-family", "By Priya"}) {
        CAPTURE(boilerplate);
        CHECK_FALSE(contains(article.body, boilerplate));
    }
}

TEST_CASE("a Latin-1 page with plain meta tags gives title and date and author and host",
          "[ingest][html]") {
    const auto result = ingest_file_or_folder(ingest_fixture("page-latin1.html"));
    REQUIRE(result.articles.size() == 1);
    const auto& article = result.articles[0];
    CHECK(article.title == "Caf\u00e9 robots learn to pour latte art");  // "- Bytes & Brews" gone
    CHECK(article.date->iso() == "2023-11-02");
    CHECK(article.authors == Strings{"Lena M\u00fcller"});
    CHECK(article.tags == Strings{"robotics", "coffee"});
    CHECK(article.url.empty());
    CHECK(article.source.empty());
    CHECK(contains(article.body, "\u201charder than it looks\u201d"));
    CHECK_FALSE(contains(article.body, "ads"));
    CHECK_FALSE(contains(article.body, "Home | Robots"));
}

TEST_CASE("an RSS feed gives one article per item with the channel as source", "[ingest][feed]") {
    const auto result = ingest_file_or_folder(ingest_fixture("feed.rss"));
    REQUIRE(result.articles.size() == 2);
    const auto& first = result.articles[0];
    CHECK(first.title == "Open model beats its closed rival on code tests");
    CHECK(first.date->iso() == "2024-04-18T14:05:00Z");
    CHECK(first.authors == Strings{"Dana Whitfield"});
    CHECK(first.source == "Circuit Ledger");
    CHECK(first.url == "https://circuitledger.example/2024/04/18/open-model-code");
    CHECK(first.id == "cl-2024-0418-01");
    CHECK(first.tags == Strings{"models", "open source"});
    CHECK(first.body ==
          "An openly licensed model scored higher than a closed one on a suite of coding "
          "tasks.\n\nIts makers say the weights & the training recipe are both public.");
    const auto& second = result.articles[1];
    CHECK(second.title == "AT&T tests quantum-safe keys on fibre");
    CHECK(second.date->iso() == "2024-05-02T07:00:00Z");
    CHECK(second.authors == Strings{"Marco Bellini"});
    CHECK(second.id == second.url);
    CHECK(second.body == "The carrier swapped keys over a live link for a week.");
    const auto path = ingest_fixture("feed.rss").string();
    CHECK(result.skips == Strings{path + ":29: unparsable date 'the day after the launch'",
                                  path + ":35: empty item (no title or content)"});
}

TEST_CASE("an Atom feed gives one article per entry with text and HTML and XHTML content",
          "[ingest][feed]") {
    const auto result = ingest_file_or_folder(ingest_fixture("feed.atom"));
    REQUIRE(result.skips.empty());
    REQUIRE(result.articles.size() == 2);
    const auto& first = result.articles[0];
    CHECK(first.title == "Reusable boosters fly a twentieth time");
    CHECK(first.date->iso() == "2024-02-10T03:30:00Z");  // published, not updated
    CHECK(first.authors == Strings{"Ada Okafor", "Ben Lyle"});
    CHECK(first.source == "Orbit Notes");
    CHECK(first.url == "https://orbitnotes.example/2024/02/09/twentieth-flight");
    CHECK(first.id == "tag:orbitnotes.example,2024:twentieth-flight");
    CHECK(first.tags == Strings{"Launches", "reuse"});
    CHECK(first.body ==
          "One first-stage booster has now flown twenty missions.\n\nEngineers inspect its "
          "engines between flights rather than rebuild them.");
    const auto& second = result.articles[1];
    CHECK(second.date->iso() == "2024-01-30");  // updated, when nothing was published
    CHECK(second.body == "Laser links let tiny satellites send pictures down ten times faster.");
}

TEST_CASE("a WARC file gives each HTML response with URL and date from its headers",
          "[ingest][warc]") {
    const auto result = ingest_file_or_folder(ingest_fixture("archive.warc"));
    REQUIRE(result.skips.empty());
    REQUIRE(result.articles.size() == 2);  // not the request, image, redirect or warcinfo
    const auto& plain = result.articles[0];
    CHECK(plain.title == "Solar farms learn to share the grid");
    CHECK(plain.url == "https://gridnews.example/solar-share");
    CHECK(plain.date->iso() == "2024-06-01T12:00:02Z");
    CHECK(plain.source == "gridnews.example");
    CHECK(plain.authors.empty());
    // The page's <h1> repeats the title: the body leaves it out.
    CHECK(plain.body ==
          "Grid operators in the north are letting solar farms bid for spare line capacity "
          "hour by hour.\n\nThe trial cut curtailment by a third.");
    const auto& chunked = result.articles[1];
    CHECK(chunked.title == "Satellite makers shrink their dishes");
    CHECK(chunked.url == "https://orbitnotes.example/dishes");  // the page's, not the WARC's
    CHECK(chunked.date->iso() == "2022-07-19");
    CHECK(chunked.source == "Orbit Notes");
    CHECK(chunked.authors == Strings{"Ada Okafor", "Ben Lyle"});
    CHECK(chunked.body == "Flat-panel antennas are replacing the dish on small satellites.");
}

TEST_CASE("JSON arrays and JSON Lines recognise the common field names", "[ingest][json]") {
    const auto array = ingest_file_or_folder(ingest_fixture("articles.json"));
    REQUIRE(array.skips.empty());
    REQUIRE(array.articles.size() == 2);
    CHECK(array.articles[0].title == "Startups rent out idle graphics cards");
    CHECK(array.articles[0].date->iso() == "2024-01");
    CHECK(array.articles[0].source == "Compute Post");
    CHECK(array.articles[0].authors == Strings{"Lee Park", "Ana Costa"});
    CHECK(array.articles[0].tags == Strings{"gpus", "cloud"});
    CHECK(array.articles[0].body.starts_with("Marketplaces match gamers' spare cards"));
    CHECK(array.articles[1].source == "Compute Post");  // {"name": …}
    CHECK(array.articles[1].date->iso() == "2022");
    CHECK(array.articles[1].id == ingest_fixture("articles.json").string() + "#2");

    const auto lines = ingest_file_or_folder(ingest_fixture("articles.jsonl"));
    REQUIRE(lines.articles.size() == 2);
    CHECK(lines.articles[0].title == "Battery plant opens beside a wind farm");
    CHECK(lines.articles[0].source == "Grid News");
    CHECK(lines.articles[0].authors == Strings{"Sam Ito"});
    CHECK(lines.articles[0].url == "https://gridnews.example/battery-plant");
    CHECK(lines.articles[0].date->iso() == "2023-08-21T06:00:00Z");
    CHECK(lines.articles[1].date->iso() == "2024-05-15");
    CHECK(lines.articles[1].authors == Strings{"Noor Haddad"});
    CHECK(lines.articles[1].tags == Strings{"cooling", "data centres"});
    REQUIRE(lines.skips.size() == 1);
    CHECK(lines.skips[0].starts_with(ingest_fixture("articles.jsonl").string() +
                                     ":2: malformed JSON"));
}

TEST_CASE("the --field option maps other JSON keys", "[ingest][json]") {
    IngestOptions options;
    options.fields.add("title=name");
    options.fields.add("body=summary_text");
    options.fields.add("tags=labels");
    const auto result = ingest_text(
        R"({"name": "Mapped title", "title": "not this one", "summary_text": "Mapped body", "labels": ["a"]})"
        "\n",
        InputFormat::json_lines, "f.jsonl", options);
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "Mapped title");
    CHECK(result.articles[0].body == "Mapped body");
    CHECK(result.articles[0].tags == Strings{"a"});
}

TEST_CASE("CSV with a header maps columns by name and skips a broken row", "[ingest][csv]") {
    IngestOptions options;
    options.fields.add("source=Outlet");
    options.fields.add("author=writers");
    options.fields.add("tags=Topics");
    const auto path = ingest_fixture("articles.csv");
    const auto result = ingest_file_or_folder(path, options);
    REQUIRE(result.articles.size() == 2);
    const auto& first = result.articles[0];
    CHECK(first.title == "Rail line trials hydrogen trains");
    CHECK(first.body == "Two trains ran for a month on the valley line, refuelling once a day.");
    CHECK(first.date->iso() == "2024-02-14");
    CHECK(first.source == "Transit Today");
    CHECK(first.authors == Strings{"Jo Marsh"});
    CHECK(first.tags == Strings{"rail", "hydrogen"});
    CHECK(first.url == "https://transittoday.example/hydrogen");
    const auto& second = result.articles[1];
    CHECK(second.title == "Ferries go electric \"for good\"");
    CHECK(second.body ==
          "The harbours last diesel ferry retires.\r\nIts replacement charges in ten minutes.");
    CHECK(second.date->iso() == "2024-02-15T10:00:00Z");
    CHECK(second.authors == Strings{"Kim Vo", "Jo Marsh"});
    CHECK(second.origin.line == 4);
    CHECK(result.skips ==
          Strings{path.string() + ":3: broken row: 5 columns where the header has 7"});
}

TEST_CASE("CSV without a header takes columns by number", "[ingest][csv]") {
    IngestOptions options;
    options.fields.add("title=2");
    options.fields.add("body=3");
    options.fields.add("tags=1");
    const auto path = ingest_fixture("no-header.csv");
    const auto result = ingest_file_or_folder(path, options);
    REQUIRE(result.skips.empty());
    REQUIRE(result.articles.size() == 2);
    CHECK(result.articles[0].title == "Telescope mirror passes its cold test");
    CHECK(result.articles[0].body == "The segmented mirror kept its shape at minus 240 degrees.");
    CHECK(result.articles[0].tags == Strings{"4"});
    CHECK(result.articles[1].id == path.string() + ":2");
}

TEST_CASE("a stray quote breaks one CSV row and not the rest of the file", "[ingest][csv]") {
    const auto result =
        ingest_text("title,body\nGood one,Fine\n\"Unclosed,quote\nGood two,Fine too\n",
                    InputFormat::csv, "f.csv");
    CHECK(result.skips == Strings{"f.csv:3: broken row: unterminated quoted field"});
    REQUIRE(result.articles.size() == 2);
    CHECK(result.articles[1].title == "Good two");
    CHECK(result.articles[1].origin.line == 4);
}

TEST_CASE("TSV files are read like CSV", "[ingest][csv]") {
    const auto result = ingest_file_or_folder(ingest_fixture("articles.tsv"));
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "Printers that fix themselves");
    CHECK(result.articles[0].source == "Office Tech");
    CHECK(result.articles[0].tags == Strings{"printing"});
    CHECK(result.articles[0].date->iso() == "2021-09-30");
}

TEST_CASE("compressed files and bundles are read as what they hold", "[ingest][unpack]") {
    TempDir dir;
    const auto jsonl = read_file(ingest_fixture("articles.json"));
    const auto page = read_file(ingest_fixture("page.html"));
    const auto kind = GENERATE(as<std::string>{}, "gz", "bz2", "xz", "zst");
    CAPTURE(kind);
    SECTION("one compressed file keeps its inner name's format") {
        const auto path = dir.path() / ("articles.json." + kind);
        byline::test::write_packed(path, kind, {{"data", jsonl}});
        const auto result = ingest_file_or_folder(path);
        CHECK(result.skips.empty());
        REQUIRE(result.articles.size() == 2);
        CHECK(result.articles[1].id == path.string() + "#2");
    }
    SECTION("a compressed tar names its members BUNDLE!MEMBER") {
        const auto path = dir.path() / ("bundle.tar." + kind);
        byline::test::write_packed(path, "tar." + kind,
                                   {{"news/articles.json", jsonl},
                                    {"news/page.html", page},
                                    {"news/notes.md", "not an article"},
                                    {"news/.hidden.txt", "Title: hidden\n\nno"}});
        const auto result = ingest_file_or_folder(dir.path());
        CHECK(result.skips.empty());
        REQUIRE(result.articles.size() == 3);
        CHECK(result.articles[1].origin.path == path.string() + "!news/articles.json");
        CHECK(result.articles[2].title == "Chipmakers race to stack memory higher");
    }
}

TEST_CASE("a zip bundle and a WARC compressed record by record are read", "[ingest][unpack]") {
    TempDir dir;
    byline::test::write_packed(dir.path() / "pages.zip", "zip",
                               {{"a/page.html", read_file(ingest_fixture("page.html"))},
                                {"a/feed.atom", read_file(ingest_fixture("feed.atom"))}});
    // Crawlers compress each record on its own: a .warc.gz is many gzip members end to end.
    const auto warc = read_file(ingest_fixture("archive.warc"));
    std::string members;
    for (std::size_t start = 0; start < warc.size();) {
        const auto next = std::min(warc.find("WARC/1.1\r\n", start + 1), warc.size());
        const auto part = dir.path() / "part.gz";
        byline::test::write_packed(part, "gz", {{"part", warc.substr(start, next - start)}});
        members += read_file(part);
        std::filesystem::remove(part);
        start = next;
    }
    dir.write("crawl.warc.gz", members);
    const auto result = ingest_file_or_folder(dir.path());
    CHECK(result.skips.empty());
    REQUIRE(result.articles.size() == 5);
    CHECK(result.articles[0].origin.path == (dir.path() / "crawl.warc.gz").string());
    CHECK(result.articles[0].url == "https://gridnews.example/solar-share");
    CHECK(result.articles[2].origin.path == (dir.path() / "pages.zip!a/page.html").string());
    CHECK(result.articles[3].origin.path == (dir.path() / "pages.zip!a/feed.atom").string());
}

TEST_CASE("the content decides the format when the name misleads or says nothing",
          "[ingest][sniff]") {
    TempDir dir;
    dir.write("saved-page.txt", read_file(ingest_fixture("page.html")));
    dir.write("feed-without-extension", read_file(ingest_fixture("feed.atom")));
    dir.write("crawl.dat.xml", read_file(ingest_fixture("feed.rss")));
    dir.write("lines", "{\"title\": \"A JSON line in a file with no extension\"}\n");
    const auto result = ingest_file_or_folder(dir.path());
    REQUIRE(result.articles.size() == 6);
    CHECK(result.articles[0].title == "Open model beats its closed rival on code tests");
    CHECK(result.articles[2].title == "Reusable boosters fly a twentieth time");
    CHECK(result.articles[4].title == "A JSON line in a file with no extension");
    CHECK(result.articles[5].title == "Chipmakers race to stack memory higher");
}

TEST_CASE("the --input-format option reads a file as the format named", "[ingest][sniff]") {
    TempDir dir;
    const auto path = dir.write("export.dat", "headline\tsummary\nForced TSV\tIt worked\n");
    IngestOptions options;
    options.forced_format = InputFormat::tsv;
    const auto result = ingest_file_or_folder(path, options);
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "Forced TSV");
}

TEST_CASE("every input becomes valid UTF-8", "[ingest][charset]") {
    SECTION("UTF-16 with a byte-order mark") {
        const char raw[] = "\xFF\xFET\0i\0t\0l\0e\0:\0 \0\xE9\0t\0\xE9\0\n\0\n\0B\0o\0d\0y\0";
        const std::string utf16(raw, sizeof raw - 1);
        const auto result = ingest_text(utf16, InputFormat::article_text);
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles[0].title == "\u00e9t\u00e9");
        CHECK(result.articles[0].body == "Body");
    }
    SECTION("a UTF-8 byte-order mark is dropped") {
        const auto result = ingest_text("\xEF\xBB\xBFTitle: T\n\nB\n", InputFormat::article_text);
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles[0].title == "T");
    }
    SECTION("Windows-1252 text") {
        const auto result = ingest_text(
            "Title: \x93Quoted\x94 caf\xE9\n\nCosts \x80"
            "5\n",
            InputFormat::article_text);
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles[0].title == "\u201cQuoted\u201d caf\u00e9");
        CHECK(result.articles[0].body == "Costs \u20ac5");
    }
    SECTION("HTML entities in JSON fields are decoded") {
        const auto result = ingest_text(
            R"({"title": "It&#39;s R&amp;D &ndash; at &#x201C;scale&#x201D;", "body": "AT&T &bogus; &#0;"})"
            "\n",
            InputFormat::json_lines);
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles[0].title == "It's R&D \u2013 at \u201cscale\u201d");
        CHECK(result.articles[0].body == "AT&T &bogus; &#0;");
    }
}

TEST_CASE("mostly UTF-8 text with a stray Latin-1 byte keeps its UTF-8", "[ingest][charset]") {
    const auto result = ingest_text(
        "Title: Caf\xC3\xA9 prices\n\nA coffee costs \xA3"
        "3 at the caf\xC3\xA9.\n",
        InputFormat::article_text);
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "Caf\u00e9 prices");
    CHECK(result.articles[0].body == "A coffee costs \u00a33 at the caf\u00e9.");
}

TEST_CASE("every reader survives its fixture cut short anywhere", "[ingest][robustness]") {
    const std::vector<std::pair<const char*, InputFormat>> fixtures = {
        {"page.html", InputFormat::html},       {"feed.rss", InputFormat::rss},
        {"feed.atom", InputFormat::atom},       {"archive.warc", InputFormat::warc},
        {"articles.json", InputFormat::json},   {"articles.jsonl", InputFormat::json_lines},
        {"articles.csv", InputFormat::csv},     {"articles.tsv", InputFormat::tsv},
        {"page-latin1.html", InputFormat::html}};
    for (const auto& [name, format] : fixtures) {
        const auto contents = read_file(ingest_fixture(name));
        REQUIRE_FALSE(contents.empty());
        for (std::size_t cut = 0; cut < contents.size(); cut += 23) {
            CAPTURE(name, cut);
            const auto result = ingest_text(contents.substr(0, cut), format);
            for (const auto& article : result.articles) {
                CHECK_FALSE((article.title.empty() && article.body.empty()));
                CHECK_FALSE(article.id.empty());
            }
        }
    }
}

TEST_CASE("a cut-off compressed file gives its records before the cut", "[ingest][unpack]") {
    TempDir dir;
    // Hard-to-compress bodies, so that half the compressed file is well past the first
    // block libarchive decodes.
    std::string jsonl;
    std::uint64_t state = 42;
    for (int i = 1; i <= 5000; ++i) {
        std::string body;
        for (int k = 0; k < 8; ++k) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            body += fmt::format("{:016x}", state);
        }
        jsonl += fmt::format("{{\"title\": \"Record {}\", \"body\": \"{}\"}}\n", i, body);
    }
    const auto whole = dir.path() / "whole.gz";
    byline::test::write_packed(whole, "gz", {{"data", jsonl}});
    const auto packed = read_file(whole);
    const auto cut = dir.write("cut.jsonl.gz", packed.substr(0, packed.size() / 2));
    const auto result = ingest_file_or_folder(cut);
    CHECK(result.articles.size() > 1000);
    CHECK(result.articles.size() < 5000);
    REQUIRE(result.skips.size() == 2);  // the line cut in two, and the file
    CHECK(result.skips[0].find(": malformed JSON") != std::string::npos);
    CHECK(result.skips[1] == cut.string() + ": cannot unpack: truncated gzip input");
}
