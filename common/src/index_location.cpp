/** @file
 *  @brief Where the index lives when no --db is given, and the user's settings.
 */
#include <byline/index_location.h>

#include <byline/error.h>

#include <cstdlib>

namespace byline {

namespace {

std::optional<std::string> environment(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    return std::string(value);
}

}  // namespace

std::filesystem::path index_location(const std::optional<std::string>& db_option) {
    if (db_option) {
        return *db_option;
    }
    if (auto db = environment("BYLINE_DB")) {
        return *db;
    }
    if (auto data_home = environment("XDG_DATA_HOME")) {
        return std::filesystem::path(*data_home) / "byline" / "index";
    }
    if (auto home = environment("HOME")) {
        return std::filesystem::path(*home) / ".local" / "share" / "byline" / "index";
    }
    throw IndexLocationError();
}

std::optional<std::filesystem::path> config_folder() {
    if (auto config_home = environment("XDG_CONFIG_HOME")) {
        return std::filesystem::path(*config_home) / "byline";
    }
    if (auto home = environment("HOME")) {
        return std::filesystem::path(*home) / ".config" / "byline";
    }
    return std::nullopt;
}

}  // namespace byline
