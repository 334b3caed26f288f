/** @file
 *  @brief One writer thread's database and its commit and alias policy.
 */
#include "index/database_writer.h"

#include <byline/document_data.h>
#include <byline/index_writer.h>
#include <byline/synonyms.h>

#include "index/document_builder.h"
#include "schema/file_state.h"
#include "schema/index_format.h"
#include "schema/terms.h"

#include <algorithm>
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
    auto& article = item.article;
    const auto id_term = unique_id_term(article.id);
    const auto hash_term = content_hash_term(item.content_hash);
    if (check_existing_) {
        if (keep_as_alias(article, id_term, hash_term)) {
            return;
        }
    }
    auto doc = make_document(article, generator_);
    doc.add_boolean_term(item.file_term);
    doc.add_boolean_term(hash_term);
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

bool Writer::keep_as_alias(Article& article, const std::string& id_term,
                           const std::string& hash_term) {
    for (auto it = db_.postlist_begin(hash_term); it != db_.postlist_end(hash_term); ++it) {
        auto stored = db_.get_document(*it);
        auto stored_article = decode_document_data(stored.get_data());
        if (unique_id_term(stored_article.id) == id_term) {
            article.aliases = std::move(stored_article.aliases);
            return false;
        }
        add_alias(stored, std::move(stored_article), article.id);
        file_docids_.insert(*it);
        ++aliases_;
        return true;
    }
    return false;
}

void Writer::add_alias(Xapian::Document& doc, Article&& stored, const std::string& alias_id) {
    if (std::find(stored.aliases.begin(), stored.aliases.end(), alias_id) != stored.aliases.end() ||
        stored.id == alias_id) {
        return;
    }
    stored.aliases.push_back(alias_id);
    doc.set_data(encode_document_data(stored));
    db_.replace_document(doc.get_docid(), doc);
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

void Writer::apply(AliasItem&& alias) {
    const auto term = unique_id_term(alias.canonical_id);
    const auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) {
        return;
    }
    auto doc = db_.get_document(*it);
    add_alias(doc, decode_document_data(doc.get_data()), alias.alias_id);
}

}  // namespace byline
