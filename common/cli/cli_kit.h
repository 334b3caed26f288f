/** @file
 *  @brief What both commands share and the library never needs: usage errors, the one
 *  place exceptions become a message and an exit status, choice tables that parse an
 *  option and write its list for --help, --version, byte sizes on the command line.
 */
#ifndef BYLINE_INCLUDED_CLI_KIT_H
#define BYLINE_INCLUDED_CLI_KIT_H

#include <byline/error.h>

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace byline::cli {

/// A command line that does not say what to do: printed with a pointer to --help.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Runs a command's body, the one place its exceptions are caught: each becomes one
/// line on `err`, "PROGRAM: message", and the exit status `failure`. A usage error
/// (UsageError, or Boost.Program_options') adds "(see --help)"; `describe` words the
/// library's errors in the command's terms, with its flags.
int run_reporting_errors(std::string_view program, std::ostream& err, int failure,
                         const std::function<int()>& body,
                         const std::function<std::string(const Error&)>& describe);

/// The words for the errors of the library that every command meets alike (no index
/// location); e.what() for the others.
[[nodiscard]] std::string describe_common_error(const Error& e);

/// "PROGRAM VERSION (Xapian X.Y.Z)", a line on `out`.
void print_version(std::ostream& out, std::string_view program);

/// One value an option takes, as typed.
template <typename Enum>
struct Choice {
    std::string_view name;
    Enum value;
};

template <typename Enum, std::size_t N>
using Choices = std::array<Choice<Enum>, N>;

/// The names, for --help: "a, b or c".
template <typename Enum, std::size_t N>
[[nodiscard]] std::string choice_list(const Choices<Enum, N>& choices) {
    std::string list;
    for (std::size_t i = 0; i < N; ++i) {
        list += i == 0 ? "" : (i + 1 == N ? " or " : ", ");
        list += choices[i].name;
    }
    return list;
}

/// The value `given` names; throws UsageError naming `option` and every choice.
template <typename Enum, std::size_t N>
[[nodiscard]] Enum parse_choice(const Choices<Enum, N>& choices, std::string_view option,
                                std::string_view given) {
    std::string names;
    for (const auto& choice : choices) {
        if (choice.name == given) {
            return choice.value;
        }
        names += fmt::format("{}{}", names.empty() ? "" : ", ", choice.name);
    }
    throw UsageError(fmt::format("--{} must be one of {}, not '{}'", option, names, given));
}

/// The name of `value` (empty when the table lacks it).
template <typename Enum, std::size_t N>
[[nodiscard]] std::string_view choice_name(const Choices<Enum, N>& choices, Enum value) {
    for (const auto& choice : choices) {
        if (choice.value == value) {
            return choice.name;
        }
    }
    return {};
}

/// A size as typed: bytes, or with K, M or G (powers of 1024): "64M", "512K", "1000".
/// Nothing for zero or for text that is not a size.
[[nodiscard]] std::optional<std::size_t> parse_byte_size(std::string_view text);

/// Bytes as decimal megabytes, for figures per second ("12.5 MB/s").
[[nodiscard]] double megabytes(std::uintmax_t bytes);

}  // namespace byline::cli

#endif
