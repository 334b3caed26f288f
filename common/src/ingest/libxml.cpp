/** @file
 *  @brief What the HTML and feed readers share of libxml2.
 */
#include "ingest/libxml.h"

#include <byline/ingest.h>

namespace byline {

namespace {

/// Takes a string libxml2 allocated, and frees it.
std::string take(xmlChar* owned) {
    if (owned == nullptr) {
        return {};
    }
    std::string text(reinterpret_cast<const char*>(owned));
    xmlFree(owned);
    return text;
}

}  // namespace

std::string_view xml_name(const xmlNode* node) {
    return node->name == nullptr ? std::string_view()
                                 : std::string_view(reinterpret_cast<const char*>(node->name));
}

std::string xml_attribute(const xmlNode* node, const char* name) {
    return take(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
}

std::string xml_text(const xmlNode* node) {
    return take(xmlNodeGetContent(node));
}

const xmlNode* too_deep_node(const xmlNode* root) {
    const xmlNode* node = root;
    int depth = 1;
    while (true) {
        if (depth >= max_nesting_depth) {
            return node;
        }
        if (node->children != nullptr) {
            node = node->children;
            ++depth;
            continue;
        }
        while (node != root && node->next == nullptr) {
            node = node->parent;
            --depth;
        }
        if (node == root) {
            return nullptr;
        }
        node = node->next;
    }
}

}  // namespace byline
