/** @file
 *  @brief Article -> Xapian::Document: the terms, values and record of one article.
 */
#include "index/document_builder.h"

#include <byline/document_data.h>
#include <byline/fields.h>
#include <byline/index_writer.h>

#include "schema/terms.h"

#include <string>

namespace byline {

namespace {

void add_date(Xapian::Document& doc, const Date& date) {
    doc.add_value(slot_date, date.sortable());
    doc.add_value(slot_day, day_value(date));
    doc.add_boolean_term(date_term(date, DatePrecision::year));
    if (date.precision == DatePrecision::year) {
        return;
    }
    doc.add_boolean_term(date_term(date, DatePrecision::month));
    if (date.precision == DatePrecision::month) {
        return;
    }
    doc.add_boolean_term(date_term(date, DatePrecision::day));
}

}  // namespace

Xapian::TermGenerator make_term_generator() {
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem(std::string(stemmer_language)));
    generator.set_stemming_strategy(term_generator_stemming);
    return generator;
}

Xapian::Document make_document(const Article& article, Xapian::TermGenerator& term_generator) {
    Xapian::Document doc;
    term_generator.set_document(doc);
    for (const auto& field : fields()) {
        for (const auto value : field.values(article)) {
            if (value.empty()) {
                continue;
            }
            if (field.kind == FieldKind::boolean) {
                doc.add_boolean_term(boolean_term(field.prefix, value));
                continue;
            }
            const std::string text(value);
            term_generator.index_text(text, 1, std::string(field.prefix));
            if (field.default_search_weight > 0) {
                term_generator.index_text(text, field.default_search_weight);
            }
            // A gap so that phrases never run from one field value into the next.
            term_generator.increase_termpos();
        }
    }
    // Spelling data ("did you mean") comes from the fields above, titles above all,
    // not from bodies: headlines hold the names and words people search for, and
    // adding every body word doubled the indexer's CPU time on the bench corpus.
    const auto flags = term_generator.set_flags(Xapian::TermGenerator::flags(0),
                                                ~Xapian::TermGenerator::FLAG_SPELLING);
    term_generator.index_text(article.body, body_weight);
    term_generator.set_flags(flags);
    doc.add_boolean_term(unique_id_term(article.id));
    if (article.date) {
        add_date(doc, *article.date);
    }
    // Values the searcher collapses stories, tells copies and counts facets by.
    doc.add_value(slot_story, article.story);
    doc.add_value(slot_copy_group, article.copy_group);
    doc.add_value(slot_source, article.source);
    doc.add_value(slot_tags, tags_value(article));
    doc.set_data(encode_document_data(article));
    return doc;
}

}  // namespace byline
