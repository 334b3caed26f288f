/** @file
 *  @brief The field table: how each article field is indexed and how queries name it.
 */
#include <byline/fields.h>

#include "text.h"

#include <fmt/format.h>

#include <array>

namespace byline {

namespace {

std::vector<std::string_view> title_of(const Article& a) { return {a.title}; }
std::vector<std::string_view> source_of(const Article& a) { return {a.source}; }
std::vector<std::string_view> authors_of(const Article& a) {
    return {a.authors.begin(), a.authors.end()};
}
std::vector<std::string_view> tags_of(const Article& a) { return {a.tags.begin(), a.tags.end()}; }

// Title words count three times a body word in plain queries: a headline says what
// the story is about far more surely than one mention in the body.
constexpr Xapian::termcount title_weight = 3;

constexpr std::array<Field, 4> field_table = {{
    {"title", "S", FieldKind::text, title_weight, title_of},
    {"author", "A", FieldKind::text, 0, authors_of},
    {"source", "XSOURCE", FieldKind::boolean, 0, source_of},
    {"tag", "K", FieldKind::boolean, 0, tags_of},
}};

}  // namespace

std::span<const Field> fields() { return field_table; }

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
