// scenarios/schema.json, the JSON Schema editors use to complete and check scenario files, must
// accept exactly the keys the loader accepts. Each section of the known-keys table is a definition
// of the schema with the same name, keys, required keys and allowed words.

#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "scenario/scenario_test_support.hpp"
#include "sim/scenario/known_keys.hpp"
#include "sim/scenario/limits.hpp"

namespace sc = c2msim::scenario;
using nlohmann::json;

namespace {

json load_schema() {
  return json::parse(c2msim::test::read_text(c2msim::test::source_dir() / "scenarios/schema.json"));
}

std::set<std::string> table_keys(const sc::KeySection& s, bool required_only) {
  std::set<std::string> out;
  for (const sc::KnownKey& k : s.keys) {
    if (!required_only || k.required) out.emplace(k.name);
  }
  return out;
}

std::set<std::string> schema_keys(const json& def) {
  std::set<std::string> out;
  for (const auto& [name, value] : def.at("properties").items()) out.insert(name);
  return out;
}

std::set<std::string> schema_required(const json& def) {
  std::set<std::string> out;
  if (def.contains("required")) {
    for (const auto& r : def.at("required")) out.insert(r.get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("the known-keys table is indexed by its section ids", "[scenario][schema]") {
  for (const sc::KeySection& s : sc::all_sections()) CHECK(&sc::section(s.id) == &s);
}

TEST_CASE("schema.json defines each section of the known-keys table with the same keys",
          "[scenario][schema]") {
  const json schema = load_schema();
  const json& defs = schema.at("$defs");
  CHECK(schema.at("allOf").at(0).at("$ref") == "#/$defs/scenario");
  for (const sc::KeySection& s : sc::all_sections()) {
    const std::string name(s.name);
    INFO("section " << name);
    REQUIRE(defs.contains(name));
    const json& def = defs.at(name);
    CHECK(def.at("additionalProperties") == false);
    CHECK(schema_keys(def) == table_keys(s, false));
    CHECK(schema_required(def) == table_keys(s, true));
    if (s.one_of) {
      CHECK(def.at("minProperties") == 1);
      CHECK(def.at("maxProperties") == 1);
    }
    for (const sc::KnownKey& k : s.keys) {
      if (k.words.empty()) continue;
      INFO("key " << k.name);
      const json& property = def.at("properties").at(std::string(k.name));
      std::set<std::string> table_words;
      for (std::string_view w : k.words) table_words.emplace(w);
      if (property.contains("const")) {
        // A node kind's own definition fixes its kind.
        CHECK(table_words.count(property.at("const").get<std::string>()) == 1);
      } else {
        std::set<std::string> schema_words;
        for (const auto& w : property.at("enum")) schema_words.insert(w.get<std::string>());
        CHECK(schema_words == table_words);
      }
    }
  }
}

TEST_CASE("schema.json has no closed definition the loader does not know", "[scenario][schema]") {
  const json schema = load_schema();
  std::set<std::string> sections;
  for (const sc::KeySection& s : sc::all_sections()) sections.emplace(s.name);
  for (const auto& [name, def] : schema.at("$defs").items()) {
    if (def.contains("additionalProperties") && def.at("additionalProperties") == false) {
      INFO("definition " << name);
      CHECK(sections.count(name) == 1);
    }
  }
}

TEST_CASE("every $ref of schema.json names a definition", "[scenario][schema]") {
  const json schema = load_schema();
  const json& defs = schema.at("$defs");
  int refs = 0;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      for (const auto& [key, value] : j.items()) {
        if (key == "$ref") {
          const std::string ref = value.get<std::string>();
          INFO(ref);
          REQUIRE(ref.rfind("#/$defs/", 0) == 0);
          CHECK(defs.contains(ref.substr(8)));
          ++refs;
        } else {
          walk(value);
        }
      }
    } else if (j.is_array()) {
      for (const auto& item : j) walk(item);
    }
  };
  walk(schema);
  CHECK(refs > 50);
}

TEST_CASE("an extending arm's node entry may use any node key", "[scenario][schema]") {
  std::set<std::string> all;
  for (sc::Section kind : {sc::Section::kFactoryNode, sc::Section::kWarehouseNode,
                           sc::Section::kRetailerNode, sc::Section::kPlatformNode}) {
    const auto keys = table_keys(sc::section(kind), false);
    all.insert(keys.begin(), keys.end());
  }
  CHECK(table_keys(sc::section(sc::Section::kNodeOverride), false) == all);
  CHECK(table_keys(sc::section(sc::Section::kNodeOverride), true) == std::set<std::string>{"id"});
}

TEST_CASE("schema.json gives every number of the format an upper bound", "[scenario][schema]") {
  const json schema = load_schema();
  int numbers = 0;
  std::function<void(const json&, const std::string&)> walk = [&](const json& j,
                                                                  const std::string& where) {
    if (j.is_object()) {
      // A sweep range's ends are checked where their values go, against that key's bounds.
      const bool range_end = where.ends_with("/sweep/additionalProperties/oneOf/properties/from") ||
                             where.ends_with("/sweep/additionalProperties/oneOf/properties/to");
      if (!range_end && j.contains("type") &&
          (j.at("type") == "number" || j.at("type") == "integer")) {
        INFO(where);
        CHECK(j.contains("maximum"));
        ++numbers;
      }
      for (const auto& [key, value] : j.items()) walk(value, where + "/" + key);
    } else if (j.is_array()) {
      for (const auto& item : j) walk(item, where);
    }
  };
  walk(schema, "");
  CHECK(numbers > 60);
}

TEST_CASE("schema.json's bounds are the loader's", "[scenario][schema]") {
  namespace limits = c2msim::scenario::limits;
  const json defs = load_schema().at("$defs");
  const auto maximum = [&](const char* def, const char* key) {
    return defs.at(def).at("properties").at(key).at("maximum").get<double>();
  };
  CHECK(maximum("scenario", "horizon_days") == limits::kMaxDays);
  CHECK(maximum("scenario", "replications") == limits::kMaxReplications);
  CHECK(maximum("product", "variants") == limits::kMaxVariants);
  CHECK(maximum("product", "unit_cost") == limits::kMaxMoney);
  CHECK(maximum("demand", "arrivals_per_day") == limits::kMaxArrivalsPerDay);
  CHECK(maximum("demand", "price_elasticity") == limits::kMaxPriceElasticity);
  CHECK(maximum("event", "multiplier") == limits::kMaxMultiplier);
  CHECK(maximum("production", "lines") == limits::kMaxLines);
  CHECK(maximum("production", "capacity_per_day") == limits::kMaxCapacityPerDay);
  CHECK(maximum("stock", "case_pack") == limits::kMaxCasePack);
  CHECK(maximum("moving_average_forecast", "window_days") == limits::kMaxWindowDays);
  CHECK(maximum("lane", "information_delay_days") == limits::kMaxDays);
  CHECK(defs.at("markup").at("maximum").get<double>() == limits::kMaxMarkup);
  CHECK(defs.at("s_S_policy").at("properties").at("review_period_days").at("minimum") ==
        limits::kMinPeriodDays);
}
