/** @file
 *  @brief WARC web archives: each HTML response or resource record is an article.
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

struct Payload {
    std::string html;
    std::string charset;
};

/// The HTML page a record holds, or nothing for requests, metadata, images, redirects
/// and the other records that are no article.
std::optional<Payload> html_payload(const std::map<std::string, std::string>& warc_headers,
                                    std::string_view block) {
    const auto type = to_lower(header(warc_headers, "warc-type"));
    const auto content_type = header(warc_headers, "content-type");
    if (type == "resource" && is_html(media_type(content_type))) {
        return Payload{std::string(block), charset_parameter(content_type)};
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
    if (space == std::string_view::npos || status_line.substr(space + 1, 1) != "2") {
        return std::nullopt;  // Redirects and errors hold no article.
    }
    block.remove_prefix(status_end + 1);
    std::map<std::string, std::string> http;
    if (!read_headers(block, http)) {
        return std::nullopt;
    }
    const auto http_type = header(http, "content-type");
    if (!is_html(media_type(http_type))) {
        return std::nullopt;
    }
    Payload payload{std::string(block), charset_parameter(http_type)};
    if (to_lower(header(http, "transfer-encoding")).find("chunked") != std::string::npos) {
        if (auto body = dechunk(payload.html)) {
            payload.html = std::move(*body);
        }
    }
    const auto encoding = to_lower(header(http, "content-encoding"));
    if ((encoding == "gzip" || encoding == "x-gzip" || encoding == "br" || encoding == "zstd") &&
        is_packed(payload.html)) {
        std::string decoded;
        unpack(payload.html, [&decoded](const std::string&, std::string_view data) {
            decoded = std::string(data);
        });
        payload.html = std::move(decoded);
    }
    return payload;
}

}  // namespace

void read_warc(std::string_view contents, const FileRef& file, std::size_t max_record_bytes,
               ArticleSink& sink) {
    std::size_t line = 1;
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
        if (!contents.starts_with("WARC/")) {
            // Lost sync: report once and look for the next record.
            const auto next = contents.find("\nWARC/");
            sink.on_skip(where, SkipKind::malformed, "not a WARC record header");
            advance(next == std::string_view::npos ? contents.size() : next + 1);
            continue;
        }
        std::string_view rest = contents;
        std::map<std::string, std::string> headers;
        const bool complete = read_headers(rest, headers);
        std::size_t length = 0;
        const auto length_text = header(headers, "content-length");
        const auto [ptr, error] =
            std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
        if (!complete || error != std::errc() || length > rest.size()) {
            sink.on_skip(where, SkipKind::malformed,
                         !complete || error != std::errc()
                             ? "WARC record without a valid Content-Length"
                             : "WARC record cut short");
            const auto next = contents.find("\nWARC/");
            advance(next == std::string_view::npos ? contents.size() : next + 1);
            continue;
        }
        const auto block = rest.substr(0, length);
        const auto header_size = contents.size() - rest.size();
        std::optional<Payload> payload;
        try {
            payload = html_payload(headers, block);
        } catch (const Error& e) {
            sink.on_skip(where, SkipKind::unreadable, e.what());
        }
        advance(header_size + length);
        if (!payload) {
            continue;
        }
        // Only pages count: large records of other kinds (videos, images) are passed over.
        if (payload->html.size() > max_record_bytes) {
            sink.on_skip(where, SkipKind::too_large,
                         over_size_limit("a page", payload->html.size(), max_record_bytes));
            continue;
        }
        Article article;
        article.origin = where;
        try {
            extract_html_article(payload->html, payload->charset, article);
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
