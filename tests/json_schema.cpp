/** @file
 *  @brief A JSON Schema validator for the subset docs/output-format.schema.json uses.
 */
#include "json_schema.h"

#include <fmt/format.h>

#include <fstream>
#include <set>

namespace byline::test {

namespace {

using nlohmann::json;

bool has_type(const json& value, const std::string& type) {
    if (type == "object") {
        return value.is_object();
    }
    if (type == "array") {
        return value.is_array();
    }
    if (type == "string") {
        return value.is_string();
    }
    if (type == "integer") {
        return value.is_number_integer();
    }
    if (type == "number") {
        return value.is_number();
    }
    if (type == "boolean") {
        return value.is_boolean();
    }
    return type == "null" && value.is_null();
}

class Validator {
  public:
    explicit Validator(const json& root) : root_(root) {}

    void check(const json& schema, const json& value, const std::string& where) {
        static const std::set<std::string> known = {"$schema",
                                                    "$id",
                                                    "title",
                                                    "description",
                                                    "$defs",
                                                    "$ref",
                                                    "type",
                                                    "const",
                                                    "enum",
                                                    "minimum",
                                                    "required",
                                                    "properties",
                                                    "additionalProperties",
                                                    "items"};
        for (const auto& [keyword, ignored] : schema.items()) {
            if (known.count(keyword) == 0) {
                fail(where, fmt::format("schema uses unsupported keyword {}", keyword));
            }
        }
        if (const auto ref = schema.find("$ref"); ref != schema.end()) {
            const auto target = ref->get<std::string>();
            if (!target.starts_with("#")) {
                fail(where, fmt::format("schema $ref {} is not local", target));
                return;
            }
            check(root_.at(json::json_pointer(target.substr(1))), value, where);
        }
        if (const auto type = schema.find("type"); type != schema.end()) {
            bool matches = false;
            for (const auto& name : type->is_array() ? *type : json::array({*type})) {
                matches = matches || has_type(value, name.get<std::string>());
            }
            if (!matches) {
                fail(where, fmt::format("{} is not of type {}", value.dump(), type->dump()));
                return;
            }
        }
        if (const auto constant = schema.find("const");
            constant != schema.end() && *constant != value) {
            fail(where, fmt::format("{} is not {}", value.dump(), constant->dump()));
        }
        if (const auto choices = schema.find("enum"); choices != schema.end()) {
            if (std::find(choices->begin(), choices->end(), value) == choices->end()) {
                fail(where, fmt::format("{} is not one of {}", value.dump(), choices->dump()));
            }
        }
        if (const auto minimum = schema.find("minimum");
            minimum != schema.end() && value.is_number() &&
            value.get<double>() < minimum->get<double>()) {
            fail(where, fmt::format("{} is below {}", value.dump(), minimum->dump()));
        }
        if (value.is_object()) {
            check_object(schema, value, where);
        }
        if (const auto items = schema.find("items"); items != schema.end() && value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                check(*items, value[i], fmt::format("{}/{}", where, i));
            }
        }
    }

    std::vector<std::string> errors;

  private:
    void check_object(const json& schema, const json& value, const std::string& where) {
        for (const auto& name : schema.value("required", json::array())) {
            if (!value.contains(name.get<std::string>())) {
                fail(where, fmt::format("required field {} is missing", name.dump()));
            }
        }
        const auto properties = schema.value("properties", json::object());
        // additionalProperties: false refuses other fields; a schema checks each of them.
        const auto others = schema.value("additionalProperties", json(true));
        for (const auto& [name, field] : value.items()) {
            const auto property = properties.find(name);
            if (property != properties.end()) {
                check(*property, field, fmt::format("{}/{}", where, name));
            } else if (others == false) {
                fail(where, fmt::format("field {} is not in the schema", name));
            } else if (others.is_object()) {
                check(others, field, fmt::format("{}/{}", where, name));
            }
        }
    }

    void fail(const std::string& where, const std::string& what) {
        errors.push_back(fmt::format("{}: {}", where.empty() ? "/" : where, what));
    }

    const json& root_;
};

}  // namespace

std::vector<std::string> schema_errors(const json& root, const std::string& pointer,
                                       const json& value) {
    Validator validator(root);
    validator.check(root.at(json::json_pointer(pointer)), value, "");
    return validator.errors;
}

const json& output_format_schema() {
    static const json loaded = [] {
        std::ifstream file(std::string(BYLINE_SOURCE_DIR) + "/docs/output-format.schema.json");
        return json::parse(file);
    }();
    return loaded;
}

}  // namespace byline::test
