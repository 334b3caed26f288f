/** @file
 *  @brief byline-index: builds or updates a Byline index from news archives.
 */
#include "index_command.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return byline::run_index_command(args, std::cout, std::cerr);
}
