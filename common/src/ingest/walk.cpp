/** @file
 *  @brief Walking files and folders, unpacking bundles, and choosing each file's reader.
 *
 *  walk → ingest_file (open the file) → read_stream (unpack, detect) → read_contents
 *  (binary check; a document decoded and read whole, records read in pieces). Every step
 *  reads a stream, so a file's size is bounded by the disk, not by memory.
 */
#include "ingest/byte_source.h"
#include "ingest/readers.h"
#include "ingest/record_chunks.h"
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
#include <optional>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace byline {

namespace fs = std::filesystem;

namespace {

/// Layers of compression and bundles inside bundles are read this deep, no deeper: three
/// compressed bundles, one in the other, are enough for real archives, and a stop for
/// crafted ones.
constexpr int max_unpack_depth = 6;
/// How much of a stream is read ahead to tell what it holds.
constexpr std::size_t head_bytes = 64 * 1024;

/// The line of the first NUL or other control byte that no text holds, when the start of
/// the data has one: such data is binary, not an article.
std::optional<std::size_t> binary_line(std::string_view head) {
    const auto sample = head.substr(0, head_bytes);
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

/// What every step of reading one file needs.
struct Reading {
    const IngestOptions& options;
    ArticleSink& sink;
    /// The bytes of the file on disk read so far, which the expansion of what it holds is
    /// measured against; null for text in memory.
    const std::uintmax_t* packed_bytes_read;
};

/// Why a stream that starts with NUL bytes holds no article, having read on (up to the
/// size limit) to see whether anything else follows.
std::string nul_reason(ByteSource& source, std::size_t max_bytes) {
    std::array<char, 64 * 1024> buffer;  // NOLINT: filled by read() before use
    std::uintmax_t read = 0;
    while (read <= max_bytes) {
        const auto got = source.read(buffer.data(), buffer.size());
        if (got == 0) {
            return "no articles: all bytes are NUL";
        }
        if (std::string_view(buffer.data(), got).find_first_not_of('\0') != std::string::npos) {
            return "binary data, not an article";
        }
        read += got;
    }
    return fmt::format("no articles: its first {} are NUL bytes; not read further",
                       format_byte_size(read));
}

/// Plain text as UTF-8, without copying text that already is (without a byte-order
/// mark); a decoded copy goes into `decoded`, which the result then points into.
std::string_view as_utf8(std::string_view text, std::string& decoded) {
    if (!text.starts_with("\xEF\xBB\xBF") && is_valid_utf8(text)) {
        return text;
    }
    decoded = decode_to_utf8(text);
    return decoded;
}

/// A file read as one document, whole.
void read_document(std::string_view contents, const FileRef& file, InputFormat format,
                   const IngestOptions& options, ArticleSink& sink) {
    switch (format) {
        case InputFormat::html:
            read_html_page(contents, file, sink);
            return;
        case InputFormat::rss:
        case InputFormat::atom:
            read_feed(contents, file, sink);
            return;
        default:
            break;
    }
    // The other formats are plain text: made UTF-8 once, here.
    std::string decoded;
    const auto text = as_utf8(contents, decoded);
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
        case InputFormat::tsv:
            DelimitedReader(file, format == InputFormat::tsv ? '\t' : ',', options.fields,
                            options.max_article_bytes, sink)
                .read(text, 1);
            return;
        default:
            return;
    }
}

/// A file of records read in pieces of whole records, each made UTF-8 on its own.
void read_records(HeadedSource& source, const FileRef& file, InputFormat format,
                  const Reading& reading, ArticleSink& sink) {
    const auto& options = reading.options;
    const auto framing = format == InputFormat::warc         ? RecordFraming::web_archive
                         : format == InputFormat::json_lines ? RecordFraming::lines
                                                             : RecordFraming::rows;
    RecordChunks chunks(source, framing, file, options.max_article_bytes, sink,
                        reading.packed_bytes_read);
    DelimitedReader rows(file, format == InputFormat::tsv ? '\t' : ',', options.fields,
                         options.max_article_bytes, sink);
    for (auto chunk = chunks.next(); !chunk.empty(); chunk = chunks.next()) {
        if (format == InputFormat::warc) {
            read_warc(chunk, file, options.max_article_bytes, sink, chunks.first_line());
        } else {
            std::string decoded;
            const auto text = as_utf8(chunk, decoded);
            if (format == InputFormat::json_lines) {
                read_json_lines(text, file, options.fields, options.max_article_bytes, sink,
                                chunks.first_line());
            } else {
                rows.read(text, chunks.first_line());
            }
        }
        if (!reading.sink.keep_reading()) {
            return;
        }
    }
}

bool is_record_format(InputFormat format) {
    return format == InputFormat::json_lines || format == InputFormat::csv ||
           format == InputFormat::tsv || format == InputFormat::warc;
}

void read_contents(HeadedSource& source, const FileRef& file, InputFormat format,
                   const Reading& reading) {
    const auto& options = reading.options;
    CheckedSink sink(reading.sink, options.max_article_bytes);
    const auto head = source.head();
    const bool utf16 = head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF");
    if (format != InputFormat::warc && !utf16) {
        if (!head.empty() && head.find_first_not_of('\0') == std::string_view::npos) {
            sink.on_skip({file.display_path, 0}, SkipKind::binary,
                         nul_reason(source, options.max_article_bytes));
            return;
        }
        if (const auto line = binary_line(head)) {
            sink.on_skip({file.display_path, *line}, SkipKind::binary,
                         "binary data, not an article");
            return;
        }
    }
    // UTF-16 text cannot be cut at a byte: such a file is read whole, as a document is.
    if (format == InputFormat::warc || (is_record_format(format) && !utf16)) {
        read_records(source, file, format, reading, sink);
        return;
    }
    const auto contents = read_up_to(source, options.max_article_bytes);
    if (contents.size() > options.max_article_bytes) {
        sink.on_skip({file.display_path, 0}, SkipKind::too_large,
                     fmt::format("a {} file of more than {} is over the {} limit",
                                 format_name(format), format_byte_size(options.max_article_bytes),
                                 format_byte_size(options.max_article_bytes)));
        return;
    }
    read_document(contents, file, format, options, sink);
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

/// Reads a file, or one member of a bundle, as a stream: unpacks what is packed, then
/// reads it in the format its name and first bytes show. `name` chooses the format;
/// `explicit_file` says the user named the file, so it is read even when its type is
/// unclear.
void read_stream(ByteSource& stream, const FileRef& file, const std::string& name,
                 bool explicit_file, const Reading& reading, int depth) {
    auto& sink = reading.sink;
    HeadedSource source(stream, head_bytes);
    if (is_packed(source.head())) {
        if (depth >= max_unpack_depth) {
            sink.on_skip({file.display_path, 0}, SkipKind::unreadable,
                         "bundle nested too deep, not read");
            return;
        }
        try {
            unpack(source, [&](const std::string& member, ByteSource& data) {
                if (!sink.keep_reading()) {
                    return;
                }
                if (member.empty()) {
                    // A lone compressed file: what it holds has its name, less ".gz".
                    read_stream(data, file, without_compression_extension(name), explicit_file,
                                reading, depth + 1);
                    return;
                }
                const auto base = fs::path(member).filename().string();
                if (base.starts_with('.') || base.starts_with("._") || !worth_opening(member)) {
                    return;  // Hidden files and resource forks, as in a folder walk.
                }
                const FileRef inner{fmt::format("{}!{}", file.display_path, member),
                                    fmt::format("{}!{}", file.identity_path, member)};
                read_stream(data, inner, member, false, reading, depth + 1);
            });
        } catch (const DecompressionBomb& e) {
            sink.on_skip(e.where(), SkipKind::unreadable, e.what());
        } catch (const Error& e) {
            sink.on_skip({file.display_path, 0}, SkipKind::unreadable, e.what());
        }
        return;
    }
    if (!reading.options.forced_format && has_packed_extension(name)) {
        // "dump.jsonl.gz" that is no gzip: say so rather than pass it over unread.
        sink.on_skip({file.display_path, 0}, SkipKind::unreadable,
                     "no articles: not a format Byline reads");
        return;
    }
    if (const auto format = format_of(source.head(), name, explicit_file, reading.options)) {
        read_contents(source, file, *format, reading);
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
    if (size > options.max_article_bytes) {
        // A document too large to parse is skipped from its first bytes, unread.
        FileSource head_source(fd.get(), [](std::size_t) {});
        const auto head = read_up_to(head_source, head_bytes);
        if (head_source.damage()) {
            cannot_read(*head_source.damage());
            return;
        }
        const auto format = format_of(head, path.filename().string(), explicit_file, options);
        if (!is_packed(head) && format && is_whole_document(*format)) {
            sink.on_skip({file.display_path, 0}, SkipKind::too_large,
                         over_size_limit(fmt::format("a {} file", format_name(*format)), size,
                                         options.max_article_bytes));
            return;
        }
    }
    // The hash tells a file touched but unchanged from a changed one before anything is
    // parsed: a pass of its own, as reading costs little beside indexing.
    std::uint64_t hash = stable_hash_start;
    {
        ::lseek(fd.get(), 0, SEEK_SET);
        FileSource hash_source(fd.get(), [](std::size_t) {});
        std::vector<char> buffer(std::size_t{1} << 20);
        while (const auto got = hash_source.read(buffer.data(), buffer.size())) {
            hash = stable_hash(std::string_view(buffer.data(), got), hash);
        }
        if (hash_source.damage()) {
            cannot_read(*hash_source.damage());
            return;
        }
    }
    if (!sink.want_contents(found, hash)) {
        return;
    }
    ::lseek(fd.get(), 0, SEEK_SET);
    FileSource source(fd.get(), [&sink](std::size_t bytes) { sink.on_bytes_read(bytes); });
    read_stream(source, file, path.filename().string(), explicit_file,
                Reading{options, sink, &source.bytes_read()}, 0);
    if (source.damage()) {
        cannot_read(*source.damage());
    }
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
    MemorySource memory(contents);
    HeadedSource source(memory, head_bytes);
    read_contents(source, FileRef{path, path}, format, Reading{options, sink, nullptr});
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
