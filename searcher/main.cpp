/** @file
 *  @brief byline-search: ranked queries against a Byline index.
 */
#include "search_command.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return byline::run_search_command(args, std::cout, std::cerr);
}
