/** @file
 *  @brief The stored record kept in each document's data, to print a hit without
 *  re-reading its file.
 */
#ifndef BYLINE_INCLUDED_DOCUMENT_DATA_H
#define BYLINE_INCLUDED_DOCUMENT_DATA_H

#include <byline/article.h>

#include <xapian.h>

#include <string>

namespace byline {

/// A compact binary record of the article's fields, body included (snippets are cut
/// from it).
[[nodiscard]] std::string encode_document_data(const Article& article);
/// The article back from its document data; throws byline::Error if the data is not
/// Byline's.
[[nodiscard]] Article decode_document_data(const std::string& data);
/// The article a document holds: its record, with the story and copy group that the
/// document's values keep (slot_story, slot_copy_group).
[[nodiscard]] Article stored_article(const Xapian::Document& doc);

}  // namespace byline

#endif
