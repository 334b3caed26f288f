/** @file
 *  @brief Compressed files and bundles, read as streams with libarchive.
 */
#include "ingest/unpack.h"

#include <byline/error.h>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

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

/// libarchive's side of a ByteSource: it pulls the packed bytes through these callbacks,
/// so a bundle inside a bundle is unpacked as it is read, like any other.
struct PackedInput {
    ByteSource& source;
    std::vector<char> buffer = std::vector<char>(std::size_t{1} << 16);
};

la_ssize_t read_packed(archive* reader, void* data, const void** block) {
    auto& input = *static_cast<PackedInput*>(data);
    const auto count = input.source.read(input.buffer.data(), input.buffer.size());
    *block = input.buffer.data();
    if (count == 0 && input.source.damage()) {
        archive_set_error(reader, EIO, "%s", input.source.damage()->c_str());
        return ARCHIVE_FATAL;
    }
    return static_cast<la_ssize_t>(count);
}

la_int64_t seek_packed(archive* /*reader*/, void* data, la_int64_t offset, int whence) {
    const auto at = static_cast<PackedInput*>(data)->source.seek(offset, whence);
    return at ? *at : ARCHIVE_FATAL;
}

/// The member libarchive is positioned at, read as it is decompressed. Block by block:
/// archive_read_data() drops what it gathered for a read that meets damage, which would
/// lose up to a buffer's worth of good records before a cut.
class MemberSource : public ByteSource {
  public:
    explicit MemberSource(archive* reader) : reader_(reader) {}
    std::size_t read(char* buffer, std::size_t size) override {
        while (pending_.empty() && hole_bytes_ == 0) {
            if (ended_ || !next_block()) {
                return 0;
            }
        }
        if (hole_bytes_ > 0) {
            // A sparse member's hole reads as NUL bytes, as archive_read_data() gives it.
            const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(size, hole_bytes_));
            std::memset(buffer, 0, count);
            hole_bytes_ -= count;
            return count;
        }
        const auto count = std::min(size, pending_.size());
        std::memcpy(buffer, pending_.data(), count);
        pending_.remove_prefix(count);
        return count;
    }

  private:
    bool next_block() {
        const void* block = nullptr;
        std::size_t bytes = 0;
        la_int64_t offset = 0;
        const int status = archive_read_data_block(reader_, &block, &bytes, &offset);
        if (status == ARCHIVE_EOF || status < ARCHIVE_WARN) {
            if (status != ARCHIVE_EOF) {
                set_damage(error_text(reader_));
            }
            ended_ = true;
            return false;
        }
        const auto at = static_cast<std::uint64_t>(offset);
        hole_bytes_ = at > position_ ? at - position_ : 0;
        position_ = at + bytes;
        pending_ = std::string_view(static_cast<const char*>(block), bytes);
        return true;
    }

    archive* reader_;
    std::string_view pending_;
    std::uint64_t position_ = 0;
    std::uint64_t hole_bytes_ = 0;
    bool ended_ = false;
};

}  // namespace

namespace {

/// True when the bytes start like a compressed stream: gzip, bzip2, xz, zstd.
bool is_compressed(std::string_view head) {
    constexpr std::array<std::string_view, 4> magics = {
        std::string_view("\x1F\x8B", 2),  // gzip
        std::string_view("BZh", 3),       // bzip2
        std::string_view("\xFD"
                         "7zXZ\0",
                         6),                      // xz
        std::string_view("\x28\xB5\x2F\xFD", 4),  // zstd
    };
    return std::any_of(magics.begin(), magics.end(),
                       [head](std::string_view magic) { return head.starts_with(magic); });
}

}  // namespace

bool is_packed(std::string_view head) {
    constexpr std::array<std::string_view, 3> bundle_magics = {
        std::string_view("PK\x03\x04", 4),          // zip
        std::string_view("PK\x05\x06", 4),          // empty zip
        std::string_view("7z\xBC\xAF\x27\x1C", 6),  // 7z
    };
    if (is_compressed(head) ||
        std::any_of(bundle_magics.begin(), bundle_magics.end(),
                    [head](std::string_view magic) { return head.starts_with(magic); })) {
        return true;
    }
    constexpr std::size_t tar_magic_offset = 257;
    return head.size() > tar_magic_offset + 5 && head.substr(tar_magic_offset, 5) == "ustar";
}

void unpack(HeadedSource& packed, const MemberHandler& each) {
    ArchiveReader reader(archive_read_new());
    if (!reader) {
        throw Error("out of memory");
    }
    if (is_compressed(packed.head())) {
        // One layer at a time: a compressed stream is one member, and what it holds (a
        // tar) is unpacked in turn. Else libarchive would take a stream of NUL bytes for
        // an empty tar and say nothing.
        archive_read_support_filter_all(reader.get());
        archive_read_support_format_raw(reader.get());
    } else {
        // Only real bundles: libarchive's own WARC and text formats would take over
        // files that Byline reads itself.
        archive_read_support_format_tar(reader.get());
        archive_read_support_format_zip(reader.get());
        archive_read_support_format_7zip(reader.get());
    }
    PackedInput input{packed};
    archive_read_set_callback_data(reader.get(), &input);
    archive_read_set_read_callback(reader.get(), read_packed);
    if (packed.seekable()) {
        archive_read_set_seek_callback(reader.get(), seek_packed);
    }
    if (archive_read_open1(reader.get()) != ARCHIVE_OK) {
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
        MemberSource member(reader.get());
        // A cut-off download still holds good records before the cut: they are read
        // first, then the damage is reported.
        each(raw || name == nullptr ? std::string() : std::string(name), member);
        if (member.damage()) {
            throw Error(fmt::format("cannot unpack: {}", *member.damage()));
        }
    }
}

std::string unpack_up_to(std::string_view packed, std::size_t limit) {
    MemorySource memory(packed);
    HeadedSource source(memory, packed.size());
    std::string bytes;
    unpack(source, [&](const std::string& /*name*/, ByteSource& member) {
        bytes = read_up_to(member, limit);
    });
    return bytes;
}

}  // namespace byline
