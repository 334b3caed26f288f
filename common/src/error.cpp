/** @file
 *  @brief The exceptions Byline throws for failures a user must see.
 */
#include <byline/error.h>

#include <fmt/format.h>

#include <utility>

namespace byline {

IndexLocationError::IndexLocationError()
    : Error("no index location: none given, and BYLINE_DB, XDG_DATA_HOME and HOME are unset") {}

IndexLockedError::IndexLockedError(std::filesystem::path index)
    : Error(fmt::format("index {} is locked by another indexer", index.string())),
      index_(std::move(index)) {}

ShardUnavailableError::ShardUnavailableError(std::string shard, std::string reason,
                                             bool during_search)
    : Error(during_search ? fmt::format("shard {} failed during the search: {}", shard, reason)
                          : fmt::format("cannot reach shard {}: {}", shard, reason)),
      shard_(std::move(shard)),
      reason_(std::move(reason)),
      during_search_(during_search) {}

DateBoundError::DateBoundError(Bound bound, std::string text)
    : Error(fmt::format("{} date '{}' is not a date ({})", bound == Bound::since ? "from" : "to",
                        text, forms)),
      bound_(bound),
      text_(std::move(text)) {}

RemoteUnsupportedError::RemoteUnsupportedError(Feature feature)
    : Error(fmt::format("{} cannot be computed on remote shards (Xapian's remote backend "
                        "runs only its own); search local shards instead",
                        feature == Feature::recency ? "the recency bonus" : "facets")),
      feature_(feature) {}

FieldMappingError::FieldMappingError(std::string assignment, std::string problem)
    : Error(fmt::format("field mapping '{}': {}", assignment, problem)),
      assignment_(std::move(assignment)),
      problem_(std::move(problem)) {}

}  // namespace byline
