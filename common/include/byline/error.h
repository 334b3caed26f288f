/** @file
 *  @brief The exceptions Byline throws for failures a user must see.
 *
 *  Each names what went wrong and where, in words fit to print after a program's name
 *  ("no index at /x (build one with byline-index)"); none names a command's flags. The
 *  subclasses carry the data a command needs to word the failure in its own terms.
 */
#ifndef BYLINE_INCLUDED_ERROR_H
#define BYLINE_INCLUDED_ERROR_H

#include <filesystem>
#include <stdexcept>
#include <string>

namespace byline {

class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// No index folder was given and none could be worked out from the environment.
class IndexLocationError : public Error {
  public:
    IndexLocationError();
};

/// Another indexer holds the lock of the index at `index()`.
class IndexLockedError : public Error {
  public:
    explicit IndexLockedError(std::filesystem::path index);
    [[nodiscard]] const std::filesystem::path& index() const { return index_; }

  private:
    std::filesystem::path index_;
};

/// A shard of a search could not be opened, or failed during the search.
class ShardUnavailableError : public Error {
  public:
    ShardUnavailableError(std::string shard, std::string reason, bool during_search);
    /// As the stub names it: a path, or tcp://HOST:PORT.
    [[nodiscard]] const std::string& shard() const { return shard_; }
    [[nodiscard]] const std::string& reason() const { return reason_; }
    [[nodiscard]] bool during_search() const { return during_search_; }

  private:
    std::string shard_;
    std::string reason_;
    bool during_search_;
};

/// A date bound of a search (SearchRequest::since or until) that is not a date.
class DateBoundError : public Error {
  public:
    enum class Bound { since, until };
    DateBoundError(Bound bound, std::string text);
    [[nodiscard]] Bound bound() const { return bound_; }
    [[nodiscard]] const std::string& text() const { return text_; }
    /// The forms a date bound takes, for messages: "2024, 2024-05, 2024-05-01, …".
    static constexpr const char* forms = "2024, 2024-05, 2024-05-01, 30d, 6m, 1y";

  private:
    Bound bound_;
    std::string text_;
};

/// A search asks for what Xapian's remote backend cannot run on a remote shard.
class RemoteUnsupportedError : public Error {
  public:
    enum class Feature { recency, facets };
    explicit RemoteUnsupportedError(Feature feature);
    [[nodiscard]] Feature feature() const { return feature_; }

  private:
    Feature feature_;
};

/// A field mapping (FieldMapping::add) that cannot be read: `assignment` as given and
/// what is wrong with it.
class FieldMappingError : public Error {
  public:
    FieldMappingError(std::string assignment, std::string problem);
    [[nodiscard]] const std::string& assignment() const { return assignment_; }
    [[nodiscard]] const std::string& problem() const { return problem_; }

  private:
    std::string assignment_;
    std::string problem_;
};

}  // namespace byline

#endif
