/** @file
 *  @brief The one exception type Byline throws for failures a user must see.
 */
#ifndef BYLINE_INCLUDED_ERROR_H
#define BYLINE_INCLUDED_ERROR_H

#include <stdexcept>

namespace byline {

/// A failure with a message fit to print after the program's name: what went wrong and
/// where ("no index at /x (run byline-index first)").
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace byline

#endif
