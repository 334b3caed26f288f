/** @file
 *  @brief Saved searches (--save, --saved, --run, --new): a plain file in the user's
 *  configuration folder that a person may edit as well.
 *
 *  The file: `#` starts a comment line; each search is a `[NAME]` line and then its
 *  lines: `query = TEXT`, its options as on the command line without the dashes
 *  (`since = 2024`, `every-word`), and `new-since = TIME`, the time --new last saw.
 *  Changing one search rewrites its own lines only, so a person's comments and order
 *  stay as they were.
 */
#ifndef BYLINE_INCLUDED_SAVED_SEARCHES_H
#define BYLINE_INCLUDED_SAVED_SEARCHES_H

#include "search_options.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace byline {

struct SavedSearch {
    std::string name;
    std::string query;
    /// As on the command line, in order.
    std::vector<StoredOption> options;
    /// When the newest article --new NAME last saw entered the index (ISO 8601).
    std::optional<std::string> new_since;

    /// The arguments that search it again: the options, then the query.
    [[nodiscard]] std::vector<std::string> arguments() const;
    /// The search as a command line would write it: "--every-word 'tag:chips'".
    [[nodiscard]] std::string command_line() const;
};

/// Whether `name` can name a saved search: letters, digits, '-', '_' and '.', not
/// starting with '-' or '.'.
[[nodiscard]] bool is_saved_search_name(std::string_view name);

/// The file: $XDG_CONFIG_HOME/byline/searches, else ~/.config/byline/searches. Throws
/// cli::UsageError when neither variable is set.
[[nodiscard]] std::filesystem::path saved_searches_path();

/// The saved searches file, read whole, changed and written back.
class SavedSearchFile {
  public:
    /// Reads the file (none there: no searches). Throws byline::Error naming the file
    /// and line of a line it cannot read.
    explicit SavedSearchFile(std::filesystem::path path);

    [[nodiscard]] const std::vector<SavedSearch>& searches() const { return searches_; }
    /// The search called `name`; throws byline::Error when there is none.
    [[nodiscard]] const SavedSearch& find(std::string_view name) const;
    /// Adds `search`, or replaces the search of its name.
    void put(const SavedSearch& search);
    /// Records the time --new saw for the search called `name`.
    void set_new_since(std::string_view name, const std::string& time);
    /// Writes the file: a new file beside it, renamed over it (its folder made first).
    void write() const;

  private:
    /// Where each search's lines are: its [NAME] line, the line after its last, and its
    /// new-since line.
    struct Lines {
        std::size_t header = 0;
        std::size_t end = 0;
        std::optional<std::size_t> new_since;
    };

    void parse();
    [[nodiscard]] std::size_t index_of(std::string_view name) const;
    /// The line after the last setting of a search.
    [[nodiscard]] std::size_t last_setting_end(const Lines& where) const;

    std::filesystem::path path_;
    std::vector<std::string> lines_;
    std::vector<SavedSearch> searches_;
    std::vector<Lines> where_;
};

}  // namespace byline

#endif
