/** @file
 *  @brief Writing articles into a Xapian index.
 */
#include <byline/index_writer.h>

#include <byline/error.h>
#include <byline/fields.h>

#include "index/document_data.h"
#include "text.h"

#include <fmt/format.h>

namespace byline {

namespace {

/// The Q term: the id exactly as given (ids are case-sensitive, unlike filters), with a
/// hash in place of the tail of ids too long for a Xapian term.
std::string unique_id_term(const std::string& id) {
    constexpr std::size_t max_id_bytes = 200;
    std::string term(prefix::unique_id);
    if (id.size() <= max_id_bytes) {
        return term + id;
    }
    return term + fmt::format("{}#{:016x}", id.substr(0, max_id_bytes - 17), stable_hash(id));
}

void add_date(Xapian::Document& doc, const Date& date) {
    doc.add_value(slot_date, date.sortable());
    doc.add_boolean_term(fmt::format("{}{:04}", prefix::year, date.year));
    if (date.precision == DatePrecision::year) {
        return;
    }
    doc.add_boolean_term(fmt::format("{}{:04}{:02}", prefix::month, date.year, date.month));
    if (date.precision == DatePrecision::month) {
        return;
    }
    doc.add_boolean_term(
        fmt::format("{}{:04}{:02}{:02}", prefix::day, date.year, date.month, date.day));
}

Xapian::WritableDatabase open_writable(const std::filesystem::path& index_dir) {
    std::error_code error;
    std::filesystem::create_directories(index_dir.parent_path(), error);
    try {
        return Xapian::WritableDatabase(index_dir.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw Error(
            fmt::format("index {} is locked by another indexer; try again when it has finished",
                        index_dir.string()));
    } catch (const Xapian::Error& e) {
        throw Error(
            fmt::format("cannot open index {} for writing: {}", index_dir.string(), e.get_msg()));
    }
}

}  // namespace

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
    term_generator.index_text(article.body, body_weight);
    doc.add_boolean_term(unique_id_term(article.id));
    if (article.date) {
        add_date(doc, *article.date);
    }
    // Values the searcher collapses copies and counts facets by.
    doc.add_value(slot_story, story_key(article));
    doc.add_value(slot_source, article.source);
    doc.add_value(slot_tags, tags_value(article));
    doc.set_data(encode_document_data(article));
    return doc;
}

IndexWriter::IndexWriter(const std::filesystem::path& index_dir)
    : index_dir_(index_dir), db_(open_writable(index_dir)) {
    term_generator_.set_stemmer(Xapian::Stem("english"));
    term_generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    term_generator_.set_database(db_);
    term_generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
}

void IndexWriter::add(const Article& article) {
    auto doc = make_document(article, term_generator_);
    db_.replace_document(unique_id_term(article.id), doc);
}

void IndexWriter::commit() {
    try {
        db_.commit();
    } catch (const Xapian::Error& e) {
        throw Error(fmt::format("cannot commit to index {}: {}", index_dir_.string(), e.get_msg()));
    }
}

Xapian::doccount IndexWriter::document_count() const { return db_.get_doccount(); }

}  // namespace byline
