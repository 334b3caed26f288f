/** @file
 *  @brief The stored fields kept in each document's data.
 *
 *  A compact binary record rather than JSON: it is written for every article and read
 *  for every hit, and JSON's escaping and parsing cost more than the index's own work.
 *  Layout: the byte 'B', a format version byte, then each field in a fixed order. A
 *  string is its byte length as a base-128 varint followed by the bytes; a list is its
 *  item count as a varint followed by the strings. This file is the only place that
 *  knows the layout.
 */
#include <byline/document_data.h>

#include <byline/error.h>
#include <byline/fields.h>

namespace byline {

namespace {

constexpr char magic = 'B';
constexpr char version = 2;

void put_varint(std::string& out, std::size_t value) {
    while (value >= 0x80) {
        out += static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    out += static_cast<char>(value);
}

void put_string(std::string& out, std::string_view text) {
    put_varint(out, text.size());
    out += text;
}

void put_list(std::string& out, const std::vector<std::string>& items) {
    put_varint(out, items.size());
    for (const auto& item : items) {
        put_string(out, item);
    }
}

class Reader {
  public:
    explicit Reader(std::string_view data) : data_(data) {}

    std::size_t varint() {
        std::size_t value = 0;
        for (unsigned shift = 0; shift < 64; shift += 7) {
            if (data_.empty()) {
                corrupt();
            }
            const auto byte = static_cast<unsigned char>(data_.front());
            data_.remove_prefix(1);
            value |= static_cast<std::size_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0) {
                return value;
            }
        }
        corrupt();
    }
    std::string string() {
        const auto size = varint();
        if (size > data_.size()) {
            corrupt();
        }
        std::string text(data_.substr(0, size));
        data_.remove_prefix(size);
        return text;
    }
    std::vector<std::string> list() {
        const auto count = varint();
        if (count > data_.size()) {
            corrupt();
        }
        std::vector<std::string> items;
        items.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            items.push_back(string());
        }
        return items;
    }

    [[noreturn]] static void corrupt() {
        throw Error("index holds a document whose data is not Byline's (damaged record)");
    }

  private:
    std::string_view data_;
};

}  // namespace

std::string encode_document_data(const Article& article) {
    std::string data;
    data.reserve(article.title.size() + article.body.size() + article.id.size() + 64);
    data += magic;
    data += version;
    put_string(data, article.id);
    put_string(data, article.title);
    put_string(data, article.body);
    put_string(data, article.source);
    put_list(data, article.authors);
    put_string(data, article.url);
    put_list(data, article.tags);
    put_string(data, article.origin.to_string());
    put_string(data, article.date ? article.date->iso() : std::string());
    return data;
}

Article decode_document_data(const std::string& data) {
    if (data.size() < 2 || data[0] != magic) {
        throw Error("index holds a document whose data is not Byline's (rebuild the index)");
    }
    if (data[1] != version) {
        throw Error("index was written by another version of byline-index (rebuild the index)");
    }
    Reader in(std::string_view(data).substr(2));
    Article article;
    article.id = in.string();
    article.title = in.string();
    article.body = in.string();
    article.source = in.string();
    article.authors = in.list();
    article.url = in.string();
    article.tags = in.list();
    article.origin.path = in.string();
    if (const auto date = in.string(); !date.empty()) {
        article.date = parse_date(date);
    }
    return article;
}

Article stored_article(const Xapian::Document& doc) {
    auto article = decode_document_data(doc.get_data());
    article.story = doc.get_value(slot_story);
    article.copy_group = doc.get_value(slot_copy_group);
    return article;
}

}  // namespace byline
