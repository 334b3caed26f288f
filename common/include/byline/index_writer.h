/** @file
 *  @brief Writing articles into a Xapian index.
 */
#ifndef BYLINE_INCLUDED_INDEX_WRITER_H
#define BYLINE_INCLUDED_INDEX_WRITER_H

#include <byline/article.h>

#include <xapian.h>

#include <filesystem>

namespace byline {

/// Adds articles to the index at a path, creating it if need be. An article replaces
/// any earlier one with the same id. Nothing is durable until commit().
class IndexWriter {
public:
    /// Opens or creates the index; throws byline::Error when it is locked by another
    /// writer or cannot be opened.
    explicit IndexWriter(const std::filesystem::path& index_dir);

    void add(const Article& article);
    /// Makes every add() so far durable; throws byline::Error on failure.
    void commit();
    [[nodiscard]] Xapian::doccount document_count() const;

private:
    std::filesystem::path index_dir_;
    Xapian::WritableDatabase db_;
    Xapian::TermGenerator term_generator_;
};

/// The Xapian document for an article, with every term, value and stored field.
[[nodiscard]] Xapian::Document make_document(const Article& article,
                                             Xapian::TermGenerator& term_generator);

}  // namespace byline

#endif
