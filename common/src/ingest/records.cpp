/** @file
 *  @brief Turning a record of named values (a JSON object, a CSV row) into an article.
 */
#include "ingest/records.h"

#include <byline/error.h>

#include "ingest/decoding.h"
#include "text.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <span>

namespace byline {

namespace {

struct FieldName {
    std::string_view name;
    ArticleField field;
};

constexpr std::array<FieldName, 8> field_names = {{{"id", ArticleField::id},
                                                   {"title", ArticleField::title},
                                                   {"body", ArticleField::body},
                                                   {"date", ArticleField::date},
                                                   {"url", ArticleField::url},
                                                   {"source", ArticleField::source},
                                                   {"author", ArticleField::author},
                                                   {"tags", ArticleField::tags}}};

/// The names scrapers and datasets use for each field, in order of preference.
std::span<const std::string_view> common_keys(ArticleField field) {
    static constexpr std::array<std::string_view, 4> id = {"id", "_id", "guid", "uuid"};
    static constexpr std::array<std::string_view, 2> title = {"title", "headline"};
    static constexpr std::array<std::string_view, 7> body = {
        "body", "text", "content", "article", "article_text", "description", "summary"};
    static constexpr std::array<std::string_view, 7> date = {
        "date",          "published",    "publishedAt", "published_at",
        "datePublished", "publish_date", "pubDate"};
    static constexpr std::array<std::string_view, 3> url = {"url", "link", "permalink"};
    static constexpr std::array<std::string_view, 5> source = {"source", "publication", "site",
                                                               "publisher", "source_name"};
    static constexpr std::array<std::string_view, 4> author = {"author", "byline", "authors",
                                                               "creator"};
    static constexpr std::array<std::string_view, 4> tags = {"tags", "categories", "keywords",
                                                             "category"};
    switch (field) {
        case ArticleField::id:
            return id;
        case ArticleField::title:
            return title;
        case ArticleField::body:
            return body;
        case ArticleField::date:
            return date;
        case ArticleField::url:
            return url;
        case ArticleField::source:
            return source;
        case ArticleField::author:
            return author;
        case ArticleField::tags:
            return tags;
    }
    return {};
}

std::optional<RecordValue> find_value(const RecordLookup& lookup, const FieldMapping& fields,
                                      ArticleField field) {
    // A mapped key comes first; files without it fall back on the common names, so one
    // mapping can serve a folder of files from different sources.
    if (const auto mapped = fields.keys.find(field); mapped != fields.keys.end()) {
        if (auto value = lookup(mapped->second)) {
            return value;
        }
    }
    for (const auto key : common_keys(field)) {
        if (auto value = lookup(key)) {
            return value;
        }
    }
    return std::nullopt;
}

std::string text_of(const std::optional<RecordValue>& value) {
    if (!value || value->items.empty()) {
        return {};
    }
    std::string text = value->items.front();
    for (std::size_t i = 1; i < value->items.size(); ++i) {
        text += ", ";
        text += value->items[i];
    }
    return decode_entities(trim(text));
}

std::vector<std::string> list_of(const std::optional<RecordValue>& value,
                                 std::vector<std::string> (*split)(std::string_view)) {
    std::vector<std::string> items;
    if (!value) {
        return items;
    }
    for (const auto& item : value->items) {
        if (value->is_list) {
            auto text = decode_entities(trim(item));
            if (!text.empty()) {
                items.push_back(std::move(text));
            }
        } else {
            for (auto& piece : split(decode_entities(item))) {
                items.push_back(std::move(piece));
            }
        }
    }
    return items;
}

std::vector<std::string> split_tags(std::string_view text) {
    return split_list(text, text.find(';') != std::string_view::npos ? ';' : ',');
}

}  // namespace

std::optional<ArticleField> article_field_from_name(std::string_view name) {
    const auto lowered = to_lower(name);
    for (const auto& known : field_names) {
        if (known.name == lowered) {
            return known.field;
        }
    }
    if (lowered == "authors") {
        return ArticleField::author;
    }
    if (lowered == "tag") {
        return ArticleField::tags;
    }
    return std::nullopt;
}

void FieldMapping::add(std::string_view assignment) {
    const auto equals = assignment.find('=');
    if (equals == std::string_view::npos || trim(assignment.substr(equals + 1)).empty()) {
        throw FieldMappingError(std::string(assignment), "expected NAME=KEY, as in title=headline");
    }
    const auto name = trim(assignment.substr(0, equals));
    const auto field = article_field_from_name(name);
    if (!field) {
        throw FieldMappingError(
            std::string(assignment),
            fmt::format("unknown field '{}' (id, title, body, date, url, source, author, tags)",
                        name));
    }
    keys[*field] = std::string(trim(assignment.substr(equals + 1)));
}

bool FieldMapping::by_column_number() const {
    for (const auto& [field, key] : keys) {
        unsigned column = 0;
        const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), column);
        if (error == std::errc() && end == key.data() + key.size()) {
            return true;
        }
    }
    return false;
}

std::optional<Article> article_from_record(const RecordLookup& lookup, const FieldMapping& fields,
                                           const SourceLocation& where, ArticleSink& sink) {
    Article article;
    article.origin = where;
    article.id = text_of(find_value(lookup, fields, ArticleField::id));
    article.title = collapse_space(text_of(find_value(lookup, fields, ArticleField::title)));
    article.body = text_of(find_value(lookup, fields, ArticleField::body));
    article.url = text_of(find_value(lookup, fields, ArticleField::url));
    article.source = text_of(find_value(lookup, fields, ArticleField::source));
    article.authors = list_of(find_value(lookup, fields, ArticleField::author), split_authors);
    article.tags = list_of(find_value(lookup, fields, ArticleField::tags), split_tags);
    const auto date_text = text_of(find_value(lookup, fields, ArticleField::date));
    if (!date_text.empty()) {
        article.date = parse_date(date_text);
        if (!article.date) {
            sink.on_skip(where, SkipKind::bad_date, fmt::format("unparsable date '{}'", date_text));
            return std::nullopt;
        }
    }
    if (article.title.empty() && article.body.empty()) {
        sink.on_skip(where, SkipKind::empty, "empty article (no title or body)");
        return std::nullopt;
    }
    return article;
}

}  // namespace byline
