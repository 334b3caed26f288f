/** @file
 *  @brief byline-search's modes, one function each, and what they share: where
 * to search, which synonyms, how to print, and the notes for standard error.
 */
#ifndef BYLINE_INCLUDED_SEARCH_MODES_H
#define BYLINE_INCLUDED_SEARCH_MODES_H

#include "hit_output.h"
#include "search_options.h"

#include <byline/searcher.h>

#include <istream>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace byline {

/// QUERY: one query's answer (or, with --count, its number of matches).
int run_query_mode(const Options& options, std::ostream& out, std::ostream& err);
/// --queries FILE: each line a query, answered in order.
int run_batch_mode(const Options& options, std::istream& in, std::ostream& out, std::ostream& err);
/// --eval TOPICS QRELS: the IR measures over a topic set.
int run_eval_mode(const Options& options, std::ostream& out, std::ostream& err);
/// --show ID: one stored article in full.
int run_show_mode(const Options& options, std::ostream& out, std::ostream& err);
/// --stories QUERY: the stories of the query's matches, largest first.
int run_stories_mode(const Options& options, std::ostream& out, std::ostream& err);
/// --like ID: the articles related to one.
int run_like_mode(const Options& options, std::ostream& out, std::ostream& err);
/// --info: facts about the index.
int run_info_mode(const Options& options, std::ostream& out, std::ostream& err);
/// --timeline [PERIOD] QUERY: the matches counted per period.
int run_timeline_mode(const Options& options, std::ostream& out, std::ostream& err);
/// --save NAME QUERY: store a search.
int run_save_mode(const Options& options, std::ostream& out, std::ostream& err);
/// --saved: list the stored searches.
int run_saved_list_mode(const Options& options, std::ostream& out, std::ostream& err);
/// --serve [HOST:]PORT: answer searches over HTTP until SIGTERM or SIGINT. `args` are the
/// command's arguments: byline-search runs byline-search-serve with them
/// (serve_launcher.cpp), which serves (mode_serve.cpp).
int run_serve_mode(const std::vector<std::string>& args, const Options& options, std::ostream& err);
/// --new NAME: a stored search's articles that entered the index since it last ran.
int run_new_mode(const Options& options, std::ostream& out, std::ostream& err);

/// The databases to search: the --db arguments, else the default index.
[[nodiscard]] IndexSources sources_for(const Options& options);

/// The synonym groups of --synonyms FILE, used besides those in the index.
[[nodiscard]] std::vector<SynonymGroup> synonyms_for(const Options& options);

/// With --partial, names on stderr each shard left out, once: at the start, or
/// when it is lost during a run. Shared by batch mode's threads.
class MissingShardReport {
  public:
    void report(std::ostream& err, const std::vector<MissingShard>& missing);

  private:
    std::mutex mutex_;
    std::set<std::string> named_;
};

/// What a mode asks the searcher and how it prints the answers.
struct Plan {
    SearchRequest request;
    AnswerPrinter printer;
};

/// The request `options` give, with their page (offset and limit).
[[nodiscard]] SearchRequest paged_request(const Options& options);

/// The request and printer for `options`; in batch mode the format defaults to
/// json.
[[nodiscard]] Plan plan(const Options& options, const std::ostream& out, bool batch);

/// `request` as --count asks it: the number of matching articles alone, counted
/// exactly, every copy included.
[[nodiscard]] SearchRequest counting(SearchRequest request);

/// The note on standard error when the query's syntax had to be ignored.
void report_syntax(std::ostream& err, const Answer& answer);
void report_syntax(std::ostream& err, const std::string& query,
                   const std::optional<std::string>& syntax_note);

}  // namespace byline

#endif
