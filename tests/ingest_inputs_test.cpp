/** @file
 *  @brief Inputs indexed end to end by byline-index and found by byline-search: plain and
 *  gzipped tar bundles, 7z, JSON objects that hold the article array, and a page in a
 *  legacy charset that does not name it.
 */
#include "index_command.h"
#include "search_command.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <xapian.h>

using byline::test::run_index;
using byline::test::run_search;
using byline::test::TempDir;

namespace {

/// The ids byline-search prints for a query on `db`, after checking it found some.
std::vector<std::string> ids_for(const std::string& db, const std::string& query) {
    const auto result = run_search({"--db", db, "--format", "ids", "-n", "100", query});
    CHECK(result.status == byline::search_hits);
    return byline::test::lines_of(result.out);
}

/// The same text in ISO-8859-1: each character of `utf8` is below U+0100.
std::string latin1_from_utf8(const std::string& utf8) {
    std::string latin1;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        if (byte < 0x80) {
            latin1 += static_cast<char>(byte);
        } else {
            const auto next = static_cast<unsigned char>(utf8[++i]);
            latin1 += static_cast<char>(((byte & 0x1F) << 6) | (next & 0x3F));
        }
    }
    return latin1;
}

}  // namespace

TEST_CASE("tar, tgz and 7z bundles are indexed member by member", "[ingest][unpack]") {
    // The extension names the bundle; libarchive writes each in its own format.
    const auto [kind, file_name] = GENERATE(table<std::string, std::string>(
        {{"tar", "desk.tar"}, {"tar.gz", "desk.tgz"}, {"7z", "desk.7z"}}));
    CAPTURE(kind);
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "archive");
    byline::test::write_packed(
        dir.path() / "archive" / file_name, kind,
        {{"desk/tides.txt",
          "Title: Spring tides flood the promenade\nId: tides\n\n"
          "Sandbags held the water back from the shops.\n"},
         {"desk/ferry.jsonl", R"({"id": "ferry", "title": "Night ferry returns", "body": )"
                              R"("The crossing runs again after a winter without it."})"
                              "\n"}});
    const auto db = (dir.path() / "index").string();
    const auto indexed = run_index({"--db", db, (dir.path() / "archive").string()});
    CHECK(indexed.status == byline::index_all_indexed);
    CHECK(indexed.err.find("indexed 2 articles") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 2);
    CHECK(ids_for(db, "title:promenade") == std::vector<std::string>{"tides"});
    CHECK(ids_for(db, "title:ferry") == std::vector<std::string>{"ferry"});
}

TEST_CASE("a JSON object's articles, items or data array is read as the articles",
          "[ingest][json]") {
    TempDir dir;
    for (const std::string key : {"articles", "items", "data"}) {
        dir.write("archive/" + key + ".json",
                  R"({"status": "ok", "total": 1, ")" + key + R"(": [{"id": "from-)" + key +
                      R"(", "title": "Orchard )" + key +
                      R"( report", "body": "Apples ripened early."}]})");
    }
    const auto db = (dir.path() / "index").string();
    const auto indexed = run_index({"--db", db, (dir.path() / "archive").string()});
    CHECK(indexed.status == byline::index_all_indexed);
    CHECK(indexed.err.find("indexed 3 articles (3 JSON)") != std::string::npos);
    for (const std::string key : {"articles", "items", "data"}) {
        CAPTURE(key);
        CHECK(ids_for(db, "title:" + key) == std::vector<std::string>{"from-" + key});
    }
}

TEST_CASE("a Latin-1 page that names no charset is detected and read as UTF-8",
          "[ingest][charset]") {
    const std::string title = "Le café du port rouvre après l'été";
    const std::string body =
        "Après un été très chargé, le café du vieux port a rouvert ses portes. Les habitués "
        "ont retrouvé leurs tables préférées près de la fenêtre. Le propriétaire, un ancien "
        "pêcheur, prépare toujours le même gâteau aux pommes et une crème brûlée généreuse. "
        "« C'est notre deuxième saison », a-t-il déclaré, très ému. Les élèves de l'école "
        "voisine viennent goûter après la récréation, et les marins s'arrêtent à l'aube "
        "avant de partir en mer.";
    TempDir dir;
    // No <meta charset>, no XML declaration, no HTTP header: only the bytes tell.
    const auto page =
        latin1_from_utf8("<html><head><title>" + title + "</title></head><body><article><h1>" +
                         title + "</h1><p>" + body + "</p></article></body></html>\n");
    REQUIRE(page.find('\xE9') != std::string::npos);
    dir.write("archive/cafe.html", page);
    const auto db = (dir.path() / "index").string();
    const auto indexed = run_index({"--db", db, (dir.path() / "archive").string()});
    CHECK(indexed.status == byline::index_all_indexed);
    CHECK(indexed.err.find("indexed 1 articles (1 HTML)") != std::string::npos);

    const auto found = run_search({"--db", db, "--format", "jsonl", "pêcheur"});
    CHECK(found.status == byline::search_hits);
    const auto lines = byline::test::lines_of(found.out);
    REQUIRE(lines.size() == 1);
    CHECK(nlohmann::json::parse(lines[0])["title"] == title);
}
