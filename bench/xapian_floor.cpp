/** @file
 *  @brief The raw-Xapian floors the benchmark compares byline-index with: one thread,
 *  TermGenerator with the English stemmer and positions over title and body,
 *  add_document. Nothing stored, no incremental state, no fields or filters.
 *
 *  - By default, Xapian's defaults: each word indexed as written and as its stem
 *    (STEM_SOME), one commit at the end.
 *  - With --same-work, the terms and the write pattern of a byline-index full build:
 *    stems only (fields.h: term_generator_stemming), a commit every flush_articles
 *    articles (index_writer.h) into a scratch database without fsync, compacted into DB
 *    at the end. byline-index does more besides (title terms also prefixed, boolean
 *    filter terms, stored fields, spelling data) and runs on every core.
 *
 *  Usage: xapian-floor [--same-work] DB CORPUS_FOLDER (JSON Lines files with "title"
 *  and "body").
 */
#include <byline/fields.h>
#include <byline/index_writer.h>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> corpus_files(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == ".jsonl") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// Indexes every article of the files into db, committing every commit_every articles
/// (0: only at the end); returns the number of articles.
unsigned long index_articles(Xapian::WritableDatabase& db, const std::vector<fs::path>& files,
                             Xapian::TermGenerator& term_generator, std::size_t commit_every) {
    unsigned long articles = 0;
    for (const auto& file : files) {
        std::ifstream in(file);
        std::string line;
        while (std::getline(in, line)) {
            const auto object = nlohmann::json::parse(line);
            Xapian::Document doc;
            term_generator.set_document(doc);
            term_generator.index_text(object.value("title", ""));
            term_generator.increase_termpos();
            term_generator.index_text(object.value("body", ""));
            db.add_document(doc);
            ++articles;
            if (commit_every != 0 && articles % commit_every == 0) {
                db.commit();
            }
        }
    }
    db.commit();
    return articles;
}

}  // namespace

int main(int argc, char** argv) {
    const bool same_work = argc == 4 && std::string_view(argv[1]) == "--same-work";
    if (argc != 3 && !same_work) {
        std::cerr << "usage: xapian-floor [--same-work] DB CORPUS_FOLDER\n";
        return 2;
    }
    const fs::path db_path = argv[argc - 2];
    const fs::path corpus = argv[argc - 1];
    try {
        const auto files = corpus_files(corpus);
        Xapian::TermGenerator term_generator;
        term_generator.set_stemmer(Xapian::Stem("english"));
        unsigned long articles = 0;
        if (same_work) {
            term_generator.set_stemming_strategy(byline::term_generator_stemming);
            const fs::path scratch = db_path.string() + ".scratch";
            {
                Xapian::WritableDatabase db(scratch.string(),
                                            Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
                articles = index_articles(db, files, term_generator,
                                          byline::IndexOptions{}.flush_articles);
            }
            Xapian::Database(scratch.string()).compact(db_path.string());
            fs::remove_all(scratch);
        } else {
            Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
            articles = index_articles(db, files, term_generator, 0);
        }
        std::cerr << "xapian-floor: " << articles << " articles\n";
        return 0;
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian-floor: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "xapian-floor: " << e.what() << "\n";
    }
    return 2;
}
