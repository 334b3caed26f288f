/** @file
 *  @brief The raw-Xapian floor the benchmark compares byline-index with: one thread,
 *  TermGenerator with the English stemmer and positions over title and body,
 *  add_document, one commit at the end. Nothing stored, no incremental state.
 *
 *  Usage: xapian-floor DB CORPUS_FOLDER (JSON Lines files with "title" and "body").
 */
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: xapian-floor DB CORPUS_FOLDER\n";
        return 2;
    }
    try {
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[2])) {
            if (entry.is_regular_file() && entry.path().extension() == ".jsonl") {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
        Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator term_generator;
        term_generator.set_stemmer(Xapian::Stem("english"));
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
            }
        }
        db.commit();
        std::cerr << "xapian-floor: " << articles << " articles\n";
        return 0;
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian-floor: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "xapian-floor: " << e.what() << "\n";
    }
    return 2;
}
