/** @file
 *  @brief byline-search --info: facts about the index.
 */
#include "modes.h"

#include "cli_kit.h"
#include "search_command.h"

#include <byline/index_info.h>

namespace byline {

int run_info_mode(const Options& options, std::ostream& out, std::ostream& err) {
    if (options.format != OutputFormat::text && options.format != OutputFormat::json) {
        throw cli::UsageError("--info prints --format text or json");
    }
    const auto sources = sources_for(options);
    const Searcher searcher(sources);
    MissingShardReport().report(err, searcher.missing_shards());
    const auto info = read_index_info(sources.databases.front(), searcher.database());
    if (options.format == OutputFormat::json) {
        out << json_line(info_json(info)) << '\n';
    } else {
        print_info_text(out, info);
    }
    out.flush();
    return search_hits;
}

}  // namespace byline
