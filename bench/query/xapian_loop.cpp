/** @file
 *  @brief The in-process baseline for byline-search's batch mode: a plain Xapian loop.
 *
 *  Opens the index once, then for each line of a queries file (ID<TAB>QUERY) parses the
 *  query as byline-search does (English stemming, AND, the field prefixes), asks
 *  Enquire for the top 10 and writes each hit's document data to standard output.
 *  It is what a program using Xapian directly would do. With --snippets it also takes
 *  the body out of the document data (Byline's own record, <byline/document_data.h>) and writes a
 * snippet of it made as byline-search makes one (MSet::snippet, 200 bytes, no background model, not
 * exhaustive).
 *
 *  Usage: xapian_loop [--snippets] DB QUERIES_FILE
 */
#include <byline/document_data.h>

#include <xapian.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    const bool snippets = argc == 4 && std::string(argv[1]) == "--snippets";
    if (argc != 3 && !snippets) {
        std::cerr << "usage: xapian_loop [--snippets] DB QUERIES_FILE\n";
        return 2;
    }
    const char* db_path = argv[argc - 2];
    const char* queries_path = argv[argc - 1];
    try {
        const Xapian::Database db(db_path);
        const Xapian::Stem stemmer("english");
        Xapian::QueryParser parser;
        parser.set_stemmer(Xapian::Stem("english"));
        // Byline indexes stems only (fields.h: query_parser_stemming).
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
        parser.set_database(db);
        parser.set_default_op(Xapian::Query::OP_AND);
        parser.add_prefix("title", "S");
        parser.add_prefix("author", "A");
        parser.add_boolean_prefix("source", "XSOURCE");
        parser.add_boolean_prefix("tag", "K");
        std::ifstream queries(queries_path);
        unsigned long hits = 0;
        for (std::string line; std::getline(queries, line);) {
            const auto tab = line.find('\t');
            const auto text = tab == std::string::npos ? line : line.substr(tab + 1);
            Xapian::Enquire enquire(db);
            enquire.set_query(parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT |
                                                           Xapian::QueryParser::FLAG_WILDCARD |
                                                           Xapian::QueryParser::FLAG_PURE_NOT));
            const auto mset = enquire.get_mset(0, 10);
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                const auto data = it.get_document().get_data();
                if (snippets) {
                    const auto body = byline::decode_document_data(data).body;
                    const auto snippet = mset.snippet(body, 200, stemmer, 0);
                    std::fwrite(snippet.data(), 1, snippet.size(), stdout);
                } else {
                    std::fwrite(data.data(), 1, data.size(), stdout);
                }
                std::fputc('\n', stdout);
                ++hits;
            }
            std::fflush(stdout);
        }
        std::cerr << "xapian_loop: " << hits << " hits\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian_loop: " << e.get_description() << '\n';
        return 2;
    }
    return 0;
}
