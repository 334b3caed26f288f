/** @file
 *  @brief An article as read from an archive.
 */
#include <byline/article.h>

#include <fmt/format.h>

namespace byline {

std::string SourceLocation::to_string() const {
    return line == 0 ? path : fmt::format("{}:{}", path, line);
}

}  // namespace byline
