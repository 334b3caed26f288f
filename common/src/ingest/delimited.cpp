/** @file
 *  @brief CSV and TSV: one article per row, columns named by a header row or numbered.
 */
#include "ingest/readers.h"
#include "ingest/records.h"

#include "text.h"

#include <fmt/format.h>

#include <charconv>
#include <unordered_map>

namespace byline {

namespace {

/// Splits delimited text into rows (RFC 4180: quoted fields may hold separators, quotes
/// written twice and line breaks). A broken row is reported and reading resumes on the
/// line after the row's first, so one stray quote cannot swallow the rest of the file.
class RowReader {
  public:
    /// Rows longer than `max_row_bytes` are passed over without copying their fields.
    /// `first_line`: the line `text` starts at in its file.
    RowReader(std::string_view text, char separator, std::size_t max_row_bytes,
              std::size_t first_line)
        : text_(text), separator_(separator), max_row_bytes_(max_row_bytes), line_(first_line) {}

    enum class Result { row, broken, too_large, end };

    /// The bytes of the last row read.
    [[nodiscard]] std::size_t row_bytes() const { return pos_ - row_start_; }

    Result next(std::vector<std::string>& fields, std::size_t& row_line, std::string& error) {
        fields.clear();
        if (pos_ >= text_.size()) {
            return Result::end;
        }
        row_line = line_;
        const auto row_start = pos_;
        row_start_ = pos_;
        std::string field;
        bool quoted_field = false;
        while (true) {
            if (pos_ >= text_.size()) {
                fields.push_back(std::move(field));
                return finish_row(fields);
            }
            const char c = text_[pos_];
            if (c == '"' && field.empty() && !quoted_field) {
                quoted_field = true;
                if (!read_quoted(field)) {
                    error = "unterminated quoted field";
                    return resume_after(row_start, row_line);
                }
                if (pos_ < text_.size() && text_[pos_] != separator_ && text_[pos_] != '\n' &&
                    text_[pos_] != '\r') {
                    error = "text after a closing quote";
                    return resume_after(row_start, row_line);
                }
                continue;
            }
            ++pos_;
            if (c == separator_) {
                fields.push_back(std::move(field));
                field.clear();
                quoted_field = false;
            } else if (c == '\n' || (c == '\r' && peek() == '\n') || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    ++pos_;
                }
                ++line_;
                fields.push_back(std::move(field));
                return finish_row(fields);
            } else {
                append(field, c);
            }
        }
    }

  private:
    [[nodiscard]] char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

    /// Reads a quoted field from its opening quote; false when the text ends inside it.
    bool read_quoted(std::string& field) {
        ++pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (c == '"') {
                if (peek() != '"') {
                    return true;
                }
                ++pos_;
            } else if (c == '\n') {
                ++line_;
            }
            append(field, c);
        }
        return false;
    }

    /// Adds a character to a field, unless the row is already over the size limit.
    void append(std::string& field, char c) const {
        if (row_bytes() <= max_row_bytes_) {
            field += c;
        }
    }

    Result finish_row(std::vector<std::string>& fields) const {
        if (row_bytes() > max_row_bytes_) {
            fields.clear();
            return Result::too_large;
        }
        return Result::row;
    }

    Result resume_after(std::size_t row_start, std::size_t row_line) {
        const auto newline = text_.find('\n', row_start);
        pos_ = newline == std::string_view::npos ? text_.size() : newline + 1;
        line_ = row_line + 1;
        return Result::broken;
    }

    std::string_view text_;
    char separator_;
    std::size_t max_row_bytes_;
    std::size_t row_start_ = 0;
    std::size_t pos_ = 0;
    std::size_t line_;
};

bool is_blank_row(const std::vector<std::string>& fields) {
    return fields.size() == 1 && trim(fields.front()).empty();
}

}  // namespace

DelimitedReader::DelimitedReader(const FileRef& file, char separator, const FieldMapping& fields,
                                 std::size_t max_row_bytes, ArticleSink& sink)
    : file_(file),
      separator_(separator),
      fields_(fields),
      max_row_bytes_(max_row_bytes),
      sink_(sink),
      numbered_(fields.by_column_number()),
      have_header_(numbered_) {}

void DelimitedReader::read(std::string_view contents, std::size_t first_line) {
    const InputFormat format = separator_ == '\t' ? InputFormat::tsv : InputFormat::csv;
    RowReader rows(contents, separator_, max_row_bytes_, first_line);
    std::vector<std::string> row;
    std::size_t line = 0;
    std::string error;
    while (true) {
        const auto result = rows.next(row, line, error);
        if (result == RowReader::Result::end) {
            return;
        }
        const SourceLocation where{file_.display_path, line};
        if (result == RowReader::Result::broken) {
            sink_.on_skip(where, SkipKind::malformed, fmt::format("broken row: {}", error));
            continue;
        }
        if (result == RowReader::Result::too_large) {
            sink_.on_skip(where, SkipKind::too_large,
                          over_size_limit("a row", rows.row_bytes(), max_row_bytes_));
            continue;
        }
        if (is_blank_row(row)) {
            continue;
        }
        if (!have_header_) {
            for (std::size_t i = 0; i < row.size(); ++i) {
                column_of_name_.emplace(to_lower(trim(row[i])), i);
            }
            columns_ = row.size();
            have_header_ = true;
            continue;
        }
        if (columns_ == 0) {
            columns_ = row.size();  // A file without a header: its first row sets the width.
        }
        if (row.size() != columns_) {
            sink_.on_skip(where, SkipKind::malformed,
                          fmt::format("broken row: {} columns where the {} has {}", row.size(),
                                      numbered_ ? "first row" : "header", columns_));
            continue;
        }
        const RecordLookup lookup = [&](std::string_view key) -> std::optional<RecordValue> {
            std::size_t column = 0;
            if (numbered_) {
                const auto [end, failure] =
                    std::from_chars(key.data(), key.data() + key.size(), column);
                if (failure != std::errc() || end != key.data() + key.size() || column == 0 ||
                    column > row.size()) {
                    return std::nullopt;
                }
                --column;
            } else {
                const auto it = column_of_name_.find(to_lower(key));
                if (it == column_of_name_.end()) {
                    return std::nullopt;
                }
                column = it->second;
            }
            if (trim(row[column]).empty()) {
                return std::nullopt;
            }
            return RecordValue{{row[column]}, false};
        };
        auto article = article_from_record(lookup, fields_, where, sink_);
        if (!article) {
            continue;
        }
        assign_default_id(*article, file_);
        sink_.on_article(std::move(*article), format);
    }
}

}  // namespace byline
