/** @file
 *  @brief A sharded index folder: a Xapian stub listing shard indexes, and the rule
 *  that puts each article in one of them.
 */
#include "index/shard_layout.h"

#include <byline/error.h>

#include "text.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace byline {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view rule_file = "byline-shards";
constexpr std::string_view stub_file = "XAPIANDB";

std::string describe(const ShardOptions& rule) {
    switch (rule.by) {
        case ShardBy::id_hash:
            return fmt::format("id-hash {}", rule.count);
        case ShardBy::month:
            return "month";
        case ShardBy::year:
            return "year";
        case ShardBy::none:
            break;
    }
    return "none";
}

bool same_rule(const ShardOptions& a, const ShardOptions& b) {
    return a.by == b.by && (a.by != ShardBy::id_hash || a.count == b.count);
}

}  // namespace

std::optional<ShardOptions> read_shard_rule(const fs::path& dir) {
    std::ifstream in(dir / rule_file);
    std::string kind;
    if (!(in >> kind)) {
        return std::nullopt;
    }
    ShardOptions rule;
    if (kind == "id-hash" && (in >> rule.count) && rule.count > 0) {
        rule.by = ShardBy::id_hash;
    } else if (kind == "month") {
        rule.by = ShardBy::month;
    } else if (kind == "year") {
        rule.by = ShardBy::year;
    } else {
        throw Error(
            fmt::format("{}: not a shard rule byline-index wrote", (dir / rule_file).string()));
    }
    return rule;
}

std::string shard_name(const ShardOptions& rule, const Article& article) {
    switch (rule.by) {
        case ShardBy::id_hash:
            return fmt::format("shard-{:03}", stable_hash(article.id) % rule.count);
        case ShardBy::month:
            if (article.date && article.date->precision != DatePrecision::year) {
                return fmt::format("{:04}-{:02}", article.date->year, article.date->month);
            }
            [[fallthrough]];
        case ShardBy::year:
            if (article.date) {
                return fmt::format("{:04}", article.date->year);
            }
            return "undated";
        case ShardBy::none:
            break;
    }
    return {};
}

ShardedIndex::ShardedIndex(const fs::path& dir, const ShardOptions& requested, bool wait,
                           const std::function<void()>& on_wait)
    : dir_(dir), lock_(dir, wait, on_wait), wait_(wait), on_wait_(on_wait) {
    const auto recorded = read_shard_rule(dir_);
    std::error_code error;
    if (!recorded && fs::exists(dir_ / stub_file, error)) {
        throw Error(fmt::format(
            "{} holds an unsharded index; build the sharded one in a new folder", dir_.string()));
    }
    if (recorded && requested.by != ShardBy::none && !same_rule(*recorded, requested)) {
        throw Error(fmt::format("{} is sharded by {}, not {}; build that one in a new folder",
                                dir_.string(), describe(*recorded), describe(requested)));
    }
    rule_ = recorded ? *recorded : requested;
    if (!recorded) {
        replace_file_atomically(dir_ / rule_file, describe(rule_) + "\n");
    }
    // The shards are the folders the stub lists (a shard made by a run that crashed
    // before listing it holds nothing committed that a reader could miss: open it too).
    for (const auto& entry : fs::directory_iterator(dir_)) {
        const auto name = entry.path().filename().string();
        if (entry.is_directory() && fs::exists(entry.path() / stub_file, error)) {
            shards_.emplace(name, std::make_unique<IndexStore>(entry.path(), wait_, on_wait_));
        }
    }
    if (rule_.by == ShardBy::id_hash) {
        for (unsigned i = 0; i < rule_.count; ++i) {
            const auto name = fmt::format("shard-{:03}", i);
            if (!shards_.contains(name)) {
                shards_.emplace(name, std::make_unique<IndexStore>(dir_ / name, wait_, on_wait_));
            }
        }
    }
    write_stub();
}

IndexStore& ShardedIndex::shard(const std::string& name) {
    auto it = shards_.find(name);
    if (it == shards_.end()) {
        it =
            shards_.emplace(name, std::make_unique<IndexStore>(dir_ / name, wait_, on_wait_)).first;
        write_stub();
    }
    return *it->second;
}

void ShardedIndex::write_stub() {
    std::string text;
    for (const auto& [name, store] : shards_) {
        text += fmt::format("auto {}\n", name);
    }
    replace_file_atomically(dir_ / stub_file, text);
}

}  // namespace byline
