/** @file
 *  @brief Whether a person reads the output, and how wide their terminal is.
 */
#ifndef BYLINE_INCLUDED_TERMINAL_H
#define BYLINE_INCLUDED_TERMINAL_H

#include "search_options.h"

#include <cstddef>
#include <optional>
#include <ostream>

namespace byline {

/// Whether `out` is standard output and that is a terminal, i.e. a person reads
/// it.
[[nodiscard]] bool is_terminal(const std::ostream& out);

/// Colour only for a person: standard output a terminal, and NO_COLOR unset.
[[nodiscard]] bool use_color(ColorChoice choice, const std::ostream& out);

/// `width` when given; else the terminal's width when `out` is one; else a
/// fixed 80 columns, so that piped and tested output does not depend on where
/// it was produced.
[[nodiscard]] std::size_t text_width(std::optional<std::size_t> width, const std::ostream& out);

}  // namespace byline

#endif
