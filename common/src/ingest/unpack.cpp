/** @file
 *  @brief Compressed files and bundles, read in memory with libarchive.
 */
#include "ingest/unpack.h"

#include <byline/error.h>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <array>
#include <memory>
#include <optional>

namespace byline {

namespace {

struct ArchiveCloser {
    void operator()(archive* reader) const { archive_read_free(reader); }
};
using ArchiveReader = std::unique_ptr<archive, ArchiveCloser>;

std::string error_text(archive* reader) {
    const char* message = archive_error_string(reader);
    return message == nullptr ? std::string("damaged data") : std::string(message);
}

/// Members are read into memory; past this size a "compression bomb" would exhaust it.
constexpr std::size_t max_member_size = std::size_t{1} << 30;

/// Reads the current member into `data`; returns why it stopped early, if it did, with
/// what came before the damage left in `data`.
std::optional<std::string> read_member(archive* reader, std::string& data) {
    std::array<char, 64 * 1024> buffer{};
    while (true) {
        const auto count = archive_read_data(reader, buffer.data(), buffer.size());
        if (count < 0) {
            return error_text(reader);
        }
        if (count == 0) {
            return std::nullopt;
        }
        if (data.size() + static_cast<std::size_t>(count) > max_member_size) {
            return "a member unpacks to more than 1 GiB";
        }
        data.append(buffer.data(), static_cast<std::size_t>(count));
    }
}

}  // namespace

bool is_packed(std::string_view contents) {
    constexpr std::array<std::string_view, 7> magics = {
        std::string_view("\x1F\x8B", 2),  // gzip
        std::string_view("BZh", 3),       // bzip2
        std::string_view("\xFD"
                         "7zXZ\0",
                         6),                        // xz
        std::string_view("\x28\xB5\x2F\xFD", 4),    // zstd
        std::string_view("PK\x03\x04", 4),          // zip
        std::string_view("PK\x05\x06", 4),          // empty zip
        std::string_view("7z\xBC\xAF\x27\x1C", 6),  // 7z
    };
    for (const auto magic : magics) {
        if (contents.starts_with(magic)) {
            return true;
        }
    }
    constexpr std::size_t tar_magic_offset = 257;
    return contents.size() > tar_magic_offset + 5 &&
           contents.substr(tar_magic_offset, 5) == "ustar";
}

void unpack(std::string_view contents, const MemberHandler& each) {
    ArchiveReader reader(archive_read_new());
    if (!reader) {
        throw Error("out of memory");
    }
    archive_read_support_filter_all(reader.get());
    // Only real bundles: libarchive's own WARC and text formats would take over files
    // that Byline reads itself. "raw" makes a lone compressed file one member.
    archive_read_support_format_tar(reader.get());
    archive_read_support_format_zip(reader.get());
    archive_read_support_format_7zip(reader.get());
    archive_read_support_format_raw(reader.get());
    if (archive_read_open_memory(reader.get(), contents.data(), contents.size()) != ARCHIVE_OK) {
        throw Error(fmt::format("cannot unpack: {}", error_text(reader.get())));
    }
    archive_entry* entry = nullptr;
    while (true) {
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF) {
            return;
        }
        if (status < ARCHIVE_WARN) {
            throw Error(fmt::format("cannot unpack: {}", error_text(reader.get())));
        }
        const bool raw = archive_format(reader.get()) == ARCHIVE_FORMAT_RAW;
        if (!raw && archive_entry_filetype(entry) != AE_IFREG) {
            continue;
        }
        const char* name = archive_entry_pathname(entry);
        std::string data;
        const auto damage = read_member(reader.get(), data);
        // A cut-off download still holds good records before the cut: read them first.
        if (!data.empty() || !damage) {
            each(raw || name == nullptr ? std::string() : std::string(name), data);
        }
        if (damage) {
            throw Error(fmt::format("cannot unpack: {}", *damage));
        }
    }
}

}  // namespace byline
