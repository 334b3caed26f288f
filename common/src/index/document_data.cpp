/** @file
 *  @brief The stored fields kept in each document's data.
 */
#include "index/document_data.h"

#include <byline/error.h>

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

Article decode_document_data(const std::string& data) {
    const json object = json::parse(data, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object()) {
        throw Error("index holds a document whose data is not Byline's (not JSON)");
    }
    Article article;
    article.id = object.value("id", "");
    article.title = object.value("title", "");
    article.body = object.value("body", "");
    article.source = object.value("source", "");
    article.authors = object.value("authors", std::vector<std::string>{});
    article.url = object.value("url", "");
    article.tags = object.value("tags", std::vector<std::string>{});
    article.origin.path = object.value("path", "");
    if (const auto date = object.find("date"); date != object.end() && date->is_string()) {
        article.date = parse_date(date->get<std::string>());
    }
    return article;
}

}  // namespace byline
