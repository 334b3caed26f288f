/** @file
 *  @brief One article per file: an RFC 822-style header block, then the body.
 */
#include "ingest/readers.h"

#include "text.h"

#include <fmt/format.h>

#include <array>
#include <optional>

namespace byline {

namespace {

enum class Header { title, date, source, author, url, tags, id };

struct HeaderName {
    std::string_view name;
    Header header;
};

constexpr std::array<HeaderName, 7> header_names = {{{"title", Header::title},
                                                     {"date", Header::date},
                                                     {"source", Header::source},
                                                     {"author", Header::author},
                                                     {"url", Header::url},
                                                     {"tags", Header::tags},
                                                     {"id", Header::id}}};

/// The name of a "Name: value" line, when the line has that shape.
std::optional<std::string> header_line_name(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) {
        return std::nullopt;
    }
    for (const char c : line.substr(0, colon)) {
        const bool name_char = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                               (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!name_char) {
            return std::nullopt;
        }
    }
    return to_lower(line.substr(0, colon));
}

std::optional<Header> known_header(std::string_view name) {
    for (const auto& known : header_names) {
        if (known.name == name) {
            return known.header;
        }
    }
    return std::nullopt;
}

/// Splits text into lines, dropping a '\r' before each '\n'.
class LineReader {
  public:
    explicit LineReader(std::string_view text) : text_(text) {}

    bool next(std::string_view& line) {
        if (pos_ >= text_.size()) {
            return false;
        }
        const auto end = text_.find('\n', pos_);
        line = text_.substr(pos_, end == std::string_view::npos ? end : end - pos_);
        pos_ = end == std::string_view::npos ? text_.size() : end + 1;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        ++number_;
        return true;
    }
    [[nodiscard]] std::size_t line_number() const { return number_; }
    [[nodiscard]] std::string_view rest() const { return text_.substr(pos_); }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t number_ = 0;
};

}  // namespace

void read_article_text(std::string_view text, const FileRef& file, ArticleSink& sink) {
    Article article;
    article.origin = {file.display_path, 0};
    LineReader lines(text);
    std::string_view line;
    while (lines.next(line) && trim(line).empty()) {
    }
    const auto first_name = header_line_name(line);
    if (first_name && known_header(*first_name)) {
        // Header block: fields until the first blank line; continuation lines start
        // with white space.
        std::string* last_value = nullptr;
        std::optional<std::size_t> date_line;
        std::string date_text;
        std::string authors_text;
        std::string tags_text;
        std::string ignored;
        do {
            if (trim(line).empty()) {
                break;
            }
            if ((line.front() == ' ' || line.front() == '\t') && last_value != nullptr) {
                *last_value += ' ';
                *last_value += trim(line);
                continue;
            }
            const auto name = header_line_name(line);
            if (!name) {
                sink.on_skip(
                    {file.display_path, lines.line_number()}, SkipKind::malformed,
                    fmt::format("malformed header line (expected 'Name: value'): {}", trim(line)));
                return;
            }
            const auto value = trim(line.substr(line.find(':') + 1));
            const auto header = known_header(*name);
            if (!header) {
                last_value = &ignored;
                continue;
            }
            switch (*header) {
                case Header::title:
                    last_value = &article.title;
                    break;
                case Header::date:
                    last_value = &date_text;
                    date_line = lines.line_number();
                    break;
                case Header::source:
                    last_value = &article.source;
                    break;
                case Header::author:
                    last_value = &authors_text;
                    break;
                case Header::url:
                    last_value = &article.url;
                    break;
                case Header::tags:
                    last_value = &tags_text;
                    break;
                case Header::id:
                    last_value = &article.id;
                    break;
            }
            *last_value = value;
        } while (lines.next(line));
        article.body = trim(lines.rest());
        if (date_line) {
            article.date = parse_date(date_text);
            if (!article.date) {
                sink.on_skip({file.display_path, *date_line}, SkipKind::bad_date,
                             fmt::format("unparsable date '{}'", date_text));
                return;
            }
        }
        article.authors = split_authors(authors_text);
        article.tags = split_list(tags_text, ',');
    } else {
        article.title = trim(line);
        article.body = trim(lines.rest());
    }
    if (article.title.empty() && article.body.empty()) {
        sink.on_skip({file.display_path, 0}, SkipKind::empty, "empty article");
        return;
    }
    assign_default_id(article, file);
    sink.on_article(std::move(article), InputFormat::article_text);
}

}  // namespace byline
