/** @file
 *  @brief byline-search --timeline [PERIOD] QUERY: the matches counted per period.
 */
#include "modes.h"

#include "search_command.h"
#include "terminal.h"
#include "timeline_printer.h"

#include <byline/timeline.h>

namespace byline {

int run_timeline_mode(const Options& options, std::ostream& out, std::ostream& err) {
    if (options.format == OutputFormat::ids) {
        throw cli::UsageError("--timeline prints --format text, json, jsonl or tsv");
    }
    Searcher searcher(sources_for(options), synonyms_for(options));
    MissingShardReport missing;
    missing.report(err, searcher.missing_shards());
    TimelineRequest request{options.request, options.timeline_period};
    request.search.query = options.query;
    const auto timeline = make_timeline(searcher, request);
    missing.report(err, timeline.missing_shards);
    report_syntax(err, options.query, timeline.syntax_note);
    TextLayout layout;
    layout.width = text_width(options.width, out);
    print_timeline(out, options.query, timeline, options.format, layout);
    out.flush();
    return timeline.matches == 0 ? search_no_hits : search_hits;
}

}  // namespace byline
