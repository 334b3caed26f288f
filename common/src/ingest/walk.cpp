/** @file
 *  @brief Walking files and folders, and choosing each file's reader.
 */
#include "ingest/readers.h"

#include <byline/error.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>
#include <system_error>

namespace byline {

namespace fs = std::filesystem;

namespace {

std::optional<InputFormat> format_from_extension(const fs::path& path) {
    const auto ext = path.extension().string();
    if (ext == ".jsonl" || ext == ".ndjson") {
        return InputFormat::json_lines;
    }
    if (ext == ".txt" || ext == ".text" || ext.empty()) {
        return InputFormat::article_text;
    }
    return std::nullopt;
}

void read_contents(std::string_view contents, const FileRef& file, InputFormat format,
                   ArticleSink& sink) {
    switch (format) {
        case InputFormat::article_text:
            read_article_text(contents, file, sink);
            return;
        case InputFormat::json_lines:
            read_json_lines(contents, file, sink);
            return;
    }
}

/// The file as stat() sees it now; size and time are 0 when it cannot be read.
FoundFile found_file(const fs::path& path, const fs::path& absolute) {
    FoundFile found{path.string(), absolute.string()};
    std::error_code error;
    found.size = fs::file_size(path, error);
    const auto mtime = fs::last_write_time(path, error);
    if (!error) {
        found.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::file_clock::to_sys(mtime).time_since_epoch())
                             .count();
    }
    return found;
}

void ingest_file(const fs::path& path, const fs::path& absolute, InputFormat format,
                 ArticleSink& sink) {
    const auto found = found_file(path, absolute);
    if (!sink.want_file(found)) {
        return;
    }
    const FileRef file{found.display_path, found.identity_path};
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    std::string contents;
    if (in) {
        contents.resize(static_cast<std::size_t>(in.tellg()));
        in.seekg(0);
        in.read(contents.data(), static_cast<std::streamsize>(contents.size()));
    }
    if (!in) {
        sink.on_skip({file.display_path, 0},
                     fmt::format("cannot read: {}", std::strerror(errno)));
        return;
    }
    if (!sink.want_contents(found, contents)) {
        return;
    }
    read_contents(contents, file, format, sink);
    sink.end_file(found);
}

void walk(const fs::path& dir, const fs::path& absolute, ArticleSink& sink) {
    std::vector<fs::directory_entry> entries;
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        if (it->path().filename().string().starts_with('.')) {
            continue;  // Hidden files and folders: version control, editors' backups.
        }
        entries.push_back(*it);
    }
    if (error) {
        sink.on_skip({dir.string(), 0}, fmt::format("cannot read folder: {}", error.message()));
        return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& entry : entries) {
        const auto name = entry.path().filename();
        if (entry.is_directory(error)) {
            walk(entry.path(), absolute / name, sink);
        } else if (const auto format = format_from_extension(entry.path());
                   format && entry.is_regular_file(error)) {
            ingest_file(entry.path(), absolute / name, *format, sink);
        }
    }
}

}  // namespace

std::string_view format_name(InputFormat format) {
    switch (format) {
        case InputFormat::article_text:
            return "article text";
        case InputFormat::json_lines:
            return "JSON Lines";
    }
    return "unknown";
}

void assign_default_id(Article& article, const FileRef& file) {
    if (!article.id.empty()) {
        return;
    }
    if (!article.url.empty()) {
        article.id = article.url;
        return;
    }
    article.id = article.origin.line == 0
                     ? file.identity_path
                     : fmt::format("{}:{}", file.identity_path, article.origin.line);
}

void ingest_contents(std::string_view contents, const std::string& path, InputFormat format,
                     ArticleSink& sink) {
    read_contents(contents, FileRef{path, path}, format, sink);
}

void ingest_path(const fs::path& path, ArticleSink& sink) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) {
        throw Error(fmt::format("{}: no such file or folder", path.string()));
    }
    const auto absolute = fs::weakly_canonical(fs::absolute(path));
    if (fs::is_directory(status)) {
        walk(path, absolute, sink);
        return;
    }
    ingest_file(path, absolute, format_from_extension(path).value_or(InputFormat::article_text),
                sink);
}

}  // namespace byline
