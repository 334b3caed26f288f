/** @file
 *  @brief The sink the per-format fuzz targets read into.
 */
#include "fuzz_ingest.h"

#include <byline/fields.h>
#include <byline/index_writer.h>

#include "text.h"

#include <xapian.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace byline::fuzz {

namespace {

/// Every text an article carries is valid UTF-8 (the readers' promise to Xapian and to
/// terminals): a crash otherwise, which the fuzzer reports.
void require_valid_utf8(const Article& article) {
    for (const auto* text :
         {&article.id, &article.title, &article.body, &article.source, &article.url}) {
        if (!is_valid_utf8(*text)) {
            std::abort();
        }
    }
    for (const auto* list : {&article.authors, &article.tags}) {
        for (const auto& text : *list) {
            if (!is_valid_utf8(text)) {
                std::abort();
            }
        }
    }
}

/// Checks each article, then turns it into the Xapian document the indexer would store,
/// so that what the readers deliver goes through the field table and the term generator.
class CheckingSink : public ArticleSink {
  public:
    CheckingSink() {
        generator_.set_stemmer(Xapian::Stem("english"));
        generator_.set_stemming_strategy(term_generator_stemming);
    }
    void on_article(Article&& article, InputFormat /*format*/) override {
        require_valid_utf8(article);
        const auto doc = make_document(article, generator_);
        bytes_ += doc.get_data().size() + doc.termlist_count() + article.origin.to_string().size();
    }
    void on_skip(const SourceLocation& where, SkipKind kind, std::string_view reason) override {
        bytes_ += where.to_string().size() + skip_kind_name(kind).size() + reason.size();
    }

  private:
    Xapian::TermGenerator generator_;
    /// What was seen, kept so the work above is not optimised away.
    std::size_t bytes_ = 0;
};

}  // namespace

void ingest(const std::uint8_t* data, std::size_t size, InputFormat format,
            const IngestOptions& options) {
    const std::string_view contents(reinterpret_cast<const char*>(data), size);
    CheckingSink sink;
    ingest_contents(contents, "fuzz-input", format, sink, options);
}

void ingest_file(const std::filesystem::path& path) {
    CheckingSink sink;
    ingest_path(path, sink);
}

}  // namespace byline::fuzz
