/** @file
 *  @brief Parsing JSON no deeper than max_nesting_depth.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_INGEST_BOUNDED_JSON_H
#define BYLINE_INCLUDED_INGEST_BOUNDED_JSON_H

#include <byline/ingest.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace byline {

/// nlohmann's own DOM builder, stopped at max_nesting_depth: nlohmann has no depth
/// limit, and copying or printing a value recurses once per level.
class BoundedJsonBuilder : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
  public:
    explicit BoundedJsonBuilder(nlohmann::json& result) : json_sax_dom_parser(result, true) {}

    bool start_object(std::size_t elements) {
        return deeper() && json_sax_dom_parser::start_object(elements);
    }
    bool end_object() {
        --depth_;
        return json_sax_dom_parser::end_object();
    }
    bool start_array(std::size_t elements) {
        return deeper() && json_sax_dom_parser::start_array(elements);
    }
    bool end_array() {
        --depth_;
        return json_sax_dom_parser::end_array();
    }

  private:
    bool deeper() { return ++depth_ <= max_nesting_depth; }

    int depth_ = 0;
};

/// The JSON value in `text`, or nothing when it nests deeper than max_nesting_depth.
/// Throws nlohmann::json::exception when the text is no JSON.
inline std::optional<nlohmann::json> parse_bounded_json(std::string_view text) {
    nlohmann::json result;
    BoundedJsonBuilder builder(result);
    if (!nlohmann::json::sax_parse(text, &builder)) {
        return std::nullopt;
    }
    return result;
}

}  // namespace byline

#endif
