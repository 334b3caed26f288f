/** @file
 *  @brief RSS and Atom feeds: each item or entry is an article, parsed with libxml2.
 */
#include "ingest/libxml.h"
#include "ingest/readers.h"

#include <byline/fields.h>

#include "ingest/decoding.h"
#include "text.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

namespace byline {

namespace {

/// The namespace prefix libxml2 saw ("content" of "content:encoded"), or "".
std::string_view prefix_of(const xmlNode* node) {
    if (node->ns == nullptr || node->ns->prefix == nullptr) {
        return {};
    }
    return std::string_view(reinterpret_cast<const char*>(node->ns->prefix));
}

bool named(const xmlNode* node, std::string_view name, std::string_view prefix = {}) {
    return node->type == XML_ELEMENT_NODE && xml_name(node) == name &&
           (prefix.empty() || prefix_of(node) == prefix);
}

/// Feed text and attribute values, without the white space around them.
std::string text_of(const xmlNode* node) {
    return std::string(trim(xml_text(node)));
}
std::string attribute(const xmlNode* node, const char* name) {
    return std::string(trim(xml_attribute(node, name)));
}

const xmlNode* child(const xmlNode* parent, std::string_view name, std::string_view prefix = {}) {
    for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
        if (named(node, name, prefix)) {
            return node;
        }
    }
    return nullptr;
}

std::string child_text(const xmlNode* parent, std::string_view name, std::string_view prefix = {}) {
    const xmlNode* node = child(parent, name, prefix);
    return node == nullptr ? std::string() : text_of(node);
}

/// A title or name that may hold markup or escaped entities ("AT&amp;amp;T").
std::string plain(std::string_view text) {
    return collapse_space(html_fragment_text(text));
}

/// RSS's author is "email (Name)" or a name; keep the name.
std::string rss_author_name(std::string text) {
    const auto open = text.find('(');
    const auto close = text.rfind(')');
    if (text.find('@') != std::string::npos && open != std::string::npos && close > open) {
        return std::string(trim(std::string_view(text).substr(open + 1, close - open - 1)));
    }
    return text;
}

/// Atom text constructs: plain text, escaped HTML, or inline XHTML.
std::string atom_text(const xmlNode* node, bool is_body) {
    const auto markup_text = is_body ? html_article_text : html_fragment_text;
    const auto type = attribute(node, "type");
    if (type == "xhtml") {
        xmlBuffer* buffer = xmlBufferCreate();
        for (const xmlNode* part = node->children; part != nullptr; part = part->next) {
            xmlNodeDump(buffer, node->doc, const_cast<xmlNode*>(part), 0, 0);
        }
        std::string markup(reinterpret_cast<const char*>(xmlBufferContent(buffer)));
        xmlBufferFree(buffer);
        return markup_text(markup);
    }
    if (type == "html" || type == "text/html") {
        return markup_text(text_of(node));
    }
    return text_of(node);
}

std::size_t line_of(const xmlNode* node) {
    const long line = xmlGetLineNo(node);
    return line > 0 ? static_cast<std::size_t>(line) : 0;
}

/// Ends an item: checks the date and emptiness, assigns the id and hands it over.
void finish(Article& article, const std::string& date_text, const FileRef& file, InputFormat format,
            ArticleSink& sink) {
    if (!date_text.empty()) {
        article.date = parse_date(date_text);
        if (!article.date) {
            sink.on_skip(article.origin, SkipKind::bad_date,
                         fmt::format("unparsable date '{}'", date_text));
            return;
        }
    }
    if (article.title.empty() && article.body.empty()) {
        sink.on_skip(article.origin, SkipKind::empty, "empty item (no title or content)");
        return;
    }
    if (article.source.empty()) {
        article.source = to_lower(url_host(article.url));
    }
    assign_default_id(article, file);
    sink.on_article(std::move(article), format);
}

void read_rss_item(const xmlNode* item, const std::string& channel_title, const FileRef& file,
                   ArticleSink& sink) {
    Article article;
    article.origin = {file.display_path, line_of(item)};
    article.title = plain(child_text(item, "title"));
    article.url = child_text(item, "link");
    article.source = channel_title;
    std::string date_text = child_text(item, "pubDate");
    std::string content;
    std::string description;
    for (const xmlNode* node = item->children; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        const auto name = xml_name(node);
        if (name == "guid") {
            const auto guid = text_of(node);
            article.id = guid;
            if (article.url.empty() && attribute(node, "isPermaLink") != "false" &&
                guid.starts_with("http")) {
                article.url = guid;
            }
        } else if (name == "author" || (name == "creator" && prefix_of(node) == "dc")) {
            for (auto& author : split_authors(rss_author_name(text_of(node)))) {
                article.authors.push_back(std::move(author));
            }
        } else if (name == "category" || (name == "subject" && prefix_of(node) == "dc")) {
            if (auto tag = plain(text_of(node)); !tag.empty()) {
                article.tags.push_back(std::move(tag));
            }
        } else if (name == "encoded" && prefix_of(node) == "content") {
            content = text_of(node);
        } else if (name == "description") {
            description = text_of(node);
        } else if (name == "date" && prefix_of(node) == "dc" && date_text.empty()) {
            date_text = text_of(node);
        }
    }
    article.body = html_article_text(content.empty() ? description : content);
    finish(article, date_text, file, InputFormat::rss, sink);
}

void read_atom_entry(const xmlNode* entry, const std::string& feed_title, const FileRef& file,
                     ArticleSink& sink) {
    Article article;
    article.origin = {file.display_path, line_of(entry)};
    article.id = child_text(entry, "id");
    article.source = feed_title;
    std::string published;
    std::string updated;
    const xmlNode* content = nullptr;
    const xmlNode* summary = nullptr;
    for (const xmlNode* node = entry->children; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }
        const auto name = xml_name(node);
        if (name == "title") {
            article.title = collapse_space(atom_text(node, false));
        } else if (name == "link") {
            const auto rel = attribute(node, "rel");
            if ((rel.empty() || rel == "alternate") && article.url.empty()) {
                article.url = attribute(node, "href");
            }
        } else if (name == "published") {
            published = text_of(node);
        } else if (name == "updated") {
            updated = text_of(node);
        } else if (name == "author") {
            if (auto author = child_text(node, "name"); !author.empty()) {
                article.authors.push_back(std::move(author));
            }
        } else if (name == "category") {
            auto tag = attribute(node, "label");
            if (tag.empty()) {
                tag = attribute(node, "term");
            }
            if (!tag.empty()) {
                article.tags.push_back(std::move(tag));
            }
        } else if (name == "content") {
            content = node;
        } else if (name == "summary") {
            summary = node;
        } else if (name == "source") {
            if (auto source = child_text(node, "title"); !source.empty()) {
                article.source = std::move(source);
            }
        }
    }
    if (content != nullptr) {
        article.body = atom_text(content, true);
    } else if (summary != nullptr) {
        article.body = atom_text(summary, true);
    }
    finish(article, published.empty() ? updated : published, file, InputFormat::atom, sink);
}

/// Reads a feed's items or entries; an item whose markup is nested too deep is skipped.
void read_items(const xmlNode* root, const FileRef& file, ArticleSink& sink) {
    const auto read_item = [&](const xmlNode* node, auto read, const std::string& title) {
        try {
            read(node, title, file, sink);
        } catch (const LimitExceeded& e) {
            sink.on_skip({file.display_path, line_of(node)}, e.kind(), e.what());
        }
    };
    if (named(root, "feed")) {
        const auto feed_title = plain(child_text(root, "title"));
        for (const xmlNode* node = root->children; node != nullptr; node = node->next) {
            if (named(node, "entry")) {
                read_item(node, read_atom_entry, feed_title);
            }
        }
        return;
    }
    if (!named(root, "rss") && !named(root, "RDF")) {
        sink.on_skip({file.display_path, line_of(root)}, SkipKind::malformed,
                     fmt::format("not an RSS or Atom feed (root element <{}>)", xml_name(root)));
        return;
    }
    // RSS 2.0 keeps its items in <channel>; RSS 1.0 (RDF) beside it.
    const xmlNode* channel = child(root, "channel");
    const auto channel_title =
        channel == nullptr ? std::string() : plain(child_text(channel, "title"));
    for (const xmlNode* parent : {channel, root}) {
        if (parent == nullptr) {
            continue;
        }
        for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
            if (named(node, "item")) {
                read_item(node, read_rss_item, channel_title);
            }
        }
    }
}

}  // namespace

void read_feed(std::string_view contents, const FileRef& file, ArticleSink& sink) {
    // XML names its encoding; text that declares none and is not UTF-8 is decoded first.
    const bool declares_encoding = contents.substr(0, 200).find("encoding=") != std::string::npos;
    const std::string decoded =
        declares_encoding || is_valid_utf8(contents) ? std::string() : decode_to_utf8(contents);
    const std::string_view xml = decoded.empty() ? contents : std::string_view(decoded);
    constexpr int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
    const XmlDocument doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, options));
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (root == nullptr) {
        sink.on_skip({file.display_path, 1}, SkipKind::malformed, "not a readable XML feed");
        return;
    }
    if (const xmlNode* deep = too_deep_node(root)) {
        sink.on_skip({file.display_path, line_of(deep)}, SkipKind::too_deep,
                     fmt::format("markup nested {} levels deep or more", max_nesting_depth));
        return;
    }
    try {
        read_items(root, file, sink);
    } catch (const LimitExceeded& e) {
        // The feed's own title holds markup nested too deep.
        sink.on_skip({file.display_path, line_of(root)}, e.kind(), e.what());
    }
}

}  // namespace byline
