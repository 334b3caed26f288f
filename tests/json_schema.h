/** @file
 *  @brief A JSON Schema validator for the subset docs/output-format.schema.json uses.
 *
 *  Keywords: type, const, enum, minimum, properties, required, additionalProperties
 *  (false, or a schema), items, $ref (local JSON pointers), $defs and annotations. A schema using
 * any other keyword is reported as an error, so the subset cannot be outgrown silently.
 */
#ifndef BYLINE_INCLUDED_TEST_JSON_SCHEMA_H
#define BYLINE_INCLUDED_TEST_JSON_SCHEMA_H

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace byline::test {

/// What is wrong with `value` against the schema at `pointer` (a JSON pointer such as
/// "/$defs/hit") in `root`; empty when it is valid. Each entry names the place in
/// `value` ("/hits/0/rank: ...").
[[nodiscard]] std::vector<std::string> schema_errors(const nlohmann::json& root,
                                                     const std::string& pointer,
                                                     const nlohmann::json& value);

/// docs/output-format.schema.json, read once.
[[nodiscard]] const nlohmann::json& output_format_schema();

}  // namespace byline::test

#endif
