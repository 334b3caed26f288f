/** @file
 *  @brief The synonym table: shipped tech-news equivalents and users' own files.
 */
#include <byline/synonyms.h>

#include <byline/error.h>

#include "text.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace byline {

namespace {

/// Each line: one group of equivalents. Both directions are written, so "AI safety"
/// finds "artificial intelligence safety" and the other way round; plural forms are
/// listed where a phrase would otherwise miss them (synonym keys are not stemmed).
constexpr std::string_view builtin_table = R"(
ai, artificial intelligence
agi, artificial general intelligence
asi, artificial superintelligence
llm, large language model
llms, large language models
ml, machine learning
nlp, natural language processing
gpu, graphics processing unit
gpus, graphics processing units
cpu, central processing unit
tpu, tensor processing unit
eu, european union
uk, united kingdom, britain
ceo, chief executive, chief executive officer
cto, chief technology officer
ftc, federal trade commission
doj, department of justice
ev, electric vehicle
evs, electric vehicles
vr, virtual reality
iot, internet of things
rl, reinforcement learning
rlhf, reinforcement learning from human feedback
os, operating system
ssd, solid state drive
api, application programming interface
ipo, initial public offering
vc, venture capital
tsmc, taiwan semiconductor
hbm, high bandwidth memory
chipmaker, chip maker, semiconductor company
)";

std::vector<SynonymGroup> parse_groups(std::string_view text, const std::string& origin) {
    std::vector<SynonymGroup> groups;
    std::size_t line_number = 0;
    std::size_t begin = 0;
    while (begin < text.size()) {
        auto end = text.find('\n', begin);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const auto line = trim(text.substr(begin, end - begin));
        begin = end + 1;
        ++line_number;
        if (line.empty() || line.front() == '#') {
            continue;
        }
        SynonymGroup group;
        for (auto& member : split_list(line, ',')) {
            group.push_back(to_lower(collapse_space(member)));
        }
        if (group.size() < 2) {
            throw Error(
                fmt::format("{}:{}: a synonym line needs two or more entries separated "
                            "by commas",
                            origin, line_number));
        }
        groups.push_back(std::move(group));
    }
    return groups;
}

}  // namespace

std::vector<SynonymGroup> builtin_synonyms() {
    return parse_groups(builtin_table, "built-in");
}

std::vector<SynonymGroup> read_synonym_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(fmt::format("{}: cannot read synonym file", path.string()));
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parse_groups(to_utf8(text), path.string());
}

void add_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups) {
    for (const auto& group : groups) {
        for (const auto& key : group) {
            for (const auto& other : group) {
                // A hyphen joins words in the index ("open-source" is "open" "source"
                // there): as a synonym it must be the phrase of its parts.
                std::string term = other;
                std::replace(term.begin(), term.end(), '-', ' ');
                if (other != key && term != key) {
                    db.add_synonym(key, term);
                }
            }
        }
    }
}

}  // namespace byline
