/** @file
 *  @brief Batch mode's engine: query lines answered in input order, several at once.
 */
#ifndef BYLINE_INCLUDED_BATCH_MODE_H
#define BYLINE_INCLUDED_BATCH_MODE_H

#include <cstddef>
#include <functional>
#include <istream>
#include <ostream>
#include <string>

namespace byline {

/// One query line's answer: the text for standard output, notes for standard error.
struct LineAnswer {
    std::string out;
    std::string err;
    bool hits = false;
};

/// Answers one line (numbered from 1). Each answering thread has its own, because a
/// Xapian database handle serves one thread.
using LineAnswerer = std::function<LineAnswer(std::size_t line_number, std::string line)>;

/// Answers each line of `lines`, writing the answers to `out` and `err` in input order
/// and flushing each as soon as it and those before it are written. With `jobs` > 1,
/// up to `jobs` lines are answered at once, each thread with its answerer from
/// `make_answerer`, and at most 4 × `jobs` lines are read ahead of the answers
/// written, however long one of them takes. Only for input that never waits on a
/// writer (a file, a string): the reading thread also writes the answers. Returns
/// whether any line had hits; an error answering a line is thrown after the answers
/// before it are written.
bool answer_lines(std::istream& lines, std::size_t jobs,
                  const std::function<LineAnswerer()>& make_answerer, std::ostream& out,
                  std::ostream& err);

}  // namespace byline

#endif
