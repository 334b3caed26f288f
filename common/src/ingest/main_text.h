/** @file
 *  @brief The text a reader sees as a page's article: its main content found among
 *  navigation, comments, share bars and related links, paragraphs kept apart.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_MAIN_TEXT_H
#define BYLINE_INCLUDED_INGEST_MAIN_TEXT_H

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace byline {

/// What the page says about its article elsewhere than in its markup's text.
struct ArticleHints {
    /// The schema.org JSON-LD articleBody, if the page has one.
    std::string_view structured_body;
    /// The headline, left out where the body repeats it first.
    std::string_view title;
    /// The authors, whose byline repeated in the body is left out.
    const std::vector<std::string>* authors = nullptr;
};

/// The article text of a whole page: the JSON-LD articleBody where it is plausible
/// (matched back to the page's paragraphs so that their breaks stay), else the best
/// block as Readability scores it (paragraph text, commas, link density, class and id
/// words, propagated to parent and grandparent) with the siblings that qualify, boiler-
/// plate pruned as trafilatura and boilerpipe do. Paragraphs are separated by blank lines.
/// Marks nodes through their `_private` field while it runs.
[[nodiscard]] std::string page_main_text(xmlNode* root, const ArticleHints& hints);

/// The article text of an HTML fragment that is the article as a whole (a feed item's
/// content): the same pruning, without choosing a block.
[[nodiscard]] std::string fragment_main_text(xmlNode* root);

/// All the text of markup that is read as it is (a title, a name): only what is never
/// text (scripts, styles, navigation) left out.
[[nodiscard]] std::string markup_text(xmlNode* root);

}  // namespace byline

#endif
