/** @file
 *  @brief byline-search --save NAME QUERY and --saved: storing and listing searches.
 */
#include "modes.h"

#include "saved_searches.h"
#include "search_command.h"
#include "text_layout.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

namespace byline {

int run_save_mode(const Options& options, std::ostream& /*out*/, std::ostream& /*err*/) {
    const auto& name = *options.save_name;
    if (!is_saved_search_name(name)) {
        throw cli::UsageError(fmt::format(
            "--save {}: a name is letters, digits, '-', '_' and '.', starting with a letter "
            "or digit",
            name));
    }
    if (options.query.empty()) {
        throw cli::UsageError(fmt::format("--save {} needs a QUERY to save", name));
    }
    if (options.query.find_first_of("\r\n") != std::string::npos) {
        throw cli::UsageError("--save: the query holds a line break");
    }
    SavedSearchFile file(saved_searches_path());
    file.put({name, options.query, options.stored_options, std::nullopt});
    file.write();
    return search_hits;
}

int run_saved_list_mode(const Options& options, std::ostream& out, std::ostream& /*err*/) {
    if (options.format != OutputFormat::text) {
        throw cli::UsageError("--saved prints --format text");
    }
    const SavedSearchFile file(saved_searches_path());
    std::size_t name_width = 0;
    for (const auto& search : file.searches()) {
        name_width = std::max(name_width, display_width(search.name));
    }
    for (const auto& search : file.searches()) {
        fmt::print(out, "{:<{}}  {}\n", search.name, name_width, search.command_line());
    }
    out.flush();
    return file.searches().empty() ? search_no_hits : search_hits;
}

}  // namespace byline
