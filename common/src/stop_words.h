/** @file
 *  @brief English function and question words: left out of queries, and of the words
 *  that tell one story from another.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_STOP_WORDS_H
#define BYLINE_INCLUDED_STOP_WORDS_H

#include <xapian.h>

#include <string>

namespace byline {

/// Dropped from queries (never from phrases): "why did Jan Leike leave OpenAI" must not
/// require "why" and "did", nor rank by them.
[[nodiscard]] const Xapian::Stopper& english_stopper();

/// True for the words english_stopper() drops ("why", "the").
[[nodiscard]] bool is_stop_word(const std::string& word);

}  // namespace byline

#endif
