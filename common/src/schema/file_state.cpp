/** @file
 *  @brief What the index remembers about each input file between runs.
 */
#include "schema/file_state.h"

#include <byline/fields.h>

#include "schema/terms.h"
#include "text.h"

#include <fmt/format.h>

#include <sstream>

namespace byline {

std::string FileState::encode() const {
    return fmt::format("{} {} {} {}", size, mtime_ns, hex_hash(content_hash), path);
}

std::optional<FileState> FileState::decode(const std::string& text) {
    std::istringstream in(text);
    FileState state;
    std::string hash;
    if (!(in >> state.size >> state.mtime_ns >> hash) || in.get() != ' ') {
        return std::nullopt;
    }
    std::getline(in, state.path, '\0');
    state.content_hash = std::stoull(hash, nullptr, 16);
    return state;
}

std::string file_term(const std::string& identity_path) {
    return fmt::format("{}{}", prefix::file, hex_hash(stable_hash(identity_path)));
}

std::string file_state_key(const std::string& identity_path) {
    return fmt::format("{}{}", file_state_key_prefix, hex_hash(stable_hash(identity_path)));
}

std::unordered_map<std::string, FileState> read_file_states(const Xapian::Database& db) {
    std::unordered_map<std::string, FileState> states;
    const std::string key_prefix(file_state_key_prefix);
    for (auto it = db.metadata_keys_begin(key_prefix); it != db.metadata_keys_end(key_prefix);
         ++it) {
        if (auto state = FileState::decode(db.get_metadata(*it))) {
            states.emplace(*it, std::move(*state));
        }
    }
    return states;
}

}  // namespace byline
