/** @file
 *  @brief What the HTML and feed readers share of libxml2: owning documents, and node
 *  names, attributes and text as std::string.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_LIBXML_H
#define BYLINE_INCLUDED_INGEST_LIBXML_H

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

namespace byline {

struct XmlDocumentFreer {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
/// A parsed document, freed with it.
using XmlDocument = std::unique_ptr<xmlDoc, XmlDocumentFreer>;

/// The element's name without its namespace prefix ("dc:creator" → "creator"); "" for
/// a node without one.
[[nodiscard]] std::string_view xml_name(const xmlNode* node);
/// The attribute's value as written, or "" when the node has none.
[[nodiscard]] std::string xml_attribute(const xmlNode* node, const char* name);
/// The text of the node and everything below it, as written.
[[nodiscard]] std::string xml_text(const xmlNode* node);
/// The first node `max_nesting_depth` levels below `root` (which is level 1), or null:
/// found without recursion, so that any depth is safe to check.
[[nodiscard]] const xmlNode* too_deep_node(const xmlNode* root);

}  // namespace byline

#endif
