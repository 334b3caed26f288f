/** @file
 *  @brief A sharded index folder: a Xapian stub listing shard indexes, and the rule
 *  that puts each article in one of them.
 *  @internal
 *
 *  INDEX/XAPIANDB lists the shards ("auto shard-000", "auto 2024-05"), so Xapian and
 *  byline-search open the folder as one database; each shard INDEX/NAME is an index
 *  folder of its own (IndexStore: generations, lock). INDEX/byline-shards records the
 *  rule ("id-hash 3", "month", "year"), and INDEX/byline.lock is held by the indexer.
 */
#ifndef BYLINE_INCLUDED_INDEX_SHARD_LAYOUT_H
#define BYLINE_INCLUDED_INDEX_SHARD_LAYOUT_H

#include <byline/article.h>
#include <byline/index_writer.h>

#include "index/index_store.h"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace byline {

/// The rule recorded in a sharded index, or nothing for an unsharded folder.
[[nodiscard]] std::optional<ShardOptions> read_shard_rule(const std::filesystem::path& dir);

/// The shard an article belongs in under `rule`.
[[nodiscard]] std::string shard_name(const ShardOptions& rule, const Article& article);

/// A sharded index held open for writing: its lock, its rule and its shards.
class ShardedIndex {
  public:
    /// Opens the sharded index in `dir`, or creates one with `requested`'s rule. Throws
    /// byline::Error when `dir` holds an unsharded index, or one sharded by another rule.
    ShardedIndex(const std::filesystem::path& dir, const ShardOptions& requested, bool wait,
                 const std::function<void()>& on_wait);

    [[nodiscard]] const ShardOptions& rule() const { return rule_; }
    /// Every shard, by name.
    [[nodiscard]] std::map<std::string, std::unique_ptr<IndexStore>>& shards() { return shards_; }
    /// The shard called `name`, created (and listed in the stub) when new.
    IndexStore& shard(const std::string& name);

  private:
    void write_stub();

    std::filesystem::path dir_;
    IndexLock lock_;
    ShardOptions rule_;
    std::map<std::string, std::unique_ptr<IndexStore>> shards_;
    bool wait_;
    std::function<void()> on_wait_;
};

}  // namespace byline

#endif
