/** @file
 *  @brief Query text to Xapian query, driven by the field table.
 */
#include <byline/date_range.h>
#include <byline/fields.h>
#include <byline/searcher.h>

#include "schema/terms.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace byline {

namespace {

/// Turns `field:value` into the filter term the indexer wrote for that value, so that
/// filters match whatever the case and spacing of the query.
class BooleanFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit BooleanFieldProcessor(const Field& field) : field_(field) {}
    Xapian::Query operator()(const std::string& value) override {
        if (field_.query_term != nullptr) {
            return Xapian::Query(field_.query_term(field_.prefix, value));
        }
        return Xapian::Query(boolean_term(field_.prefix, value));
    }

  private:
    const Field& field_;
};

/// `date:2024`, `date:2024-05`, `date:2024-05-15`: the year, month or day term the
/// indexer wrote, so that an article dated only "2024" is not taken to be in May.
/// `date:30d` means from 30 days ago on; a date with a time, that second.
/// Dates that are not dates are left out of the query and reported here.
using Problems = std::shared_ptr<std::vector<std::string>>;

class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    DateFieldProcessor(Date now, Problems problems) : now_(now), problems_(std::move(problems)) {}
    Xapian::Query operator()(const std::string& value) override {
        const auto date = parse_query_date(value, now_);
        if (!date) {
            problems_->push_back(fmt::format("date:{} is not a date", value));
            return Xapian::Query::MatchAll;
        }
        const bool relative =
            !value.empty() && std::isalpha(static_cast<unsigned char>(value.back()));
        if (relative) {  // date:30d: from 30 days ago on.
            return date_range_query(DateRange{date_lower_bound(*date), std::nullopt});
        }
        if (date->precision == DatePrecision::second) {
            return date_range_query(*parse_date_range(value, now_));
        }
        return Xapian::Query(date_term(*date, date->precision));
    }

  private:
    Date now_;
    Problems problems_;
};

/// `date:A..B`, `date:..B`, `date:A..` at year, month, day or second precision (Xapian's
/// DateRangeProcessor takes whole days only).
class DateRangeProcessor : public Xapian::RangeProcessor {
  public:
    DateRangeProcessor(Date now, Problems problems)
        : Xapian::RangeProcessor(slot_date, "date:"), now_(now), problems_(std::move(problems)) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        const auto range = parse_date_range(begin + ".." + end, now_);
        if (!range) {
            problems_->push_back(fmt::format("date:{}..{} is not a date range", begin, end));
            return Xapian::Query::MatchAll;
        }
        return date_range_query(*range);
    }

  private:
    Date now_;
    Problems problems_;
};

/// Any other `A..B`: Xapian's parser reads ranges whatever the flags, and throws on one
/// that no processor takes, so that "v1..v2" would fail even as plain words. Left out,
/// with a note, as a bad date range is.
class OtherRangeProcessor : public Xapian::RangeProcessor {
  public:
    explicit OtherRangeProcessor(Problems problems) : problems_(std::move(problems)) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        problems_->push_back(
            fmt::format("{}..{} is not a range (only date: takes one)", begin, end));
        return Xapian::Query::MatchAll;
    }

  private:
    Problems problems_;
};

/// English function words, dropped from queries (never from phrases) so that with
/// AND as the default operator "safety of the model" does not demand "of" and "the".
const Xapian::Stopper& english_stopper() {
    static constexpr std::array<const char*, 32> words = {
        "a",    "an",    "and",  "are", "as",  "at",   "be",   "by",    "for",  "from", "has",
        "have", "he",    "in",   "is",  "it",  "its",  "of",   "on",    "or",   "she",  "that",
        "the",  "their", "this", "to",  "was", "were", "will", "which", "with", "who"};
    static const Xapian::SimpleStopper stopper(words.begin(), words.end());
    return stopper;
}

Xapian::QueryParser make_query_parser(const Xapian::Database& db, const QueryOptions& options,
                                      const Xapian::Stem& stemmer, const Problems& problems) {
    Xapian::QueryParser parser;
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(query_parser_stemming);
    parser.set_stopper(&english_stopper());
    parser.set_database(db);
    parser.set_default_op(options.default_op);
    for (const auto& field : fields()) {
        const std::string name(field.name);
        if (field.kind == FieldKind::text) {
            parser.add_prefix(name, std::string(field.prefix));
        } else {
            parser.add_boolean_prefix(name, (new BooleanFieldProcessor(field))->release());
        }
    }
    const Date now = options.now ? *options.now : current_date();
    parser.add_boolean_prefix("date", (new DateFieldProcessor(now, problems))->release());
    parser.add_rangeprocessor((new DateRangeProcessor(now, problems))->release());
    parser.add_rangeprocessor((new OtherRangeProcessor(problems))->release());
    return parser;
}

/// The terms of a synonym as the index holds them: the table lists words as people
/// write them ("artificial intelligence", "chipmakers"), the index holds stems, and
/// Xapian 1.4 expands a multi-word synonym as one term that no document has.
Xapian::Query synonym_as_stems(const std::string& synonym, const Xapian::Stem& stemmer) {
    std::vector<Xapian::Query> words;
    std::size_t begin = 0;
    while (begin < synonym.size()) {
        const auto end = std::min(synonym.find(' ', begin), synonym.size());
        if (end > begin) {
            words.emplace_back(std::string(stem_prefix) +
                               stemmer(synonym.substr(begin, end - begin)));
        }
        begin = end + 1;
    }
    if (words.size() == 1) {
        return words.front();
    }
    return {Xapian::Query::OP_PHRASE, words.begin(), words.end(),
            static_cast<Xapian::termcount>(words.size())};
}

/// Xapian 1.4's parser expands a wildcard over the terms as written ("Scomput*"), which
/// this index does not hold: the same wildcard over the stems ("ZScomput*"). The parser
/// gives no other access to a wildcard's pattern than its description,
/// "Query(WILDCARD SYNONYM Scomput)".
Xapian::Query wildcard_over_stems(const Xapian::Query& wildcard) {
    const auto description = wildcard.get_description();
    const auto pattern_begin = description.rfind(' ') + 1;
    const auto pattern = description.substr(pattern_begin, description.size() - 1 - pattern_begin);
    return {Xapian::Query::OP_WILDCARD, std::string(stem_prefix) + pattern, 0,
            Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_SYNONYM};
}

/// Rewrites what the parser expanded as written into stems: the synonyms from the
/// index's table (under OP_SYNONYM the parser puts the query's own words first, then
/// the table's entries) and wildcards.
Xapian::Query stem_expansions(const Xapian::Query& query, const Xapian::Stem& stemmer) {
    const auto type = query.get_type();
    if (type == Xapian::Query::OP_WILDCARD) {
        return wildcard_over_stems(query);
    }
    // Auto-synonyms and wildcards appear only under these operators, which take no
    // parameter.
    switch (type) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            break;
        default:
            return query;
    }
    std::vector<Xapian::Query> parts;
    bool changed = false;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const auto part = query.get_subquery(i);
        if (type == Xapian::Query::OP_SYNONYM && i > 0 &&
            part.get_type() == Xapian::Query::LEAF_TERM) {
            parts.push_back(synonym_as_stems(*part.get_terms_begin(), stemmer));
            changed = true;
        } else {
            parts.push_back(stem_expansions(part, stemmer));
            changed = changed || parts.back().get_description() != part.get_description();
        }
    }
    return changed ? Xapian::Query(type, parts.begin(), parts.end()) : query;
}

/// The plain words a document must or may have, in query order: not the excluded
/// ones, not filters, not phrases (already exact) or wildcards, and of words with
/// synonyms the query's own.
void collect_positive_words(const Xapian::Query& query, std::vector<std::string>& words) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: {
            // A stem of no field but the default one: "Zsafeti", not "ZSsafeti" or "Kai".
            const std::string term = *query.get_terms_begin();
            if (term.starts_with(stem_prefix) && term.size() > stem_prefix.size() &&
                std::isupper(static_cast<unsigned char>(term[stem_prefix.size()])) == 0) {
                words.push_back(term);
            }
            return;
        }
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_MAYBE:
            for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
                collect_positive_words(query.get_subquery(i), words);
            }
            return;
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
            collect_positive_words(query.get_subquery(0), words);
            return;
        default:
            return;
    }
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

ParsedQuery parse_query(const std::string& text, const Xapian::Database& db,
                        const QueryOptions& options) {
    const auto problems = std::make_shared<std::vector<std::string>>();
    const Xapian::Stem stemmer{std::string(stemmer_language)};
    auto parser = make_query_parser(db, options, stemmer, problems);
    const unsigned meaning_flags =
        (options.synonyms ? static_cast<unsigned>(Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS)
                          : 0U) |
        (options.correct_spelling
             ? static_cast<unsigned>(Xapian::QueryParser::FLAG_SPELLING_CORRECTION)
             : 0U);
    const unsigned syntax_flags = Xapian::QueryParser::FLAG_DEFAULT |
                                  Xapian::QueryParser::FLAG_WILDCARD |
                                  Xapian::QueryParser::FLAG_PURE_NOT | meaning_flags;
    const unsigned flags = options.syntax ? syntax_flags : meaning_flags;
    ParsedQuery parsed;
    try {
        parsed.query = parser.parse_query(text, flags);
        if (auto problem = unbalanced(text); problem && options.syntax) {
            parsed.syntax_note = fmt::format("{}; read as far as it makes sense", *problem);
        }
    } catch (const Xapian::QueryParserError& e) {
        // As Omega does: search the words, ignoring the operators that broke.
        problems->clear();
        parsed.query = parser.parse_query(text, meaning_flags);
        parsed.syntax_note = fmt::format("{}; searched as plain words", e.get_msg());
    }
    for (const auto& problem : *problems) {
        parsed.syntax_note =
            parsed.syntax_note ? *parsed.syntax_note + "; " + problem : problem + "; left out";
    }
    collect_positive_words(parsed.query, parsed.words);
    parsed.query = stem_expansions(parsed.query, stemmer);
    if (auto corrected = parser.get_corrected_query_string(); !corrected.empty()) {
        parsed.corrected = std::move(corrected);
    }
    return parsed;
}

}  // namespace byline
