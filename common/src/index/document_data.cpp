/** @file
 *  @brief The stored fields kept in each document's data.
 */
#include "index/document_data.h"

#include <byline/error.h>

#include <fmt/format.h>
#include <simdjson.h>
#include <nlohmann/json.hpp>

namespace byline {

using nlohmann::json;

std::string encode_document_data(const Article& article) {
    json data = {{"id", article.id},           {"title", article.title},
                 {"body", article.body},       {"source", article.source},
                 {"authors", article.authors}, {"url", article.url},
                 {"tags", article.tags},       {"path", article.origin.to_string()}};
    if (article.date) {
        data["date"] = article.date->iso();
    }
    return data.dump();
}

namespace {

std::string string_of(simdjson::dom::element value) {
    return std::string(std::string_view(value.get_string()));
}

std::vector<std::string> strings_of(simdjson::dom::element value) {
    std::vector<std::string> strings;
    for (const auto item : value.get_array()) {
        strings.emplace_back(std::string_view(item.get_string()));
    }
    return strings;
}

}  // namespace

// Decoding runs for every hit a search prints, so it uses simdjson: nlohmann's parser
// took a sixth of a one-shot search's instructions to read the bodies of ten hits.
Article decode_document_data(const std::string& data) {
    thread_local simdjson::dom::parser parser;
    Article article;
    try {
        const simdjson::dom::object object = parser.parse(data).get_object();
        for (const auto [key, value] : object) {
            if (key == "id") {
                article.id = string_of(value);
            } else if (key == "title") {
                article.title = string_of(value);
            } else if (key == "body") {
                article.body = string_of(value);
            } else if (key == "source") {
                article.source = string_of(value);
            } else if (key == "authors") {
                article.authors = strings_of(value);
            } else if (key == "url") {
                article.url = string_of(value);
            } else if (key == "tags") {
                article.tags = strings_of(value);
            } else if (key == "path") {
                article.origin.path = string_of(value);
            } else if (key == "date") {
                article.date = parse_date(std::string_view(value.get_string()));
            }
        }
    } catch (const simdjson::simdjson_error& e) {
        throw Error(
            fmt::format("index holds a document whose data is not Byline's ({})", e.what()));
    }
    return article;
}

}  // namespace byline
