/** @file
 *  @brief Saved web pages: the article's metadata and readable text, parsed with libxml2.
 */
#include "ingest/bounded_json.h"
#include "ingest/libxml.h"
#include "ingest/main_text.h"
#include "ingest/readers.h"

#include <byline/fields.h>

#include "ingest/decoding.h"
#include "text.h"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <memory>
#include <optional>

namespace byline {

namespace {

using nlohmann::json;

/// Parses HTML that is already UTF-8, forgiving broken markup as browsers do. Throws
/// LimitExceeded for markup nested too deep, which libxml2 stops reading part-way.
XmlDocument parse_html(std::string_view utf8) {
    constexpr int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    XmlDocument doc(
        htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", options));
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (const xmlNode* deep = root == nullptr ? nullptr : too_deep_node(root)) {
        const long line = xmlGetLineNo(deep);
        throw LimitExceeded(SkipKind::too_deep, line > 0 ? static_cast<std::size_t>(line) : 0,
                            fmt::format("markup nested {} levels deep or more", max_nesting_depth));
    }
    return doc;
}

/// Every element below `node`, in document order.
template <typename Visit>
void for_each_element(xmlNode* node, const Visit& visit) {
    for (xmlNode* child = node; child != nullptr; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) {
            visit(child);
            for_each_element(child->children, visit);
        }
    }
}

// ---- metadata -------------------------------------------------------------------------

/// What a page's markup says, gathered in one pass.
struct PageFacts {
    std::multimap<std::string, std::string> meta;  ///< Lower-case name or property → content.
    std::string canonical;
    std::string title;
    std::string first_h1;
    std::string time_datetime;
    std::vector<std::string> json_ld;

    [[nodiscard]] std::string first_meta(std::initializer_list<std::string_view> names) const {
        for (const auto name : names) {
            const auto it = meta.find(std::string(name));
            if (it != meta.end() && !trim(it->second).empty()) {
                return std::string(trim(it->second));
            }
        }
        return {};
    }
    [[nodiscard]] std::vector<std::string> all_meta(std::string_view name) const {
        std::vector<std::string> values;
        const auto [begin, end] = meta.equal_range(std::string(name));
        for (auto it = begin; it != end; ++it) {
            if (!trim(it->second).empty()) {
                values.emplace_back(trim(it->second));
            }
        }
        return values;
    }
};

PageFacts gather_facts(xmlNode* root) {
    PageFacts facts;
    for_each_element(root, [&facts](xmlNode* node) {
        const auto name = to_lower(xml_name(node));
        if (name == "meta") {
            auto key = xml_attribute(node, "property");
            if (key.empty()) {
                key = xml_attribute(node, "name");
            }
            if (key.empty()) {
                key = xml_attribute(node, "itemprop");
            }
            if (!key.empty()) {
                facts.meta.emplace(to_lower(key), xml_attribute(node, "content"));
            }
        } else if (name == "link") {
            if (facts.canonical.empty() && to_lower(xml_attribute(node, "rel")) == "canonical") {
                facts.canonical = trim(xml_attribute(node, "href"));
            }
        } else if (name == "title") {
            if (facts.title.empty()) {
                facts.title = collapse_space(xml_text(node));
            }
        } else if (name == "h1") {
            if (facts.first_h1.empty()) {
                facts.first_h1 = collapse_space(xml_text(node));
            }
        } else if (name == "time") {
            const bool published = xml_attribute(node, "itemprop") == "datePublished" ||
                                   xmlHasProp(node, reinterpret_cast<const xmlChar*>("pubdate"));
            if (facts.time_datetime.empty() || published) {
                if (auto datetime = xml_attribute(node, "datetime"); !datetime.empty()) {
                    facts.time_datetime = std::move(datetime);
                }
            }
        } else if (name == "script") {
            if (to_lower(trim(xml_attribute(node, "type"))) == "application/ld+json") {
                facts.json_ld.push_back(xml_text(node));
            }
        }
    });
    return facts;
}

/// The schema.org article object among a page's JSON-LD blocks, if any.
json find_json_ld_article(const std::vector<std::string>& blocks) {
    constexpr std::array<std::string_view, 8> article_types = {
        "NewsArticle",         "Article",
        "BlogPosting",         "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle",
        "TechArticle",         "LiveBlogPosting"};
    auto is_article = [&](const json& node) {
        if (!node.is_object()) {
            return false;
        }
        const auto type = node.find("@type");
        if (type == node.end()) {
            return false;
        }
        const auto matches = [&](const json& value) {
            if (!value.is_string()) {
                return false;
            }
            const auto text = value.get<std::string>();
            for (const auto known : article_types) {
                if (text == known) {
                    return true;
                }
            }
            return false;
        };
        if (type->is_array()) {
            for (const auto& item : *type) {
                if (matches(item)) {
                    return true;
                }
            }
            return false;
        }
        return matches(*type);
    };
    for (const auto& block : blocks) {
        std::optional<json> bounded;
        try {
            bounded = parse_bounded_json(block);
        } catch (const json::exception&) {
        }
        if (!bounded) {
            continue;  // Broken JSON-LD is common; the meta tags still count.
        }
        const json& parsed = *bounded;
        std::vector<const json*> candidates{&parsed};
        if (parsed.is_array()) {
            candidates.clear();
            for (const auto& item : parsed) {
                candidates.push_back(&item);
            }
        }
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            const json& candidate = *candidates[i];
            if (is_article(candidate)) {
                return candidate;
            }
            if (candidate.is_object()) {
                if (const auto graph = candidate.find("@graph");
                    graph != candidate.end() && graph->is_array()) {
                    for (const auto& item : *graph) {
                        candidates.push_back(&item);
                    }
                }
            }
        }
    }
    return json();
}

std::string json_text(const json& object, std::string_view key) {
    if (!object.is_object()) {
        return {};
    }
    const auto it = object.find(key);
    if (it == object.end()) {
        return {};
    }
    if (it->is_string()) {
        return decode_entities(trim(it->get<std::string>()));
    }
    if (it->is_object()) {
        if (auto name = json_text(*it, "name"); !name.empty()) {
            return name;
        }
        return json_text(*it, "@id");
    }
    if (it->is_array() && !it->empty() && it->front().is_object()) {
        return json_text(it->front(), "name");
    }
    return {};
}

std::vector<std::string> json_names(const json& object, std::string_view key) {
    std::vector<std::string> names;
    if (!object.is_object()) {
        return names;
    }
    const auto it = object.find(key);
    if (it == object.end()) {
        return names;
    }
    const auto add = [&names](const json& item) {
        if (item.is_string()) {
            for (auto& name : split_authors(decode_entities(item.get<std::string>()))) {
                names.push_back(std::move(name));
            }
        } else if (item.is_object()) {
            if (const auto name = item.find("name"); name != item.end() && name->is_string()) {
                names.push_back(decode_entities(trim(name->get<std::string>())));
            }
        }
    };
    if (it->is_array()) {
        for (const auto& item : *it) {
            add(item);
        }
    } else {
        add(*it);
    }
    return names;
}

/// "Sutskever leaves OpenAI | Circuit Ledger" → "Sutskever leaves OpenAI": drops a site
/// name after the last separator when it is the site's name or much shorter than the
/// headline.
std::string without_site_suffix(const std::string& title, const std::string& site) {
    constexpr std::array<std::string_view, 6> separators = {" | ", " - ",  " – ",
                                                            " — ", " :: ", " · "};
    std::size_t best = std::string::npos;
    std::size_t separator_size = 0;
    for (const auto separator : separators) {
        const auto at = title.rfind(separator);
        if (at != std::string::npos && (best == std::string::npos || at > best)) {
            best = at;
            separator_size = separator.size();
        }
    }
    if (best == std::string::npos || best == 0) {
        return title;
    }
    const auto head = trim(std::string_view(title).substr(0, best));
    const auto tail = trim(std::string_view(title).substr(best + separator_size));
    const auto tail_words = split_list(tail, ' ').size();
    if ((!site.empty() && to_lower(tail) == to_lower(site)) ||
        (tail_words <= 4 && tail.size() * 2 < head.size())) {
        return std::string(head);
    }
    return title;
}

std::string strip_by(std::string name) {
    const auto lowered = to_lower(name.substr(0, 3));
    if (lowered == "by ") {
        name.erase(0, 3);
    }
    return std::string(trim(name));
}

/// The declared charset of a page, from its <meta charset>, http-equiv or XML declaration.
std::string declared_charset(std::string_view html) {
    const auto head = to_lower(html.substr(0, 4096));
    for (const std::string_view marker : {"charset=", "encoding="}) {
        const auto at = head.find(marker);
        if (at == std::string::npos) {
            continue;
        }
        auto pos = at + marker.size();
        while (pos < head.size() && (head[pos] == '"' || head[pos] == '\'' || head[pos] == ' ')) {
            ++pos;
        }
        const auto end = head.find_first_of("\"' ;/>", pos);
        const auto charset = head.substr(pos, end == std::string::npos ? end : end - pos);
        if (!charset.empty()) {
            return std::string(charset);
        }
    }
    return {};
}

}  // namespace

void extract_html_article(std::string_view html, std::string_view charset, Article& article) {
    const auto utf8 =
        decode_to_utf8(html, charset.empty() ? std::string_view(declared_charset(html)) : charset);
    const XmlDocument doc = parse_html(utf8);
    xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (root == nullptr) {
        return;
    }
    const auto facts = gather_facts(root);
    const json ld = find_json_ld_article(facts.json_ld);

    auto site = facts.first_meta({"og:site_name", "application-name"});
    if (site.empty()) {
        site = json_text(ld, "publisher");
    }
    site = decode_entities(site);

    // Title: og:title, JSON-LD headline, <title> without the site's name, the first <h1>.
    std::string title = facts.first_meta({"og:title", "twitter:title"});
    if (title.empty()) {
        title = json_text(ld, "headline");
    }
    if (title.empty() && !facts.title.empty()) {
        title = without_site_suffix(facts.title, site);
    }
    if (title.empty()) {
        title = facts.first_h1;
    }
    article.title = collapse_space(decode_entities(title));

    // Date: JSON-LD, Open Graph article tags, <time datetime>, the common meta names.
    const std::array<std::string, 4> date_candidates = {
        json_text(ld, "datePublished").empty() ? json_text(ld, "dateCreated")
                                               : json_text(ld, "datePublished"),
        facts.first_meta({"article:published_time", "og:published_time", "article:published"}),
        facts.time_datetime,
        facts.first_meta({"date", "pubdate", "publishdate", "publish-date", "publish_date",
                          "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
                          "dcterms.issued", "sailthru.date", "parsely-pub-date",
                          "article.published", "datepublished", "citation_publication_date"})};
    for (const auto& candidate : date_candidates) {
        // Pages carry many date-like values; the first that parses is the one kept.
        if (const auto date = parse_date(candidate)) {
            article.date = date;
            break;
        }
    }

    article.authors = json_names(ld, "author");
    if (article.authors.empty()) {
        auto byline = facts.first_meta(
            {"author", "article:author", "sailthru.author", "parsely-author", "dc.creator", "byl"});
        if (!byline.starts_with("http")) {
            article.authors = split_authors(strip_by(decode_entities(byline)));
        }
    }
    for (auto& author : article.authors) {
        author = strip_by(author);
    }

    article.url = facts.canonical;
    if (article.url.empty()) {
        article.url = facts.first_meta({"og:url"});
    }
    if (article.url.empty()) {
        article.url = json_text(ld, "url");
    }
    article.source = site.empty() ? to_lower(url_host(article.url)) : site;

    article.tags = facts.all_meta("article:tag");
    if (article.tags.empty()) {
        article.tags = json_names(ld, "keywords");
        if (article.tags.size() == 1) {
            article.tags = split_list(article.tags.front(), ',');
        }
    }
    if (article.tags.empty()) {
        auto keywords = facts.first_meta({"news_keywords", "keywords"});
        article.tags = split_list(decode_entities(keywords), ',');
    }

    auto structured_body = json_text(ld, "articleBody");
    if (structured_body.find("</") != std::string::npos) {
        structured_body = html_fragment_text(structured_body);  // Some pages put markup there.
    }
    article.body = page_main_text(root, {structured_body, article.title, &article.authors});
}

namespace {

/// The fragment's text as `text_of` finds it in the parsed fragment.
std::string fragment_text(std::string_view html, std::string (*text_of)(xmlNode*)) {
    if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
        return std::string(trim(html));
    }
    const auto wrapped = fmt::format("<html><body>{}</body></html>", html);
    const XmlDocument doc = parse_html(wrapped);
    xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    return root == nullptr ? std::string(trim(html)) : text_of(root);
}

}  // namespace

std::string html_fragment_text(std::string_view html) {
    return fragment_text(html, markup_text);
}

std::string html_article_text(std::string_view html) {
    return fragment_text(html, fragment_main_text);
}

void read_html_page(std::string_view contents, const FileRef& file, ArticleSink& sink) {
    Article article;
    article.origin = {file.display_path, 0};
    try {
        extract_html_article(contents, {}, article);
    } catch (const LimitExceeded& e) {
        sink.on_skip({file.display_path, e.line()}, e.kind(), e.what());
        return;
    }
    if (article.title.empty() && article.body.empty()) {
        sink.on_skip(article.origin, SkipKind::empty, "empty article (no title or text)");
        return;
    }
    assign_default_id(article, file);
    sink.on_article(std::move(article), InputFormat::html);
}

}  // namespace byline
