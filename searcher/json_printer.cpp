/** @file
 *  @brief The JSON printers (json, jsonl): every machine format is built from
 * the same values (hit_json, answer_json), so a field added reaches them all.
 */
#include "hit_output.h"

namespace byline {

namespace {

using json = nlohmann::ordered_json;

json date_json(const std::optional<Date>& date) {
    return date ? json(date->iso()) : json();
}

json facet_json(const Facet& facet) {
    json counts = json::array();
    for (const auto& [value, count] : facet.counts) {
        counts.push_back({{"value", value}, {"count", count}});
    }
    return {{"estimated", facet.estimated}, {"counts", std::move(counts)}};
}

}  // namespace

void add_article_fields(json& object, const Article& article) {
    object["id"] = article.id;
    object["title"] = article.title;
    object["url"] = article.url;
    object["source"] = article.source;
    object["author"] = join(article.authors, "; ");
    object["authors"] = article.authors;
    object["date"] = date_json(article.date);
    object["tags"] = article.tags;
    object["origin"] = article.origin.path;
}

json article_ref_json(const ArticleRef& article) {
    return {{"id", article.id},
            {"title", article.title},
            {"source", article.source},
            {"date", date_json(article.date)},
            {"url", article.url}};
}

json article_json(const Article& article) {
    json object = {{"format_version", json_format_version}};
    add_article_fields(object, article);
    object["story"] = article.story.empty() ? json() : json(article.story);
    object["body"] = article.body;
    return object;
}

json story_json(const StorySummary& story, json object) {
    object["story"] = story.story;
    object["articles"] = story.members.size();
    object["sources"] = story.sources;
    object["first"] = date_json(story.first);
    object["last"] = date_json(story.last);
    object["title"] = story.title;
    auto& members = object["members"] = json::array();
    for (const auto& member : story.members) {
        members.push_back(article_ref_json(member));
    }
    return object;
}

json stories_json(const std::string& query, Xapian::doccount offset,
                  const StoriesResponse& response) {
    json document = {{"format_version", json_format_version}};
    document["query"] = query;
    document["total_stories"] = response.total_stories;
    document["offset"] = offset;
    auto& stories = document["stories"] = json::array();
    for (const auto& story : response.stories) {
        stories.push_back(story_json(story, json::object()));
    }
    if (!response.missing_shards.empty()) {
        document["missing_shards"] = missing_shards_json(response.missing_shards);
    }
    return document;
}

json hit_json(const Hit& hit, json object) {
    // Fields are added one by one: building a second object to merge would copy
    // them.
    const auto& a = hit.article;
    object["rank"] = hit.rank;
    add_article_fields(object, a);
    object["score"] = hit.score;
    object["snippet"] = hit.snippet.text;
    auto& highlights = object["highlights"] = json::array();
    for (const auto& [begin, end] : hit.snippet.highlights) {
        highlights.push_back({begin, end});
    }
    object["story"] = a.story.empty() ? json() : json(a.story);
    object["story_articles"] = hit.story_articles;
    object["sources"] = hit.sources;
    object["copies"] = hit.copies;
    auto& copies = object["copy_articles"] = json::array();
    for (const auto& copy : hit.copy_articles) {
        copies.push_back(article_ref_json(copy));
    }
    object["missing"] = hit.missing_words;
    if (hit.relation != Relation::match) {
        object["relation"] = hit.relation == Relation::same_story ? "same_story" : "related";
    }
    if (!hit.explanation.empty()) {
        auto& parts = object["explain"] = json::array();
        for (const auto& part : hit.explanation) {
            parts.push_back({{"term", part.description}, {"weight", part.weight}});
        }
    }
    return object;
}

json missing_shards_json(const std::vector<MissingShard>& missing) {
    json shards = json::array();
    for (const auto& shard : missing) {
        shards.push_back({{"shard", shard.shard}, {"reason", shard.reason}});
    }
    return shards;
}

json answer_json(const Answer& answer) {
    json hits = json::array();
    for (const auto& hit : answer.response.hits) {
        hits.push_back(hit_json(hit));
    }
    json document = {{"format_version", json_format_version}};
    if (!answer.query_id.empty()) {
        document["query_id"] = answer.query_id;
    }
    json facets = json::object();
    for (const auto& facet : answer.response.facets) {
        facets[std::string(cli::choice_name(facet_fields, facet.field))] = facet_json(facet);
    }
    const auto& corrected = answer.response.corrected_query;
    document["query"] = answer.query;
    document["corrected_query"] = corrected ? json(*corrected) : json();
    document["estimated_matches"] = answer.response.estimated_matches;
    document["exact_matches"] = answer.response.exact_matches;
    document["offset"] = answer.offset;
    document["hits"] = std::move(hits);
    document["facets"] = std::move(facets);
    if (!answer.response.missing_shards.empty()) {
        document["missing_shards"] = missing_shards_json(answer.response.missing_shards);
    }
    return document;
}

json info_json(const IndexInfo& info) {
    json sources = json::array();
    for (const auto& source : info.sources) {
        sources.push_back({{"name", source.name}, {"articles", source.articles}});
    }
    return {
        {"format_version", json_format_version},
        {"path", info.path.string()},
        {"articles", info.articles},
        {"first_date", date_json(info.first_date)},
        {"last_date", date_json(info.last_date)},
        {"sources", std::move(sources)},
        {"size_bytes", info.size_bytes},
        {"last_update", info.last_update ? json(iso_utc(*info.last_update)) : json()},
    };
}

std::string json_line(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json count_json(const Answer& answer) {
    json line{{"format_version", json_format_version},
              {"query", answer.query},
              {"count", answer.response.estimated_matches},
              {"exact", answer.response.exact_matches}};
    if (!answer.response.missing_shards.empty()) {
        line["missing_shards"] = missing_shards_json(answer.response.missing_shards);
    }
    return line;
}

void AnswerPrinter::print_jsonl(std::ostream& out, const Answer& answer) const {
    // What belongs to the whole answer comes first, one object a line, each
    // naming itself by its first key after format_version.
    const auto summary_line = [&](json fields) {
        json line = {{"format_version", json_format_version}};
        if (batch_) {
            line["query_id"] = answer.query_id;
        }
        line.update(fields);
        out << json_line(line) << '\n';
    };
    if (!answer.response.missing_shards.empty()) {
        summary_line({{"missing_shards", missing_shards_json(answer.response.missing_shards)}});
    }
    if (answer.response.corrected_query) {
        summary_line({{"corrected_query", *answer.response.corrected_query},
                      {"original_query", answer.query}});
    }
    for (const auto& facet : answer.response.facets) {
        auto fields = json{{"facet", cli::choice_name(facet_fields, facet.field)}};
        fields.update(facet_json(facet));
        summary_line(fields);
    }
    for (const auto& hit : answer.response.hits) {
        json line = {{"format_version", json_format_version}};
        if (batch_) {
            line["query_id"] = answer.query_id;
        }
        out << json_line(hit_json(hit, std::move(line))) << '\n';
    }
}

}  // namespace byline
