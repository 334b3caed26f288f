/** @file
 *  @brief Whether a person reads the output, and how wide their terminal is.
 */
#include "terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace byline {

bool is_terminal(const std::ostream& out) {
    return &out == &std::cout && isatty(STDOUT_FILENO) != 0;
}

bool use_color(ColorChoice choice, const std::ostream& out) {
    switch (choice) {
        case ColorChoice::always:
            return true;
        case ColorChoice::never:
            return false;
        case ColorChoice::automatic:
            break;
    }
    const char* no_color = std::getenv("NO_COLOR");
    return is_terminal(out) && (no_color == nullptr || *no_color == '\0');
}

std::size_t text_width(std::optional<std::size_t> width, const std::ostream& out) {
    constexpr std::size_t default_width = 80;
    if (width) {
        return *width;
    }
    winsize size{};
    if (is_terminal(out) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return default_width;
}

}  // namespace byline
