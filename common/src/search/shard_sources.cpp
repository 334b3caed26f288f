/** @file
 *  @brief Opening the databases of one search: index folders, stubs listing shards,
 *  and remote shards served by xapian-tcpsrv.
 *
 *  Xapian opens a stub of several databases itself, but all or nothing, and its error
 *  does not say which database failed. So a stub listing several databases is read here
 *  and each one opened on its own, then combined with Database::add_database, which
 *  merges their statistics exactly as a stub would.
 */
#include "search/shard_sources.h"

#include "schema/index_format.h"

#include <byline/error.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <thread>

namespace byline {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view tcp_scheme = "tcp://";

/// HOST:PORT (the host may be [IPv6]); false when it is not that.
bool split_host_port(std::string_view text, std::string& host, unsigned& port) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    host = std::string(text.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    const auto digits = text.substr(colon + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    return error == std::errc() && end == digits.data() + digits.size() && port > 0 && port < 65536;
}

ShardSource remote_source(std::string_view host_port, const std::string& where) {
    ShardSource source;
    source.remote = true;
    if (!split_host_port(host_port, source.host, source.port)) {
        throw Error(fmt::format("{}: '{}' is not HOST:PORT", where, host_port));
    }
    source.name = fmt::format("{}{}", tcp_scheme, host_port);
    return source;
}

ShardSource local_source(const fs::path& path) {
    ShardSource source;
    source.name = path.string();
    source.path = path;
    return source;
}

/// The lines of a stub (type and argument), or none when `path` is not a stub file.
std::vector<std::pair<std::string, std::string>> read_stub_lines(const fs::path& stub) {
    std::vector<std::pair<std::string, std::string>> lines;
    std::ifstream in(stub);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const auto space = line.find(' ');
        if (space == std::string::npos) {
            lines.emplace_back(line, "");
        } else {
            lines.emplace_back(line.substr(0, space), line.substr(space + 1));
        }
    }
    return lines;
}

/// The databases a stub lists, when it lists several or a remote one; else the stub's
/// folder or file as one database (Xapian opens it).
void expand_stub(const fs::path& given, const fs::path& stub, std::vector<ShardSource>& out) {
    const auto lines = read_stub_lines(stub);
    const bool single_local =
        lines.size() == 1 && lines.front().first != "remote" && lines.front().first != "tcp";
    if (lines.empty() || single_local) {
        out.push_back(local_source(given));
        return;
    }
    std::size_t line_number = 0;
    for (const auto& [type, argument] : lines) {
        ++line_number;
        const auto where = fmt::format("{}:{}", stub.string(), line_number);
        if (type == "remote" && argument.starts_with(':')) {
            // Xapian's own form: "remote :HOST:PORT".
            out.push_back(remote_source(std::string_view(argument).substr(1), where));
        } else if (type == "remote") {
            throw Error(
                fmt::format("{}: only TCP remotes (remote :HOST:PORT) are supported, not '{}'",
                            where, argument));
        } else if (type == "auto" || type == "glass" || type == "chert") {
            const fs::path path(argument);
            out.push_back(local_source(path.is_absolute() ? path : stub.parent_path() / path));
        } else {
            throw Error(fmt::format("{}: unknown database type '{}'", where, type));
        }
    }
}

/// Thrown when a remote shard cannot be reached: the reason alone, not the shard.
class Unreachable : public Error {
  public:
    using Error::Error;
};

Xapian::Database open_source(const ShardSource& source, unsigned timeout_ms) {
    if (!source.remote) {
        return open_readable(source.path);
    }
    try {
        return Xapian::Remote::open(source.host, source.port, timeout_ms, timeout_ms);
    } catch (const Xapian::Error& e) {
        throw Unreachable(e.get_msg());
    }
}

}  // namespace

Xapian::Database open_readable(const fs::path& index_dir) {
    std::error_code error;
    if (!fs::exists(index_dir, error)) {
        throw Error(
            fmt::format("no index at {} (build one with byline-index)", index_dir.string()));
    }
    // An indexer committing or switching generations as we open can discard what we
    // were reading: try again, briefly, before calling the index unreadable.
    constexpr int attempts = 5;
    for (int attempt = 1;; ++attempt) {
        try {
            Xapian::Database db(index_dir.string());
            require_current_format(db, index_dir);
            return db;
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (attempt == attempts) {
                throw Error(fmt::format("cannot open index {}: it kept changing ({})",
                                        index_dir.string(), e.get_msg()));
            }
        } catch (const Xapian::DatabaseOpeningError& e) {
            if (attempt == attempts) {
                throw Error(
                    fmt::format("cannot open index {}: {}", index_dir.string(), e.get_msg()));
            }
        } catch (const Xapian::Error& e) {
            throw Error(fmt::format("cannot open index {}: {}", index_dir.string(), e.get_msg()));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
    }
}

std::vector<ShardSource> expand_sources(const std::vector<std::string>& databases) {
    std::vector<ShardSource> sources;
    for (const auto& spec : databases) {
        if (spec.starts_with(tcp_scheme)) {
            sources.push_back(
                remote_source(std::string_view(spec).substr(tcp_scheme.size()), spec));
            continue;
        }
        const fs::path path(spec);
        std::error_code error;
        if (fs::is_directory(path, error)) {
            if (fs::exists(path / "XAPIANDB", error)) {
                expand_stub(path, path / "XAPIANDB", sources);
            } else {
                sources.push_back(local_source(path));
            }
        } else if (fs::is_regular_file(path, error)) {
            expand_stub(path, path, sources);
        } else {
            sources.push_back(local_source(path));  // Opening it says what is wrong.
        }
    }
    return sources;
}

OpenedSources open_sources(const IndexSources& sources) {
    OpenedSources opened;
    const auto expanded = expand_sources(sources.databases);
    std::size_t open_count = 0;
    for (const auto& source : expanded) {
        opened.has_remote = opened.has_remote || source.remote;
        try {
            opened.db.add_database(open_source(source, sources.remote_timeout_ms));
            ++open_count;
        } catch (const Unreachable& e) {
            if (!sources.partial) {
                throw ShardUnavailableError(source.name, e.what(), false);
            }
            opened.missing.push_back({source.name, e.what()});
        } catch (const Error& e) {
            if (!sources.partial || expanded.size() == 1) {
                throw;
            }
            opened.missing.push_back({source.name, e.what()});
        }
    }
    if (open_count == 0) {
        throw Error(opened.missing.empty()
                        ? std::string("no index given")
                        : fmt::format("no shard could be opened (shard {}: {})",
                                      opened.missing.front().shard, opened.missing.front().reason));
    }
    return opened;
}

OpenedSources reopen_without_lost_shards(const IndexSources& sources,
                                         const std::vector<MissingShard>& known_missing,
                                         const std::string& failure) {
    if (sources.databases.empty()) {
        throw Error(fmt::format("a remote shard failed during the search: {}", failure));
    }
    auto probe = sources;
    probe.partial = true;
    auto reopened = open_sources(probe);  // Throws when no shard opens any more.
    std::vector<MissingShard> lost;
    for (const auto& shard : reopened.missing) {
        if (std::none_of(known_missing.begin(), known_missing.end(),
                         [&](const MissingShard& known) { return known.shard == shard.shard; })) {
            lost.push_back(shard);
        }
    }
    if (lost.empty()) {
        throw Error(fmt::format("a remote shard failed during the search: {}", failure));
    }
    if (!sources.partial) {
        throw ShardUnavailableError(lost.front().shard, lost.front().reason, true);
    }
    return reopened;
}

}  // namespace byline
