/** @file
 *  @brief Golden files: compare output with tests/golden/NAME, or rewrite the file when
 *  BYLINE_UPDATE_GOLDEN=1 (then review the diff in git).
 */
#ifndef BYLINE_INCLUDED_TEST_GOLDEN_H
#define BYLINE_INCLUDED_TEST_GOLDEN_H

#include <string>

namespace byline::test {

/// The golden file's contents, or what `actual` was written as when updating.
[[nodiscard]] std::string golden(const std::string& name, const std::string& actual);

}  // namespace byline::test

#endif
