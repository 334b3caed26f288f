/** @file
 *  @brief Query text to Xapian query, driven by the field table.
 */
#include <byline/fields.h>
#include <byline/searcher.h>

#include <fmt/format.h>

#include <array>

namespace byline {

namespace {

/// Turns `field:value` into the filter term the indexer wrote for that value, so that
/// filters match whatever the case and spacing of the query.
class BooleanFieldProcessor : public Xapian::FieldProcessor {
public:
    explicit BooleanFieldProcessor(std::string_view prefix) : prefix_(prefix) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(boolean_term(prefix_, value));
    }

private:
    std::string prefix_;
};

/// English function words, dropped from queries (never from phrases) so that with
/// AND as the default operator "safety of the model" does not demand "of" and "the".
const Xapian::Stopper& english_stopper() {
    static constexpr std::array<const char*, 32> words = {
        "a",    "an",   "and",  "are",  "as",   "at",    "be",   "by",
        "for",  "from", "has",  "have", "he",   "in",    "is",   "it",
        "its",  "of",   "on",   "or",   "she",  "that",  "the",  "their",
        "this", "to",   "was",  "were", "will", "which", "with", "who"};
    static const Xapian::SimpleStopper stopper(words.begin(), words.end());
    return stopper;
}

Xapian::QueryParser make_query_parser(const Xapian::Database& db) {
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_stopper(&english_stopper());
    parser.set_database(db);
    parser.set_default_op(Xapian::Query::OP_AND);
    for (const auto& field : fields()) {
        const std::string name(field.name);
        if (field.kind == FieldKind::text) {
            parser.add_prefix(name, std::string(field.prefix));
        } else {
            parser.add_boolean_prefix(name, (new BooleanFieldProcessor(field.prefix))->release());
        }
    }
    return parser;
}

/// What Xapian's parser silently repairs but a user should hear about.
std::optional<std::string> unbalanced(const std::string& text) {
    int depth = 0;
    bool in_quotes = false;
    for (const char c : text) {
        if (c == '"') {
            in_quotes = !in_quotes;
        } else if (!in_quotes && c == '(') {
            ++depth;
        } else if (!in_quotes && c == ')' && --depth < 0) {
            return "unmatched ')'";
        }
    }
    if (in_quotes) {
        return "unclosed '\"'";
    }
    if (depth > 0) {
        return "unclosed '('";
    }
    return std::nullopt;
}

}  // namespace

ParsedQuery parse_query(const std::string& text, const Xapian::Database& db) {
    auto parser = make_query_parser(db);
    constexpr unsigned flags = Xapian::QueryParser::FLAG_DEFAULT |
                               Xapian::QueryParser::FLAG_WILDCARD |
                               Xapian::QueryParser::FLAG_PURE_NOT;
    try {
        ParsedQuery parsed{parser.parse_query(text, flags), std::nullopt};
        if (auto problem = unbalanced(text)) {
            parsed.syntax_note = fmt::format("{}; read as far as it makes sense", *problem);
        }
        return parsed;
    } catch (const Xapian::QueryParserError& e) {
        // As Omega does: search the words, ignoring the operators that broke.
        return {parser.parse_query(text, 0), fmt::format("{}; searched as plain words", e.get_msg())};
    }
}

}  // namespace byline
