/** @file
 *  @brief The baseline Byline's relevance is measured against: plain Xapian BM25.
 *
 *  Indexes a docs.jsonl (title and body) with a default TermGenerator into an
 *  in-memory database, parses each topic with a default QueryParser (no stemmer,
 *  default operator OR), ranks with Xapian's default BM25 and prints the same table
 *  as `byline-search --eval`. Topics are lower-cased as byline-search --eval does, so
 *  both read the same words.
 *
 *  Usage: xapian-bm25-baseline DOCS.jsonl TOPICS QRELS
 */
#include <byline/evaluation.h>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <xapian.h>

#include <cctype>
#include <fstream>
#include <iostream>

namespace {

std::string text_field(const nlohmann::json& record, const char* key) {
    const auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Xapian::Database index_documents(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error(path + ": cannot read");
    }
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator generator;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) {
            continue;
        }
        const auto record = nlohmann::json::parse(line);
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(text_field(record, "title"));
        generator.increase_termpos();
        generator.index_text(text_field(record, "body"));
        const auto& id = record.at("id");
        doc.set_data(id.is_string() ? id.get<std::string>() : id.dump());
        db.add_document(doc);
    }
    return db;
}

std::string to_lower_ascii(std::string text) {
    for (auto& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: xapian-bm25-baseline DOCS.jsonl TOPICS QRELS\n";
        return 2;
    }
    try {
        const auto db = index_documents(argv[1]);
        const auto topics = byline::read_topics(argv[2]);
        const auto qrels = byline::read_qrels(argv[3]);
        Xapian::QueryParser parser;
        parser.set_database(db);
        const auto report = byline::evaluate(topics, qrels, [&](const std::string& text) {
            const auto lowered = to_lower_ascii(text);
            Xapian::Query query;
            try {
                query = parser.parse_query(lowered);
            } catch (const Xapian::QueryParserError&) {
                query = parser.parse_query(lowered, 0);
            }
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            std::vector<std::string> ranking;
            for (const auto& doc_id : enquire.get_mset(0, 1000)) {
                ranking.push_back(db.get_document(doc_id).get_data());
            }
            return ranking;
        });
        fmt::print(std::cout, "# xapian-bm25-baseline {} {} {}\n", argv[1], argv[2], argv[3]);
        byline::print_evaluation(std::cout, report);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "xapian-bm25-baseline: " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian-bm25-baseline: " << e.get_description() << '\n';
    }
    return 2;
}
