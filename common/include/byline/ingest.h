/** @file
 *  @brief Reading articles out of files and folders.
 */
#ifndef BYLINE_INCLUDED_INGEST_H
#define BYLINE_INCLUDED_INGEST_H

#include <byline/article.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace byline {

enum class InputFormat {
    /// One article per file: an RFC 822-style header block, a blank line, the body;
    /// or, with no header block, the headline on the first line.
    article_text,
    /// One JSON article object per line.
    json_lines,
};

[[nodiscard]] std::string_view format_name(InputFormat format);

/// A file the walk found, as stat() saw it before reading.
struct FoundFile {
    /// The path as the user named it, for messages.
    std::string display_path;
    /// The absolute path, the same whatever folder the program runs from.
    std::string identity_path;
    std::uintmax_t size = 0;
    /// Last modification, in nanoseconds since 1970.
    std::int64_t mtime_ns = 0;
};

/// Receives what the readers find. A bad record is reported and reading goes on.
class ArticleSink {
public:
    virtual ~ArticleSink() = default;
    /// Whether to read a file at all; an indexer passes over files it holds unchanged.
    virtual bool want_file(const FoundFile& /*file*/) { return true; }
    /// Whether to parse a file that has been read; `contents` is what was read.
    virtual bool want_contents(const FoundFile& /*file*/, std::string_view /*contents*/) {
        return true;
    }
    /// Called when every record of a wanted file has been delivered.
    virtual void end_file(const FoundFile& /*file*/) {}
    virtual void on_article(Article&& article, InputFormat format) = 0;
    /// A record or file that was not indexed, and why.
    virtual void on_skip(const SourceLocation& where, std::string_view reason) = 0;
};

/// Reads every article under `path`: a file, or a folder walked recursively in name
/// order (hidden entries and files of no article format are passed over). Throws
/// byline::Error when `path` cannot be read at all.
void ingest_path(const std::filesystem::path& path, ArticleSink& sink);

/// Reads the articles in one file's contents; `path` names it in ids and diagnostics.
void ingest_contents(std::string_view contents, const std::string& path, InputFormat format,
                     ArticleSink& sink);

}  // namespace byline

#endif
