/** @file
 *  @brief Web archives, WARC and the older ARC: each HTML response or resource record is
 *  an article.
 */
#include "ingest/readers.h"
#include "ingest/unpack.h"

#include <byline/error.h>
#include <byline/fields.h>

#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <vector>

namespace byline {

namespace {

/// "Name: value" lines up to the first empty line, names lower-cased; `text` is left
/// after the empty line. False when the block does not end.
bool read_headers(std::string_view& text, std::map<std::string, std::string>& headers) {
    while (true) {
        const auto end = text.find('\n');
        if (end == std::string_view::npos) {
            return false;
        }
        auto line = text.substr(0, end);
        text.remove_prefix(end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            return true;
        }
        const auto colon = line.find(':');
        if (colon != std::string_view::npos) {
            headers[to_lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
        }
    }
}

std::string header(const std::map<std::string, std::string>& headers, const std::string& name) {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

/// The media type of a Content-Type value, lower case, without parameters.
std::string media_type(std::string_view content_type) {
    return to_lower(trim(content_type.substr(0, content_type.find(';'))));
}

std::string charset_parameter(std::string_view content_type) {
    const auto lowered = to_lower(content_type);
    const auto at = lowered.find("charset=");
    if (at == std::string::npos) {
        return {};
    }
    auto value = std::string_view(lowered).substr(at + 8);
    value = trim(value.substr(0, value.find(';')));
    while (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
        value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == '"' || value.back() == '\'')) {
        value.remove_suffix(1);
    }
    return std::string(value);
}

bool is_html(std::string_view type) {
    return type == "text/html" || type == "application/xhtml+xml";
}

/// Undoes HTTP chunked transfer coding; nothing when the chunks are broken.
std::optional<std::string> dechunk(std::string_view body) {
    std::string out;
    while (true) {
        const auto end = body.find("\r\n");
        if (end == std::string_view::npos) {
            return std::nullopt;
        }
        const auto size_text = trim(body.substr(0, body.substr(0, end).find(';')));
        std::size_t size = 0;
        const auto [ptr, error] =
            std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
        if (error != std::errc() || end + 2 + size > body.size()) {
            return std::nullopt;
        }
        if (size == 0) {
            return out;
        }
        out.append(body.substr(end + 2, size));
        body.remove_prefix(end + 2 + size);
        if (body.starts_with("\r\n")) {
            body.remove_prefix(2);
        }
    }
}

/// Where the HTML page of a record's block starts and how it was sent.
struct PageLayout {
    std::size_t body_offset = 0;
    std::string charset;
    bool chunked = false;
    std::string content_encoding;
};

/// The layout of the HTML page a record holds, or nothing for requests, metadata,
/// images, redirects and the other records that are no article. `block` may be only the
/// block's first bytes.
std::optional<PageLayout> page_layout(const std::map<std::string, std::string>& warc_headers,
                                      std::string_view block) {
    const auto type = to_lower(header(warc_headers, "warc-type"));
    const auto content_type = header(warc_headers, "content-type");
    if (type == "resource" && is_html(media_type(content_type))) {
        return PageLayout{0, charset_parameter(content_type), false, {}};
    }
    if (type != "response" || !media_type(content_type).starts_with("application/http")) {
        return std::nullopt;
    }
    const auto status_end = block.find('\n');
    if (status_end == std::string_view::npos) {
        return std::nullopt;
    }
    const auto status_line = block.substr(0, status_end);
    const auto space = status_line.find(' ');
    if (!status_line.starts_with("HTTP/") || space == std::string_view::npos ||
        status_line.substr(space + 1, 1) != "2") {
        return std::nullopt;  // Redirects and errors hold no article.
    }
    auto rest = block.substr(status_end + 1);
    std::map<std::string, std::string> http;
    if (!read_headers(rest, http)) {
        return std::nullopt;
    }
    const auto http_type = header(http, "content-type");
    if (!is_html(media_type(http_type))) {
        return std::nullopt;
    }
    return PageLayout{
        block.size() - rest.size(), charset_parameter(http_type),
        to_lower(header(http, "transfer-encoding")).find("chunked") != std::string::npos,
        to_lower(header(http, "content-encoding"))};
}

/// The HTML page a record's block holds, as sent, decoded up to `limit` + 1 bytes (a
/// small compressed page may unpack to a huge one).
std::string page_html(const PageLayout& layout, std::string_view block, std::size_t limit) {
    std::string html(block.substr(layout.body_offset));
    if (layout.chunked) {
        if (auto body = dechunk(html)) {
            html = std::move(*body);
        }
    }
    const auto& encoding = layout.content_encoding;
    if ((encoding == "gzip" || encoding == "x-gzip" || encoding == "br" || encoding == "zstd") &&
        is_packed(html)) {
        html = unpack_up_to(html, limit);
    }
    return html;
}

/// "20240515103000" (ARC's dates) as "2024-05-15T10:30:00Z"; other text as it is.
std::string arc_date(std::string_view digits) {
    if (digits.size() != 14 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::string(digits);
    }
    return fmt::format("{}-{}-{}T{}:{}:{}Z", digits.substr(0, 4), digits.substr(4, 2),
                       digits.substr(6, 2), digits.substr(8, 2), digits.substr(10, 2),
                       digits.substr(12, 2));
}

/// A header longer than this is no header: a stream is not held waiting for its end.
constexpr std::size_t max_header_bytes = std::size_t{1} << 20;

/// The header of the record at the start of `text` (blank lines before it skipped), as
/// WARC header fields: an ARC header line ("URL IP DATE TYPE [...] LENGTH") becomes a
/// response record of its URL and date.
WebArchiveFrame parse_record_header(std::string_view text,
                                    std::map<std::string, std::string>& headers) {
    WebArchiveFrame frame;
    const auto start = std::min(text.find_first_not_of("\r\n"), text.size());
    std::string_view rest = text.substr(start);
    const auto incomplete_or_invalid = [&] {
        frame.kind = rest.size() > max_header_bytes ? WebArchiveFrame::Kind::invalid
                                                    : WebArchiveFrame::Kind::incomplete;
        return frame;
    };
    std::string length_text;
    if (rest.starts_with("WARC/")) {
        if (!read_headers(rest, headers)) {
            rest = text.substr(start);
            return incomplete_or_invalid();
        }
        length_text = header(headers, "content-length");
    } else {
        const auto end = rest.find('\n');
        if (end == std::string_view::npos) {
            return incomplete_or_invalid();
        }
        std::vector<std::string_view> fields;
        for (auto line = trim(rest.substr(0, end)); !line.empty();) {
            const auto space = line.find(' ');
            fields.push_back(line.substr(0, space));
            line = space == std::string_view::npos ? std::string_view() : trim(line.substr(space));
        }
        if (fields.size() < 5 || fields[0].find(':') == std::string_view::npos) {
            return frame;
        }
        rest.remove_prefix(end + 1);
        const bool description = fields[0].starts_with("filedesc:");
        headers["warc-type"] = description ? "warcinfo" : "response";
        headers["content-type"] = description ? std::string(fields[3]) : "application/http";
        headers["warc-target-uri"] = std::string(fields[0]);
        headers["warc-date"] = arc_date(fields[2]);
        length_text = std::string(fields.back());
    }
    const auto [ptr, error] = std::from_chars(
        length_text.data(), length_text.data() + length_text.size(), frame.block_bytes);
    if (error != std::errc() || ptr != length_text.data() + length_text.size()) {
        return frame;
    }
    frame.kind = WebArchiveFrame::Kind::record;
    frame.header_bytes = text.size() - rest.size();
    return frame;
}

}  // namespace

WebArchiveFrame web_archive_frame(std::string_view text) {
    std::map<std::string, std::string> headers;
    return parse_record_header(text, headers);
}

std::size_t next_web_archive_record(std::string_view text) {
    std::size_t next = text.size();
    for (const auto* start : {"\nWARC/", "\nhttp://", "\nhttps://"}) {
        next = std::min(next, text.find(start));
    }
    return next == text.size() ? next : next + 1;
}

bool web_archive_record_is_page(std::string_view record_head) {
    std::map<std::string, std::string> headers;
    const auto frame = parse_record_header(record_head, headers);
    return frame.kind == WebArchiveFrame::Kind::record &&
           page_layout(headers, record_head.substr(frame.header_bytes)).has_value();
}

void read_warc(std::string_view contents, const FileRef& file, std::size_t max_record_bytes,
               ArticleSink& sink, std::size_t first_line) {
    std::size_t line = first_line;
    auto advance = [&contents, &line](std::size_t count) {
        count = std::min(count, contents.size());
        line += static_cast<std::size_t>(std::count(
            contents.begin(), contents.begin() + static_cast<std::ptrdiff_t>(count), '\n'));
        contents.remove_prefix(count);
    };
    while (true) {
        while (!contents.empty() && (contents.front() == '\r' || contents.front() == '\n')) {
            advance(1);
        }
        if (contents.empty()) {
            return;
        }
        const SourceLocation where{file.display_path, line};
        std::map<std::string, std::string> headers;
        const auto frame = parse_record_header(contents, headers);
        if (frame.kind != WebArchiveFrame::Kind::record) {
            // Lost sync: report once and look for the next record.
            const bool warc = contents.starts_with("WARC/");
            sink.on_skip(where, SkipKind::malformed,
                         warc ? "WARC record without a valid Content-Length"
                              : "not a WARC or ARC record header");
            advance(next_web_archive_record(contents));
            continue;
        }
        if (frame.block_bytes > contents.size() - frame.header_bytes) {
            sink.on_skip(where, SkipKind::malformed, "WARC record cut short");
            advance(next_web_archive_record(contents));
            continue;
        }
        const auto block = contents.substr(frame.header_bytes, frame.block_bytes);
        std::optional<std::string> html;
        std::string charset;
        try {
            if (const auto layout = page_layout(headers, block)) {
                html = page_html(*layout, block, max_record_bytes);
                charset = layout->charset;
            }
        } catch (const Error& e) {
            sink.on_skip(where, SkipKind::unreadable, e.what());
        }
        advance(frame.header_bytes + frame.block_bytes);
        if (!html) {
            continue;
        }
        // Only pages count: large records of other kinds (videos, images) are passed over.
        if (html->size() > max_record_bytes) {
            sink.on_skip(where, SkipKind::too_large,
                         over_size_limit("a page", html->size(), max_record_bytes));
            continue;
        }
        Article article;
        article.origin = where;
        try {
            extract_html_article(*html, charset, article);
        } catch (const LimitExceeded& e) {
            sink.on_skip(where, e.kind(), e.what());
            continue;
        }
        if (article.url.empty()) {
            article.url = header(headers, "warc-target-uri");
            // WARC 1.0 wrote the URI in angle brackets.
            if (article.url.starts_with('<') && article.url.ends_with('>')) {
                article.url = article.url.substr(1, article.url.size() - 2);
            }
        }
        if (!article.date) {
            article.date = parse_date(header(headers, "warc-date"));
        }
        if (article.source.empty()) {
            article.source = to_lower(url_host(article.url));
        }
        if (article.title.empty() && article.body.empty()) {
            sink.on_skip(where, SkipKind::empty, "empty page (no title or text)");
            continue;
        }
        assign_default_id(article, file);
        sink.on_article(std::move(article), InputFormat::warc);
    }
}

}  // namespace byline
