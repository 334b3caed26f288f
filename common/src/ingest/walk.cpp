/** @file
 *  @brief Walking files and folders, unpacking bundles, and choosing each file's reader.
 *
 *  walk → ingest_file (read the bytes) → read_member (unpack, detect) → read_contents
 *  (decode, per-format reader).
 */
#include "ingest/readers.h"
#include "ingest/unpack.h"

#include <byline/byte_size.h>
#include <byline/error.h>

#include "ingest/decoding.h"
#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <optional>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace byline {

namespace fs = std::filesystem;

namespace {

/// Bundles inside bundles are read this deep, no deeper: enough for real archives, and a
/// stop for crafted ones.
constexpr int max_unpack_depth = 3;

/// The line of the first NUL or other control byte that no text holds, when the start of
/// the data has one: such data is binary, not an article.
std::optional<std::size_t> binary_line(std::string_view contents) {
    const auto sample = contents.substr(0, 64 * 1024);
    std::size_t controls = 0;
    std::optional<std::size_t> first;
    for (std::size_t i = 0; i < sample.size(); ++i) {
        const auto byte = static_cast<unsigned char>(sample[i]);
        const bool control = byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' &&
                             byte != '\f' && byte != 0x1B;
        if (control) {
            ++controls;
            if (!first) {
                first = i;
            }
            if (byte == 0) {
                first = i;
                break;
            }
        }
    }
    const bool binary = (first && sample[*first] == '\0') || controls * 100 > sample.size();
    if (!binary) {
        return std::nullopt;
    }
    return 1 + static_cast<std::size_t>(std::count(
                   sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(*first), '\n'));
}

/// Formats whose file is one document, parsed whole: past the size limit the file is
/// skipped, unread when it can be.
bool is_whole_document(InputFormat format) {
    switch (format) {
        case InputFormat::article_text:
        case InputFormat::html:
        case InputFormat::json:
        case InputFormat::rss:
        case InputFormat::atom:
            return true;
        default:
            return false;
    }
}

std::size_t article_bytes(const Article& article) {
    std::size_t bytes = article.id.size() + article.title.size() + article.body.size() +
                        article.source.size() + article.url.size();
    for (const auto& author : article.authors) {
        bytes += author.size();
    }
    for (const auto& tag : article.tags) {
        bytes += tag.size();
    }
    return bytes;
}

/// Stands between the readers and the caller's sink: whatever a reader missed, no
/// article over the size limit, no invalid UTF-8 and no control character gets through.
class CheckedSink : public ArticleSink {
  public:
    CheckedSink(ArticleSink& sink, std::size_t max_article_bytes)
        : sink_(sink), max_article_bytes_(max_article_bytes) {}

    void on_article(Article&& article, InputFormat format) override {
        const auto bytes = article_bytes(article);
        if (bytes > max_article_bytes_) {
            sink_.on_skip(article.origin, SkipKind::too_large,
                          over_size_limit("an article", bytes, max_article_bytes_));
            return;
        }
        // What the searcher prints to a terminal must not command it: no control
        // characters but the body's line breaks and tabs.
        repair_utf8(article.body);
        replace_controls(article.body, true);
        for (auto* text :
             {&article.id, &article.title, &article.source, &article.url, &article.origin.path}) {
            repair_utf8(*text);
            replace_controls(*text, false);
        }
        for (auto* list : {&article.authors, &article.tags}) {
            for (auto& text : *list) {
                repair_utf8(text);
                replace_controls(text, false);
            }
        }
        sink_.on_article(std::move(article), format);
    }
    void on_skip(const SourceLocation& where, SkipKind kind, std::string_view reason) override {
        sink_.on_skip(where, kind, reason);
    }

  private:
    ArticleSink& sink_;
    std::size_t max_article_bytes_;
};

void read_contents(std::string_view contents, const FileRef& file, InputFormat format,
                   const IngestOptions& options, ArticleSink& caller_sink) {
    CheckedSink sink(caller_sink, options.max_article_bytes);
    if (is_whole_document(format) && contents.size() > options.max_article_bytes) {
        sink.on_skip({file.display_path, 0}, SkipKind::too_large,
                     over_size_limit(fmt::format("a {} file", format_name(format)), contents.size(),
                                     options.max_article_bytes));
        return;
    }
    if (format != InputFormat::warc) {
        const bool utf16 = contents.starts_with("\xFF\xFE") || contents.starts_with("\xFE\xFF");
        if (const auto line = binary_line(contents); line && !utf16) {
            sink.on_skip({file.display_path, *line}, SkipKind::binary,
                         "binary data, not an article");
            return;
        }
    }
    switch (format) {
        case InputFormat::html:
            read_html_page(contents, file, sink);
            return;
        case InputFormat::rss:
        case InputFormat::atom:
            read_feed(contents, file, sink);
            return;
        case InputFormat::warc:
            read_warc(contents, file, options.max_article_bytes, sink);
            return;
        default:
            break;
    }
    // The other formats are plain text: make it UTF-8 once, here, without copying text
    // that already is (a file may be hundreds of megabytes).
    std::string decoded;
    std::string_view text = contents;
    if (contents.starts_with("\xEF\xBB\xBF") || !is_valid_utf8(contents)) {
        decoded = decode_to_utf8(contents);
        text = decoded;
    }
    switch (format) {
        case InputFormat::article_text:
            read_article_text(text, file, sink);
            return;
        case InputFormat::json_lines:
            read_json_lines(text, file, options.fields, options.max_article_bytes, sink);
            return;
        case InputFormat::json:
            read_json_document(text, file, options.fields, options.max_article_bytes, sink);
            return;
        case InputFormat::csv:
            read_delimited(text, file, ',', options.fields, options.max_article_bytes, sink);
            return;
        case InputFormat::tsv:
            read_delimited(text, file, '\t', options.fields, options.max_article_bytes, sink);
            return;
        default:
            return;
    }
}

/// The format `name` and `contents` show, as the options and an explicit file decide.
std::optional<InputFormat> format_of(std::string_view contents, const std::string& name,
                                     bool explicit_file, const IngestOptions& options) {
    auto format = options.forced_format;
    if (!format) {
        format = detect_format(name, contents);
    }
    if (!format && explicit_file) {
        format = InputFormat::article_text;
    }
    return format;
}

/// Reads one file's bytes, or one member of a bundle: unpacks what is packed, then reads
/// it in the format its name and content show. `name` chooses the format; `explicit_file`
/// says the user named the file, so it is read even when its type is unclear.
void read_member(std::string_view contents, const FileRef& file, const std::string& name,
                 bool explicit_file, const IngestOptions& options, ArticleSink& sink, int depth) {
    if (is_packed(contents)) {
        if (depth >= max_unpack_depth) {
            sink.on_skip({file.display_path, 0}, SkipKind::unreadable,
                         "bundle nested too deep, not read");
            return;
        }
        try {
            unpack(contents, [&](const std::string& member, std::string_view data) {
                if (member.empty()) {
                    // A lone compressed file: what it holds has its name, less ".gz".
                    read_member(data, file, without_compression_extension(name), explicit_file,
                                options, sink, depth + 1);
                    return;
                }
                const auto base = fs::path(member).filename().string();
                if (base.starts_with('.') || base.starts_with("._") || !worth_opening(member)) {
                    return;  // Hidden files and resource forks, as in a folder walk.
                }
                const FileRef inner{fmt::format("{}!{}", file.display_path, member),
                                    fmt::format("{}!{}", file.identity_path, member)};
                read_member(data, inner, member, false, options, sink, depth + 1);
            });
        } catch (const Error& e) {
            sink.on_skip({file.display_path, 0}, SkipKind::unreadable, e.what());
        }
        return;
    }
    if (const auto format = format_of(contents, name, explicit_file, options)) {
        read_contents(contents, file, *format, options, sink);
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

/// Closes a file descriptor with it.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    [[nodiscard]] int get() const { return fd_; }

  private:
    int fd_;
};

/// Appends up to `limit` bytes read from `fd` to `out` (all there is when `limit` is
/// larger); false, with errno set, on a read error. `out` grows only by what is read, so
/// a string reserved to the file's size is never reallocated.
bool read_bytes(int fd, std::string& out, std::size_t limit) {
    std::array<char, 64 * 1024> buffer;  // NOLINT: filled by read() before use
    std::size_t taken = 0;
    while (taken < limit) {
        const auto got = ::read(fd, buffer.data(), std::min(buffer.size(), limit - taken));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return got == 0;
        }
        out.append(buffer.data(), static_cast<std::size_t>(got));
        taken += static_cast<std::size_t>(got);
    }
    return true;
}

void ingest_file(const fs::path& path, const fs::path& absolute, bool explicit_file,
                 const IngestOptions& options, ArticleSink& sink) {
    const auto found = found_file(path, absolute);
    if (!sink.want_file(found)) {
        return;
    }
    const FileRef file{found.display_path, found.identity_path};
    const auto cannot_read = [&](std::string_view why) {
        sink.on_skip({file.display_path, 0}, SkipKind::unreadable,
                     fmt::format("cannot read: {}", why));
    };
    // What is at the path now, which may not be what the walk saw: the file may be gone,
    // or a FIFO in its place, which O_NONBLOCK opens without waiting for a writer.
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    struct stat status {};
    if (fd.get() < 0 || ::fstat(fd.get(), &status) != 0) {
        cannot_read(std::strerror(errno));
        return;
    }
    if (!S_ISREG(status.st_mode)) {
        cannot_read("not a regular file");
        return;
    }
    const auto size = static_cast<std::size_t>(status.st_size);
    std::string contents;
    if (size > options.max_article_bytes) {
        // A document too large to parse is skipped from its first bytes, unread.
        constexpr std::size_t head_bytes = 8192;
        if (!read_bytes(fd.get(), contents, head_bytes)) {
            cannot_read(std::strerror(errno));
            return;
        }
        const auto format = format_of(contents, path.filename().string(), explicit_file, options);
        if (!is_packed(contents) && format && is_whole_document(*format)) {
            sink.on_skip({file.display_path, 0}, SkipKind::too_large,
                         over_size_limit(fmt::format("a {} file", format_name(*format)), size,
                                         options.max_article_bytes));
            return;
        }
    }
    contents.reserve(size);
    if (!read_bytes(fd.get(), contents, std::numeric_limits<std::size_t>::max())) {
        cannot_read(std::strerror(errno));
        return;
    }
    if (!sink.want_contents(found, contents)) {
        return;
    }
    read_member(contents, file, path.filename().string(), explicit_file, options, sink, 0);
    sink.end_file(found);
}

void walk(const fs::path& dir, const fs::path& absolute, const IngestOptions& options,
          ArticleSink& sink) {
    std::vector<fs::directory_entry> entries;
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        if (it->path().filename().string().starts_with('.')) {
            continue;  // Hidden files and folders: version control, editors' backups.
        }
        entries.push_back(*it);
    }
    if (error) {
        sink.on_skip({dir.string(), 0}, SkipKind::unreadable,
                     fmt::format("cannot read folder: {}", error.message()));
        return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.path().filename() < b.path().filename();
    });
    for (const auto& entry : entries) {
        const auto name = entry.path().filename();
        if (entry.is_directory(error)) {
            walk(entry.path(), absolute / name, options, sink);
        } else if (worth_opening(name.string()) && entry.is_regular_file(error)) {
            ingest_file(entry.path(), absolute / name, false, options, sink);
        }
    }
}

}  // namespace

std::string over_size_limit(std::string_view what, std::size_t bytes, std::size_t limit) {
    return fmt::format("{} of {} is over the {} limit", what, format_byte_size(bytes),
                       format_byte_size(limit));
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
                     ArticleSink& sink, const IngestOptions& options) {
    read_contents(contents, FileRef{path, path}, format, options, sink);
}

void ingest_path(const fs::path& path, ArticleSink& sink, const IngestOptions& options) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) {
        // Checked by the caller, maybe, but removed since.
        sink.on_skip({path.string(), 0}, SkipKind::unreadable, "no such file or folder");
        return;
    }
    const auto absolute = fs::weakly_canonical(fs::absolute(path));
    if (fs::is_directory(status)) {
        walk(path, absolute, options, sink);
        return;
    }
    ingest_file(path, absolute, true, options, sink);
}

}  // namespace byline
