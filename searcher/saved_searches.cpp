/** @file
 *  @brief Saved searches: the file in the user's configuration folder.
 */
#include "saved_searches.h"

#include "cli_kit.h"

#include <byline/error.h>
#include <byline/index_location.h>
#include <byline/new_since.h>

#include <fmt/format.h>
#include <boost/algorithm/string/trim.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>

namespace byline {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view file_header =
    R"(# byline-search's saved searches: --save NAME QUERY stores one, --saved lists them,
# --run NAME runs one, --new NAME shows what entered the index since it last ran.
# Edit freely: each search is a [NAME] line, then "query = TEXT", its options as on
# the command line without the dashes ("since = 2024", "every-word"), and the time
# --new last saw ("new-since = ..."; remove it to see every match as new again).
)";

/// A word as a shell reads it back: as it is when plain, else in single quotes.
std::string shell_word(std::string_view word) {
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
               std::string_view("-_./:@=+,").find(c) != std::string_view::npos;
    });
    if (plain) {
        return std::string(word);
    }
    std::string quoted = "'";
    for (const char c : word) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::optional<SavedOptionKind> saved_option_kind(std::string_view name) {
    const auto found = std::find_if(saved_option_kinds.begin(), saved_option_kinds.end(),
                                    [&](const auto& kind) { return kind.name == name; });
    if (found == saved_option_kinds.end()) {
        return std::nullopt;
    }
    return *found;
}

/// The lines of a search as the file holds them.
std::vector<std::string> search_lines(const SavedSearch& search) {
    std::vector<std::string> lines = {fmt::format("[{}]", search.name),
                                      fmt::format("query = {}", search.query)};
    for (const auto& [name, value] : search.options) {
        lines.push_back(value.empty() ? name : fmt::format("{} = {}", name, value));
    }
    if (search.new_since) {
        lines.push_back(fmt::format("new-since = {}", *search.new_since));
    }
    return lines;
}

}  // namespace

std::vector<std::string> SavedSearch::arguments() const {
    std::vector<std::string> args;
    for (const auto& [option, value] : options) {
        args.push_back("--" + option);
        if (!value.empty()) {
            args.push_back(value);
        }
    }
    args.emplace_back("--");  // The query is the query, even when it starts with '-'.
    args.push_back(query);
    return args;
}

std::string SavedSearch::command_line() const {
    std::string line;
    for (const auto& [option, value] : options) {
        line += "--" + option + " ";
        if (!value.empty()) {
            line += shell_word(value) + " ";
        }
    }
    return line + shell_word(query);
}

bool is_saved_search_name(std::string_view name) {
    return !name.empty() && name.front() != '-' && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' ||
                      c == '.';
           });
}

fs::path saved_searches_path() {
    const auto folder = config_folder();
    if (!folder) {
        throw cli::UsageError("no folder for saved searches: XDG_CONFIG_HOME and HOME are unset");
    }
    return *folder / "searches";
}

SavedSearchFile::SavedSearchFile(fs::path path) : path_(std::move(path)) {
    std::ifstream in(path_);
    if (!in && fs::exists(path_)) {
        throw Error(fmt::format("cannot read {}", path_.string()));
    }
    for (std::string line; std::getline(in, line);) {
        lines_.push_back(line);
    }
    parse();
}

void SavedSearchFile::parse() {
    searches_.clear();
    where_.clear();
    const auto fail = [&](std::size_t line, const std::string& reason) {
        throw Error(fmt::format("{}:{}: {}", path_.string(), line + 1, reason));
    };
    const auto finish = [&](std::size_t end) {
        if (searches_.empty()) {
            return;
        }
        where_.back().end = end;
        if (searches_.back().query.empty()) {
            fail(where_.back().header, fmt::format("[{}] has no query", searches_.back().name));
        }
    };
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const auto line = boost::algorithm::trim_copy(lines_[i]);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (line.front() == '[') {
            const auto name = line.back() == ']' ? line.substr(1, line.size() - 2) : "";
            if (!is_saved_search_name(name)) {
                fail(i, fmt::format("'{}' is not a [NAME] line", line));
            }
            if (std::any_of(searches_.begin(), searches_.end(),
                            [&](const auto& search) { return search.name == name; })) {
                fail(i, fmt::format("a second search called '{}'", name));
            }
            finish(i);
            searches_.push_back({std::string(name), {}, {}, std::nullopt});
            where_.push_back({i, lines_.size(), std::nullopt});
            continue;
        }
        if (searches_.empty()) {
            fail(i, fmt::format("'{}' comes before any [NAME] line", line));
        }
        const auto equals = line.find('=');
        const auto key = boost::algorithm::trim_copy(line.substr(0, equals));
        const auto value = equals == std::string::npos
                               ? std::string()
                               : boost::algorithm::trim_copy(line.substr(equals + 1));
        auto& search = searches_.back();
        if (key == "query") {
            search.query = value;
        } else if (key == "new-since") {
            if (!is_indexed_time(value)) {
                fail(i, fmt::format("new-since '{}' is not a time as --new writes it "
                                    "(2026-12-07T10:15:00.123456Z)",
                                    value));
            }
            search.new_since = value;
            where_.back().new_since = i;
        } else if (const auto kind = saved_option_kind(key)) {
            if (kind->takes_value == value.empty()) {
                fail(i, kind->takes_value ? fmt::format("'{}' needs a value ({} = VALUE)", key, key)
                                          : fmt::format("'{}' takes no value", key));
            }
            search.options.emplace_back(key, value);
        } else {
            fail(i, fmt::format("'{}' is not query, new-since or an option a search keeps", key));
        }
    }
    finish(lines_.size());
}

std::size_t SavedSearchFile::last_setting_end(const Lines& where) const {
    // Comments and blank lines after a search's last setting belong with what follows.
    auto end = where.end;
    while (end > where.header + 1 &&
           (boost::algorithm::trim_copy(lines_[end - 1]).empty() ||
            boost::algorithm::trim_copy(lines_[end - 1]).front() == '#')) {
        --end;
    }
    return end;
}

std::size_t SavedSearchFile::index_of(std::string_view name) const {
    const auto found = std::find_if(searches_.begin(), searches_.end(),
                                    [&](const auto& search) { return search.name == name; });
    if (found == searches_.end()) {
        throw Error(fmt::format("no saved search called '{}' in {}", name, path_.string()));
    }
    return static_cast<std::size_t>(found - searches_.begin());
}

const SavedSearch& SavedSearchFile::find(std::string_view name) const {
    return searches_[index_of(name)];
}

void SavedSearchFile::put(const SavedSearch& search) {
    auto lines = search_lines(search);
    const auto known = std::find_if(searches_.begin(), searches_.end(),
                                    [&](const auto& saved) { return saved.name == search.name; });
    if (known == searches_.end()) {
        if (lines_.empty()) {
            for (std::size_t begin = 0; begin < file_header.size();) {
                const auto end = file_header.find('\n', begin);
                lines_.emplace_back(file_header.substr(begin, end - begin));
                begin = end + 1;
            }
        }
        lines_.emplace_back();
        lines_.insert(lines_.end(), lines.begin(), lines.end());
    } else {
        const auto& where = where_[static_cast<std::size_t>(known - searches_.begin())];
        const auto end = last_setting_end(where);
        const auto first = lines_.begin() + static_cast<std::ptrdiff_t>(where.header);
        lines_.erase(first, lines_.begin() + static_cast<std::ptrdiff_t>(end));
        lines_.insert(lines_.begin() + static_cast<std::ptrdiff_t>(where.header), lines.begin(),
                      lines.end());
    }
    parse();
}

void SavedSearchFile::set_new_since(std::string_view name, const std::string& time) {
    const auto& where = where_[index_of(name)];
    const auto line = fmt::format("new-since = {}", time);
    if (where.new_since) {
        lines_[*where.new_since] = line;
    } else {
        lines_.insert(lines_.begin() + static_cast<std::ptrdiff_t>(last_setting_end(where)), line);
    }
    parse();
}

void SavedSearchFile::write() const {
    fs::create_directories(path_.parent_path());
    const auto temporary = fs::path(path_.string() + ".new");
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const auto& line : lines_) {
            out << line << '\n';
        }
        out.flush();
        if (!out) {
            throw Error(fmt::format("cannot write {}", temporary.string()));
        }
    }
    fs::rename(temporary, path_);
}

}  // namespace byline
