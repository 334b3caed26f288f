/** @file
 *  @brief The in-process baseline for byline-search's batch mode: a plain Xapian loop.
 *
 *  Opens the index once, then for each line of a queries file (ID<TAB>QUERY) parses the
 *  query as byline-search does (English stemming, AND, the field prefixes), asks
 *  Enquire for the top 10 and writes each hit's document data to standard output.
 *  It is what a program using Xapian directly would do, with no snippets and no JSON.
 *
 *  Usage: xapian_loop DB QUERIES_FILE
 */
#include <xapian.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: xapian_loop DB QUERIES_FILE\n";
        return 2;
    }
    try {
        const Xapian::Database db(argv[1]);
        Xapian::QueryParser parser;
        parser.set_stemmer(Xapian::Stem("english"));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser.set_database(db);
        parser.set_default_op(Xapian::Query::OP_AND);
        parser.add_prefix("title", "S");
        parser.add_prefix("author", "A");
        parser.add_boolean_prefix("source", "XSOURCE");
        parser.add_boolean_prefix("tag", "K");
        std::ifstream queries(argv[2]);
        unsigned long hits = 0;
        for (std::string line; std::getline(queries, line);) {
            const auto tab = line.find('\t');
            const auto text = tab == std::string::npos ? line : line.substr(tab + 1);
            Xapian::Enquire enquire(db);
            enquire.set_query(parser.parse_query(
                text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                          Xapian::QueryParser::FLAG_PURE_NOT));
            const auto mset = enquire.get_mset(0, 10);
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                const auto data = it.get_document().get_data();
                std::fwrite(data.data(), 1, data.size(), stdout);
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
