/** @file
 *  @brief Opening the databases of one search: index folders, stubs listing shards,
 *  and remote shards served by xapian-tcpsrv.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_SHARD_SOURCES_H
#define BYLINE_INCLUDED_SEARCH_SHARD_SOURCES_H

#include <byline/searcher.h>

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace byline {

/// Opens an index folder (or stub) as Xapian does, trying again briefly while an
/// indexer switches generations. Throws byline::Error when it cannot.
[[nodiscard]] Xapian::Database open_readable(const std::filesystem::path& index_dir);

/// One database to open, as named in messages.
struct ShardSource {
    /// The folder or stub path, or "tcp://HOST:PORT".
    std::string name;
    bool remote = false;
    std::filesystem::path path;
    std::string host;
    unsigned port = 0;
};

/// The databases `databases` stand for: stubs listing several databases are expanded
/// (their paths taken relative to the stub), anything else is one database. Throws
/// byline::Error for a spec or stub line that cannot be read.
[[nodiscard]] std::vector<ShardSource> expand_sources(const std::vector<std::string>& databases);

struct OpenedSources {
    Xapian::Database db;
    /// The sources left out with IndexSources::partial.
    std::vector<MissingShard> missing;
    bool has_remote = false;
};

/// Opens every source into one Database. A source that fails throws byline::Error
/// naming it, or with `sources.partial` is left out and listed; when none opens, throws.
[[nodiscard]] OpenedSources open_sources(const IndexSources& sources);

/// After a remote shard failed during a search (`failure`): `sources` reopened without
/// the shards that no longer open, besides `known_missing`, those left out before.
/// Throws byline::Error naming the lost shard unless `sources.partial`, and when none
/// is lost or none opens any more.
[[nodiscard]] OpenedSources reopen_without_lost_shards(
    const IndexSources& sources, const std::vector<MissingShard>& known_missing,
    const std::string& failure);

}  // namespace byline

#endif
