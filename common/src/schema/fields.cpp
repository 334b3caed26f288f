/** @file
 *  @brief The field table: how each article field is indexed and how queries name it.
 */
#include <byline/fields.h>

#include "schema/terms.h"
#include "text.h"

#include <fmt/format.h>

#include <array>

namespace byline {

namespace {

std::vector<std::string_view> title_of(const Article& a) {
    return {a.title};
}
std::vector<std::string_view> source_of(const Article& a) {
    return {a.source};
}
std::vector<std::string_view> authors_of(const Article& a) {
    return {a.authors.begin(), a.authors.end()};
}
std::vector<std::string_view> tags_of(const Article& a) {
    return {a.tags.begin(), a.tags.end()};
}

/// The host and each of its parent domains, so that site:example.com also finds
/// news.example.com ("com" alone is left out).
std::vector<std::string_view> host_suffixes_of(const Article& a) {
    std::vector<std::string_view> suffixes;
    auto host = url_host(a.url);
    while (host.find('.') != std::string_view::npos) {
        suffixes.push_back(host);
        host.remove_prefix(host.find('.') + 1);
    }
    return suffixes;
}

std::vector<std::string_view> story_of(const Article& a) {
    return {a.story};
}

std::vector<std::string_view> url_of(const Article& a) {
    return {url_key(a.url)};
}

/// site:HOST takes the host however it is written: "WWW.Example.com/", a whole URL.
std::string host_query_term(std::string_view host_prefix, std::string_view value) {
    const auto key = url_key(value);
    return boolean_term(host_prefix, key.substr(0, key.find('/')));
}

/// url:VALUE is a host filter when VALUE has no path, else the address itself.
std::string url_query_term(std::string_view url_prefix, std::string_view value) {
    const auto key = url_key(value);
    if (key.find('/') == std::string_view::npos) {
        return boolean_term(prefix::host, key);
    }
    return boolean_term(url_prefix, key);
}

// Title words count three times a body word in plain queries: a headline says what
// the story is about far more surely than one mention in the body.
constexpr Xapian::termcount title_weight = 3;

constexpr std::array<Field, 7> field_table = {{
    {"title", "S", FieldKind::text, title_weight, title_of},
    {"author", "A", FieldKind::text, 0, authors_of},
    {"source", "XSOURCE", FieldKind::boolean, 0, source_of},
    {"tag", "K", FieldKind::boolean, 0, tags_of},
    {"site", prefix::host, FieldKind::boolean, 0, host_suffixes_of, host_query_term},
    {"url", prefix::url, FieldKind::boolean, 0, url_of, url_query_term},
    {"story", prefix::story, FieldKind::boolean, 0, story_of},
}};

}  // namespace

std::span<const Field> fields() {
    return field_table;
}

std::string_view url_key(std::string_view url) {
    url = trim(url);
    for (const std::string_view scheme : {"https://", "http://"}) {
        if (url.size() >= scheme.size() && to_lower(url.substr(0, scheme.size())) == scheme) {
            url.remove_prefix(scheme.size());
            break;
        }
    }
    if (url.size() > 4 && to_lower(url.substr(0, 4)) == "www.") {
        url.remove_prefix(4);
    }
    while (!url.empty() && url.back() == '/') {
        url.remove_suffix(1);
    }
    return url;
}

std::string_view url_host(std::string_view url) {
    url = trim(url);
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) {
        return {};  // A path or an id, not an address.
    }
    auto host = url.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/?#"));
    if (const auto at = host.rfind('@'); at != std::string_view::npos) {
        host.remove_prefix(at + 1);
    }
    host = host.substr(0, host.find(':'));
    if (host.size() > 4 && to_lower(host.substr(0, 4)) == "www.") {
        host.remove_prefix(4);
    }
    return host;
}

std::string copy_key(const Article& article) {
    return copy_key(article, word_sequence(article.body));
}

std::string copy_key(const Article& article, const WordSequence& body) {
    if (body.count >= min_story_words) {
        return fmt::format("{:016x}", stable_hash(body.text));
    }
    // A short body says too little to be called one story ("Photo gallery" twice), so
    // the headline must be the same too.
    const auto title = word_sequence(article.title);
    if (body.count + title.count == 0) {
        return {};
    }
    return fmt::format("{:016x}", stable_hash(title.text + '\n' + body.text));
}

std::string tags_value(const Article& article) {
    std::string value;
    for (const auto& tag : article.tags) {
        if (!value.empty()) {
            value += tag_separator;
        }
        value += tag;
    }
    return value;
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
    // Xapian refuses terms over 245 bytes; leave room for the prefix and a hash.
    constexpr std::size_t max_value_bytes = 200;
    std::string term(prefix);
    std::string normal = to_lower(collapse_space(value));
    if (normal.size() > max_value_bytes) {
        const auto hash = stable_hash(normal);
        std::size_t cut = max_value_bytes - 17;
        // Cut on a character boundary, not inside a UTF-8 sequence.
        while (cut > 0 && (static_cast<unsigned char>(normal[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        normal = fmt::format("{}#{:016x}", normal.substr(0, cut), hash);
    }
    term += normal;
    return term;
}

}  // namespace byline
