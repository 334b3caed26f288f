/** @file
 *  @brief Searching a Byline index from a C++ program, with the installed library.
 *
 *  Usage: search_example INDEX QUERY
 *  Prints the ten best hits, one per line: rank, id and title.
 */
#include <byline/error.h>
#include <byline/searcher.h>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: search_example INDEX QUERY\n";
        return 2;
    }
    try {
        byline::Searcher searcher(argv[1]);
        byline::SearchRequest request;
        request.query = argv[2];
        request.limit = 10;
        const byline::SearchResponse response = searcher.search(request);
        for (const byline::Hit& hit : response.hits) {
            std::cout << hit.rank << '\t' << hit.article.id << '\t' << hit.article.title << '\n';
        }
        return response.hits.empty() ? 1 : 0;
    } catch (const byline::Error& e) {
        std::cerr << "search_example: " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        std::cerr << "search_example: " << e.get_description() << '\n';
    }
    return 2;
}
