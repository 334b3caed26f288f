/** @file
 *  @brief One writer thread's database and its commit policy.
 */
#include "index/database_writer.h"

#include <byline/fields.h>
#include <byline/index_writer.h>
#include <byline/synonyms.h>

#include "index/document_builder.h"
#include "schema/file_state.h"
#include "schema/index_format.h"
#include "schema/indexed_time.h"
#include "schema/terms.h"

#include <chrono>
#include <variant>
#include <vector>

namespace byline {

Writer::Writer(Xapian::WritableDatabase db, std::size_t commit_every, WriterRole role,
               const std::atomic<bool>& stop, std::optional<Xapian::WritableDatabase> spelling_db)
    : db_(std::move(db)),
      spelling_db_(std::move(spelling_db)),
      stop_(stop),
      commit_every_(commit_every),
      at_file_ends_(role == WriterRole::update),
      check_existing_(role == WriterRole::update) {
    // The spelling data behind "did you mean" (from titles: see make_document), and
    // the shipped synonym table that plain queries expand with; both merge when
    // shards are compacted.
    generator_.set_database(spelling_db_ ? *spelling_db_ : db_);
    generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    // An index that has its synonyms keeps them: rewriting them would make an
    // unchanged re-run a change.
    if (db_.synonym_keys_begin() == db_.synonym_keys_end()) {
        add_synonyms(db_, builtin_synonyms());
    }
    mark_current_format(db_);
    if (at_file_ends_) {
        // Changes since the last commit stay in a transaction, so that an interrupted
        // file's articles can be dropped, and a failure (a full disk) commits nothing.
        db_.begin_transaction();
    }
}

void Writer::handle(WorkItem&& item) {
    std::visit([this](auto&& value) { apply(std::move(value)); }, std::move(item));
}

void Writer::commit() {
    if (at_file_ends_) {
        db_.commit_transaction();
        db_.begin_transaction();
    } else {
        db_.commit();
    }
    pending_ = 0;
}

void Writer::finish() {
    commit();
    if (spelling_db_) {
        spelling_db_->commit();
    }
}

void Writer::apply(ArticleItem&& item) {
    auto doc = make_document(item.article, generator_);
    doc.add_boolean_term(item.file_term);
    if (!item.copy_signature.empty()) {
        doc.add_value(slot_copy_signature, item.copy_signature);
    }
    if (!item.story_terms.empty()) {
        doc.add_value(slot_story_terms, item.story_terms);
    }
    const auto id_term = unique_id_term(item.article.id);
    doc.add_value(slot_indexed, indexed_time(id_term));
    const auto docid = db_.replace_document(id_term, doc);
    if (check_existing_) {
        file_docids_.insert(docid);
    }
    ++written_;
    ++pending_;
    if (!at_file_ends_ && pending_ >= commit_every_) {
        commit();
    }
    if (spelling_db_ && written_ % spelling_commit_articles == 0) {
        spelling_db_->commit();
    }
}

std::string Writer::indexed_time(const std::string& id_term) {
    if (check_existing_) {
        // Indexed again (its file changed or was read anew): the article keeps the
        // time it first entered the index, so that --new does not show it again.
        const auto stored = db_.postlist_begin(id_term);
        if (stored != db_.postlist_end(id_term)) {
            auto time = db_.get_document(*stored, Xapian::DOC_ASSUME_VALID).get_value(slot_indexed);
            if (!time.empty()) {
                return time;
            }
        }
    }
    return indexed_time_value(std::chrono::system_clock::now());
}

void Writer::apply(FileDone&& done) {
    if (done.drop_stale_articles) {
        // Articles the file held last time and holds no more.
        const auto term = file_term(done.state.path);
        std::vector<Xapian::docid> stale;
        for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
            if (!file_docids_.contains(*it)) {
                stale.push_back(*it);
            }
        }
        for (const auto docid : stale) {
            db_.delete_document(docid);
            ++deleted_;
        }
    }
    file_docids_.clear();
    db_.set_metadata(done.key, done.state.encode());
    if (at_file_ends_ && (pending_ >= commit_every_ || stop_.load())) {
        commit();
    }
}

void Writer::apply(FileGone&& gone) {
    for (auto it = db_.postlist_begin(gone.file_term); it != db_.postlist_end(gone.file_term);
         ++it) {
        ++deleted_;
    }
    db_.delete_document(gone.file_term);
    db_.set_metadata(gone.key, {});
}

void Writer::apply(FileAbandoned&& /*abandoned*/) {
    if (!at_file_ends_) {
        // A full build: the file is not recorded, and the next run replaces what was
        // written of it.
        return;
    }
    // Xapian drops every change since the last commit: the part of this file, and
    // the files read since that commit, unless they ended after the stop (see
    // apply(FileDone)). None is recorded, so the next run reads them again.
    db_.cancel_transaction();
    db_.begin_transaction();
    file_docids_.clear();
    pending_ = 0;
}

}  // namespace byline
