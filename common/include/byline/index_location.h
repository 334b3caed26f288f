/** @file
 *  @brief Where the index lives when no --db is given, and the user's settings.
 */
#ifndef BYLINE_INCLUDED_INDEX_LOCATION_H
#define BYLINE_INCLUDED_INDEX_LOCATION_H

#include <filesystem>
#include <optional>
#include <string>

namespace byline {

/// The index directory: `db_option` when given, else $BYLINE_DB, else
/// $XDG_DATA_HOME/byline/index, else ~/.local/share/byline/index. Throws byline::Error
/// when none of these can be worked out (no HOME).
[[nodiscard]] std::filesystem::path index_location(const std::optional<std::string>& db_option);

/// Byline's folder in the user's configuration: $XDG_CONFIG_HOME/byline, else
/// ~/.config/byline; nothing when neither variable is set.
[[nodiscard]] std::optional<std::filesystem::path> config_folder();

}  // namespace byline

#endif
