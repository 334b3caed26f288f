/** @file
 *  @brief Article -> Xapian::Document: the terms, values and record of one article.
 *  @internal
 *
 *  make_document() itself is public (<byline/index_writer.h>), for tests and tools.
 */
#ifndef BYLINE_INCLUDED_INDEX_DOCUMENT_BUILDER_H
#define BYLINE_INCLUDED_INDEX_DOCUMENT_BUILDER_H

#include <xapian.h>

namespace byline {

/// The TermGenerator make_document() expects: the schema's stemmer and strategy.
[[nodiscard]] Xapian::TermGenerator make_term_generator();

}  // namespace byline

#endif
