/** @file
 *  @brief The real archives in ../shared/corpora read as they are: counts equal to the
 *  records their SOURCE.md files give, plain, gzip-compressed and inside a .tar.gz.
 *
 *  Needs ../shared/corpora beside the checkout; skips with a message without it.
 */
#include "index_command.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <byline/fields.h>
#include <byline/index_writer.h>

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>

using byline::test::ingest_file_or_folder;
using byline::test::TempDir;

TEST_CASE("bbc-news is read as its 2225 text files in five category folders", "[ingest][corpus]") {
    const auto shared = byline::test::shared_corpora_or_skip();
    if (!shared) {
        return;
    }
    const std::map<std::string, std::size_t> categories = {{"business", 510},
                                                           {"entertainment", 386},
                                                           {"politics", 417},
                                                           {"sport", 511},
                                                           {"tech", 401}};
    std::size_t total = 0;
    for (const auto& [category, count] : categories) {
        const auto result = ingest_file_or_folder(*shared / "bbc-news" / category);
        CAPTURE(category);
        CHECK(result.skips.empty());
        CHECK(result.articles.size() == count);
        total += result.articles.size();
    }
    CHECK(total == 2225);
    // sport/199.txt is the one Latin-1 file: its pound sign survives.
    const auto sport = ingest_file_or_folder(*shared / "bbc-news" / "sport" / "199.txt");
    REQUIRE(sport.articles.size() == 1);
    CHECK(sport.articles[0].body.find("\u00a3") != std::string::npos);
}

TEST_CASE("ai-tech-articles is read as 1259 JSON lines with year-only dates", "[ingest][corpus]") {
    const auto shared = byline::test::shared_corpora_or_skip();
    if (!shared) {
        return;
    }
    const auto result = ingest_file_or_folder(*shared / "ai-tech-articles" / "articles.jsonl");
    CHECK(result.skips.empty());
    REQUIRE(result.articles.size() == 1259);
    std::size_t in_2020 = 0;
    std::size_t undated = 0;
    for (const auto& article : result.articles) {
        if (!article.date) {
            ++undated;
        } else if (article.date->year == 2020) {
            ++in_2020;
            CHECK(article.date->precision == byline::DatePrecision::year);
        }
    }
    CHECK(in_2020 == 214);
    CHECK(undated == 24);

    // What date:2020 finds: the year term, and no month or day the source never gave.
    const auto& article =
        *std::find_if(result.articles.begin(), result.articles.end(),
                      [](const auto& a) { return a.date && a.date->year == 2020; });
    Xapian::TermGenerator generator;
    const auto doc = byline::make_document(article, generator);
    std::vector<std::string> date_terms;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
        if ((*term).starts_with('Y') || (*term).starts_with('M') || (*term).starts_with('D')) {
            if ((*term).size() > 1 && std::isdigit(static_cast<unsigned char>((*term)[1]))) {
                date_terms.push_back(*term);
            }
        }
    }
    CHECK(date_terms == std::vector<std::string>{"Y2020"});
    CHECK(doc.get_value(byline::slot_date) == "20200101000000");
}

TEST_CASE("reuters21578 is read as 19043 JSON lines with full timestamps", "[ingest][corpus]") {
    const auto shared = byline::test::shared_corpora_or_skip();
    if (!shared) {
        return;
    }
    const auto result = ingest_file_or_folder(*shared / "reuters21578" / "articles.jsonl");
    CHECK(result.skips.empty());
    REQUIRE(result.articles.size() == 19043);
    std::size_t in_range = 0;
    for (const auto& article : result.articles) {
        const bool ok = article.date && article.date->precision == byline::DatePrecision::second &&
                        article.date->iso() >= "1987-02-26T15:01:01Z" &&
                        article.date->iso() <= "1987-10-20T22:53:18Z";
        in_range += ok ? 1 : 0;
    }
    CHECK(in_range == 19043);
    CHECK(result.articles[0].source == "Reuters");
}

TEST_CASE("ai-tech-articles gives 1259 articles gzip-compressed and inside a tar.gz",
          "[ingest][corpus]") {
    const auto shared = byline::test::shared_corpora_or_skip();
    if (!shared) {
        return;
    }
    TempDir dir;
    const auto jsonl = byline::test::read_file(*shared / "ai-tech-articles" / "articles.jsonl");
    byline::test::write_packed(dir.path() / "articles.jsonl.gz", "gz", {{"data", jsonl}});
    byline::test::write_packed(dir.path() / "corpus.tar.gz", "tar.gz",
                               {{"ai-tech-articles/articles.jsonl", jsonl}});
    const auto compressed = ingest_file_or_folder(dir.path() / "articles.jsonl.gz");
    CHECK(compressed.skips.empty());
    CHECK(compressed.articles.size() == 1259);
    const auto bundled = ingest_file_or_folder(dir.path() / "corpus.tar.gz");
    CHECK(bundled.skips.empty());
    CHECK(bundled.articles.size() == 1259);
}

TEST_CASE("byline-index reports the 7600 rows of ag-news test.csv mapped with --field",
          "[ingest][corpus]") {
    const auto shared = byline::test::shared_corpora_or_skip();
    if (!shared) {
        return;
    }
    TempDir dir;
    const auto db = (dir.path() / "index").string();
    const auto result =
        byline::test::run_index({"--db", db, "--field", "title=2", "--field", "body=3",
                                 (*shared / "ag-news" / "test.csv").string()});
    CHECK(result.status == byline::index_all_indexed);
    CHECK(result.err.find("indexed 7600 articles (7600 CSV)") != std::string::npos);
    CHECK(Xapian::Database(db).get_doccount() == 7600);
}
