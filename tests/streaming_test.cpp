/** @file
 *  @brief Archives of any size, read as streams: a bundle with a member larger than
 *  memory would allow, a web archive compressed record by record, ARC files, inputs that
 *  hold no article (NUL bytes, noise, a decompression bomb) and a big file interrupted.
 *
 *  The big inputs are made of one compressed block repeated: gzip members end to end
 *  decompress as one stream, so a file that unpacks to gigabytes takes milliseconds to
 *  write and a few kilobytes of disk.
 */
#include "index_command.h"
#include "test_support.h"

#include <byline/index_writer.h>
#include <byline/ingest.h>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <xapian.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <random>

using byline::test::ingest_file_or_folder;
using byline::test::TempDir;

namespace {

constexpr std::size_t mebibyte = std::size_t{1} << 20;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

la_ssize_t append_to_string(archive* /*writer*/, void* data, const void* buffer, std::size_t size) {
    static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), size);
    return static_cast<la_ssize_t>(size);
}

/// One gzip member holding `data`.
std::string gzip(std::string_view data) {
    std::string packed;
    archive* writer = archive_write_new();
    archive_write_set_format_raw(writer);
    archive_write_add_filter_gzip(writer);
    // No padding after the member: members are written end to end.
    archive_write_set_bytes_in_last_block(writer, 1);
    archive_write_open(writer, &packed, nullptr, append_to_string, nullptr);
    archive_entry* entry = archive_entry_new();
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_write_header(writer, entry);
    archive_write_data(writer, data.data(), data.size());
    archive_entry_free(entry);
    archive_write_close(writer);
    archive_write_free(writer);
    return packed;
}

/// A ustar header for a regular file of `size` bytes.
std::string tar_header(const std::string& name, std::uintmax_t size) {
    std::string header(512, '\0');
    const auto put = [&header](std::size_t offset, const std::string& text) {
        std::copy(text.begin(), text.end(), header.begin() + static_cast<std::ptrdiff_t>(offset));
    };
    put(0, name);
    put(100, "0000644");
    put(108, "0000000");
    put(116, "0000000");
    put(124, fmt::format("{:011o}", size));
    put(136, fmt::format("{:011o}", 1717243200));
    put(148, "        ");
    header[156] = '0';
    put(257, "ustar");
    put(263, "00");
    unsigned checksum = 0;
    for (const char c : header) {
        checksum += static_cast<unsigned char>(c);
    }
    put(148, fmt::format("{:06o}", checksum));
    header[154] = '\0';
    return header;
}

std::string page(const std::string& title, const std::string& text) {
    return fmt::format("<html><head><title>{}</title></head><body><p>{}</p></body></html>\n", title,
                       text);
}

/// A WARC response record holding an HTML page.
std::string warc_response(const std::string& url, const std::string& html) {
    const auto http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html;
    return fmt::format(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {}\r\n"
        "WARC-Date: 2024-06-01T12:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        "Content-Length: {}\r\n\r\n{}\r\n\r\n",
        url, http.size(), http);
}

std::string warc_request(const std::string& url) {
    const std::string http = "GET / HTTP/1.1\r\nHost: harbour.example\r\n\r\n";
    return fmt::format(
        "WARC/1.1\r\nWARC-Type: request\r\nWARC-Target-URI: {}\r\n"
        "Content-Type: application/http; msgtype=request\r\nContent-Length: {}\r\n\r\n{}\r\n\r\n",
        url, http.size(), http);
}

/// An ARC (version 1) record: a header line ending in the block's length, the block, and
/// a line break.
std::string arc_record(const std::string& url, const std::string& date, const std::string& type,
                       const std::string& block) {
    return fmt::format("{} 192.0.2.7 {} {} {}\n{}\n", url, date, type, block.size(), block);
}

std::string arc_file() {
    const std::string version =
        "1 0 Byline test crawl\nURL IP-address Archive-date "
        "Content-type Archive-length\n";
    const auto http_page = [](const std::string& title, const std::string& text) {
        return "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page(title, text);
    };
    return arc_record("filedesc://harbour.arc", "20240601120000", "text/plain", version) +
           arc_record("http://harbour.example/tides", "20240601120000", "text/html",
                      http_page("Spring tides reach the sea wall",
                                "Sandbags held the water back from the shops.")) +
           arc_record("http://harbour.example/logo.png", "20240601120005", "image/png",
                      "HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n") +
           arc_record("http://harbour.example/ferry", "20240602080000", "text/html",
                      http_page("Night ferry returns", "The crossing runs again."));
}

/// Stops the update it reports on once some articles have been read.
class StopOnFirstProgress : public byline::IndexReporter {
  public:
    explicit StopOnFirstProgress(std::atomic<bool>& stop) : stop_(stop) {}
    void on_skip(const byline::SourceLocation& /*where*/, byline::SkipKind /*kind*/,
                 std::string_view /*reason*/) override {}
    void on_progress(const byline::IndexCounts& counts) override {
        if (counts.articles() > 0) {
            stop_ = true;
        }
    }

  private:
    std::atomic<bool>& stop_;
};

class QuietReporter : public byline::IndexReporter {
  public:
    void on_skip(const byline::SourceLocation& where, byline::SkipKind /*kind*/,
                 std::string_view reason) override {
        FAIL(where.to_string() << ": " << reason);
    }
    void on_progress(const byline::IndexCounts& /*counts*/) override {}
};

}  // namespace

TEST_CASE("a .tar.gz holding a 1.5 GB member is read to its last record",
          "[ingest][unpack][streaming]") {
    TempDir dir;
    // Each mebibyte of the member: one record, then lines of spaces, which compress a
    // thousand to one and which the reader passes over.
    std::string block = R"({"title": "Harbour log entry", "body": "The tide came in on time."})"
                        "\n";
    while (block.size() < mebibyte) {
        block.append(1023, ' ');
        block += '\n';
    }
    block.resize(mebibyte - 1);
    block += '\n';
    constexpr std::size_t blocks = 1500;
    const std::string first =
        R"({"id": "first", "title": "Log opens", "body": "Keepers start the log."})"
        "\n";
    const std::string last =
        R"({"id": "last", "title": "Log closes", "body": "Keepers end the log."})"
        "\n";
    const std::uintmax_t member_size = first.size() + blocks * block.size() + last.size();
    REQUIRE(member_size > 1'500'000'000);
    std::string tail = last + std::string((512 - member_size % 512) % 512, '\0');
    tail += std::string(1024, '\0');  // the end of the tar
    const auto packed_block = gzip(block);
    {
        std::ofstream out(dir.path() / "logs.tar.gz", std::ios::binary);
        out << gzip(tar_header("logs/harbour.jsonl", member_size) + first);
        for (std::size_t i = 0; i < blocks; ++i) {
            out << packed_block;
        }
        out << gzip(tail);
    }
    const auto path = dir.path() / "logs.tar.gz";
    CHECK(std::filesystem::file_size(path) < 10 * mebibyte);

    const auto result = ingest_file_or_folder(path);
    CHECK(result.skips.empty());
    REQUIRE(result.articles.size() == blocks + 2);
    CHECK(result.articles.front().id == "first");
    const auto& final_article = result.articles.back();
    CHECK(final_article.id == "last");
    CHECK(final_article.origin.path == path.string() + "!logs/harbour.jsonl");
    const auto lines_per_block =
        static_cast<std::size_t>(std::count(block.begin(), block.end(), '\n'));
    CHECK(final_article.origin.line == 2 + blocks * lines_per_block);
}

TEST_CASE("a .warc.gz of one gzip member per record is read to its last page",
          "[ingest][unpack][streaming][warc]") {
    TempDir dir;
    // Pages of about 12 KB, so that the archive (7 MB) is read in several pieces.
    std::string filler;
    while (filler.size() < 12000) {
        filler += "Cranes unloaded the morning's containers along the quay. ";
    }
    constexpr int pages = 600;
    std::string packed;
    for (int i = 0; i < pages; ++i) {
        const auto url = fmt::format("https://harbour.example/page-{}", i);
        packed += gzip(warc_request(url));
        packed += gzip(warc_response(url, page(fmt::format("Quay report {}", i), filler)));
    }
    const auto path = dir.write("crawl.warc.gz", packed);
    const auto result = ingest_file_or_folder(path);
    CHECK(result.skips.empty());
    REQUIRE(result.articles.size() == pages);
    for (int i = 0; i < pages; ++i) {
        CHECK(result.articles[static_cast<std::size_t>(i)].url ==
              fmt::format("https://harbour.example/page-{}", i));
    }
    CHECK(result.articles.back().title == fmt::format("Quay report {}", pages - 1));
    CHECK(result.articles.back().origin.path == path.string());
}

TEST_CASE("a CSV file read in pieces keeps its header and its quoted line breaks",
          "[ingest][csv][streaming]") {
    TempDir dir;
    // 6 MB: more than one piece; quoted bodies with line breaks and doubled quotes, so a
    // piece can only end between rows.
    std::string csv = "headline,body,id\n";
    constexpr int rows = 30000;
    for (int i = 0; i < rows; ++i) {
        csv += fmt::format(
            "Berth {0} assigned,\"The \"\"{0}\"\" berth,\nlong enough for a freighter, "
            "opens at dawn after the dredging of the channel.\",berth-{0}\n",
            i);
    }
    const auto path = dir.write("berths.csv.gz", gzip(csv));
    const auto result = ingest_file_or_folder(path);
    CHECK(result.skips.empty());
    REQUIRE(result.articles.size() == rows);
    const auto& last = result.articles.back();
    CHECK(last.id == fmt::format("berth-{}", rows - 1));
    CHECK(last.title == fmt::format("Berth {} assigned", rows - 1));
    CHECK(last.body.starts_with(fmt::format("The \"{}\" berth,\nlong enough", rows - 1)));
    CHECK(last.origin.line == 2 + 2 * static_cast<std::size_t>(rows - 1));
}

TEST_CASE("a line over the size limit in a compressed file is passed over, not held",
          "[ingest][limits][streaming]") {
    TempDir dir;
    // Hex digits: they compress two to one, so the line is long, not a bomb.
    std::string line = R"({"title": "Too long", "body": ")";
    std::uint64_t state = 7;
    while (line.size() < 6 * mebibyte) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        line += fmt::format("{:016x}", state);
    }
    line += "\"}\n";
    const auto path = dir.write("wire.jsonl.gz", gzip(R"({"title": "Before"})"
                                                      "\n" +
                                                      line + R"({"title": "After"})" + "\n"));
    byline::IngestOptions options;
    options.max_article_bytes = mebibyte;
    const auto result = ingest_file_or_folder(path, options);
    REQUIRE(result.articles.size() == 2);
    CHECK(result.articles[1].title == "After");
    CHECK(result.articles[1].origin.line == 3);
    REQUIRE(result.skips.size() == 1);
    CHECK(result.skips[0] == path.string() + ":2: a line of 6.0 MiB is over the 1.0 MiB limit");
}

TEST_CASE("ARC web archives are read like WARC, plain and compressed record by record",
          "[ingest][warc][arc]") {
    TempDir dir;
    const auto arc = arc_file();
    dir.write("plain/harbour.arc", arc);
    std::string packed;
    for (std::size_t start = 0; start < arc.size();) {
        // Each record on its own gzip member, as crawlers write .arc.gz.
        auto next = arc.find("\nhttp://", start);
        next = next == std::string::npos ? arc.size() : next + 1;
        packed += gzip(arc.substr(start, next - start));
        start = next;
    }
    dir.write("packed/harbour.arc.gz", packed);
    dir.write("unnamed/harbour-crawl", arc);
    for (const auto* folder : {"plain", "packed", "unnamed"}) {
        CAPTURE(folder);
        const auto result = ingest_file_or_folder(dir.path() / folder);
        CHECK(result.skips.empty());
        REQUIRE(result.articles.size() == 2);
        CHECK(result.articles[0].title == "Spring tides reach the sea wall");
        CHECK(result.articles[0].url == "http://harbour.example/tides");
        CHECK(result.articles[0].source == "harbour.example");
        REQUIRE(result.articles[0].date);
        CHECK(result.articles[0].date->iso() == "2024-06-01T12:00:00Z");
        CHECK(result.articles[1].title == "Night ferry returns");
        CHECK(result.articles[1].date->iso() == "2024-06-02T08:00:00Z");
    }
}

TEST_CASE("NUL bytes, noise named .jsonl.gz and a decompression bomb are reported by name",
          "[ingest][unpack][streaming][cli]") {
    TempDir dir;
    dir.write("archive/zeros.jsonl.gz", gzip(std::string(8 * mebibyte, '\0')));
    std::string noise(64 * 1024, '\0');
    std::mt19937 random(23);
    std::generate(noise.begin(), noise.end(), [&random] { return static_cast<char>(random()); });
    noise[0] = 'x';  // no gzip magic by chance
    dir.write("archive/noise.jsonl.gz", noise);
    // 256 MiB of one letter with no line break: a line no reader can use, a thousand times
    // its compressed size.
    const auto packed_letters = gzip(std::string(mebibyte, 'A'));
    std::string bomb;
    for (int i = 0; i < 256; ++i) {
        bomb += packed_letters;
    }
    dir.write("archive/bomb.jsonl.gz", bomb);
    dir.write("archive/wire.jsonl",
              R"({"id": "w1", "title": "Pilot boats idle in fog", "body": "No ship moved."})"
              "\n"
              R"({"id": "w2", "title": "Fog lifts by noon", "body": "Traffic resumed."})"
              "\n");
    const auto db = (dir.path() / "index").string();
    const auto archive = dir.path() / "archive";
    const auto result = byline::test::run_index({"--db", db, archive.string()});
    INFO(result.err);
    CHECK(result.status == byline::index_some_skipped);
    CHECK(contains(result.err,
                   (archive / "zeros.jsonl.gz").string() + ": no articles: all bytes are NUL\n"));
    CHECK(contains(result.err, (archive / "noise.jsonl.gz").string() +
                                   ": no articles: not a format Byline reads\n"));
    CHECK(contains(result.err, (archive / "bomb.jsonl.gz").string() + ":1: decompression bomb: "));
    CHECK(contains(result.err, "indexed 2 articles"));
    CHECK(contains(result.err, "skipped 3"));
    CHECK(Xapian::Database(db).get_doccount() == 2);
}

TEST_CASE("a big file interrupted while it is read is read again by the next run",
          "[index][streaming][faults]") {
    TempDir dir;
    constexpr int records = 30000;
    std::string jsonl;
    for (int i = 0; i < records; ++i) {
        jsonl += fmt::format(
            R"({{"id": "log-{0}", "title": "Harbour log {0}", "body": "Entry {0} of the log."}})"
            "\n",
            i);
    }
    const auto path = dir.write("archive/logs.jsonl.gz", gzip(jsonl));
    const auto db = dir.path() / "index";
    {
        std::atomic<bool> stop{false};
        StopOnFirstProgress reporter(stop);
        byline::IndexWriter writer(db, byline::IndexOptions{});
        const auto counts = writer.update({path}, reporter, stop);
        CHECK(counts.interrupted);
        // Reading stopped with the run, well before the end of the file.
        CHECK(counts.articles() < records);
    }
    QuietReporter reporter;
    byline::IndexWriter writer(db, byline::IndexOptions{});
    const std::atomic<bool> never{false};
    const auto counts = writer.update({path}, reporter, never);
    CHECK(counts.files_unchanged == 0);
    CHECK(counts.files_indexed == 1);
    CHECK(counts.articles() == records);
    CHECK(writer.document_count() == records);
}
