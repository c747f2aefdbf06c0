// scenarios/schema.json, the JSON Schema editors use to complete and check scenario files, and the
// key tables of scenarios/README.md are generated from the key catalogue (key_docs.hpp): the
// checked-in files must be exactly what it gives, and the schema must accept exactly the keys, the
// ranges and the words the loader accepts.

#include <fmt/core.h>

#include <catch2/catch.hpp>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "scenario/scenario_test_support.hpp"
#include "sim/scenario/bounds.hpp"
#include "sim/scenario/key_catalogue.hpp"
#include "sim/scenario/key_docs.hpp"
#include "sim/scenario/limits.hpp"

namespace sc = c2msim::scenario;
using nlohmann::json;

namespace {

json load_schema() {
  return json::parse(c2msim::test::read_text(c2msim::test::source_dir() / "scenarios/schema.json"));
}

std::set<std::string> table_keys(const sc::KeySection& s, bool required_only) {
  std::set<std::string> out;
  for (const sc::KeyInfo& k : s.keys) {
    if (!required_only || k.required()) out.emplace(k.name);
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
    for (const sc::KeyInfo& k : s.keys) {
      if (k.type != sc::ValueType::kWord) continue;
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
      // The override form of a section, for the entries of an arm with `extends`.
      const std::string section =
          name.ends_with("_override") ? name.substr(0, name.size() - 9) : name;
      CHECK((sections.count(name) == 1 || sections.count(section) == 1));
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
  const json& review = defs.at("s_S_policy").at("properties").at("review_period_days");
  CHECK(review.at("minimum") == 1);
  CHECK(review.at("type") == "integer");
}

namespace {

constexpr const char* kRegenerate = "run scripts/generate-docs.sh after changing key_catalogue.cpp";

// A definition's property, through a `$ref` to a shared definition.
const json& property(const json& defs, const json& def, std::string_view key) {
  const json& p = def.at("properties").at(std::string(key));
  if (p.contains("$ref") && !p.contains("type")) {
    const std::string ref = p.at("$ref").get<std::string>().substr(8);
    const json& target = defs.at(ref);
    if (target.contains("type") || target.contains("oneOf")) return target;
  }
  return p;
}

// The bound of one end in the schema, or nothing.
std::optional<double> schema_bound(const json& j, const char* closed, const char* open,
                                   bool& is_open) {
  if (j.contains(closed)) return is_open = false, j.at(closed).get<double>();
  if (j.contains(open)) return is_open = true, j.at(open).get<double>();
  return std::nullopt;
}

void check_bounds(const json& j, const sc::Bounds& b) {
  bool low_open = false;
  bool high_open = false;
  const json* low_holder = &j;
  if (!b.zero_means.empty()) {
    // 0, or within [low, high]: the low end is an alternative to 0.
    REQUIRE(j.contains("anyOf"));
    CHECK(j.at("anyOf").at(0) == json{{"const", 0}});
    low_holder = &j.at("anyOf").at(1);
  }
  CHECK(schema_bound(*low_holder, "minimum", "exclusiveMinimum", low_open) == b.low);
  CHECK(low_open == b.low_open);
  CHECK(schema_bound(j, "maximum", "exclusiveMaximum", high_open) == b.high);
  CHECK(high_open == b.high_open);
}

// The bound a distribution's parameters carry in the schema: the widest of any distribution key.
double widest_distribution_bound() {
  double widest = 0.0;
  for (const sc::KeySection& s : sc::all_sections()) {
    for (const sc::KeyInfo& k : s.keys) {
      if (k.type == sc::ValueType::kDistribution) widest = std::max(widest, *k.range.high);
    }
  }
  return widest;
}

}  // namespace

TEST_CASE("schema.json is what the key catalogue generates", "[scenario][schema]") {
  INFO(kRegenerate);
  CHECK(c2msim::test::read_text(c2msim::test::source_dir() / "scenarios/schema.json") ==
        sc::schema_json());
}

TEST_CASE("the key tables of scenarios/README.md are what the key catalogue generates",
          "[scenario][schema]") {
  const std::string readme =
      c2msim::test::read_text(c2msim::test::source_dir() / "scenarios/README.md");
  INFO(kRegenerate);
  CHECK(sc::rewrite_key_tables(readme) == readme);
  // Every key is documented: in its section's table, or among its alternative's keys.
  for (const sc::KeySection& s : sc::all_sections()) {
    for (const sc::KeyInfo& k : s.keys) {
      INFO(s.name << "." << k.name);
      CHECK(readme.find(fmt::format("`{}`", k.name)) != std::string::npos);
    }
  }
  for (std::string_view name :
       {"scenario",     "product",        "market",        "demand",
        "event",        "event_phase",    "arm",           "node",
        "factory_node", "warehouse_node", "retailer_node", "platform_node",
        "production",   "stock",          "policy",        "forecast_order_up_to_policy",
        "forecast",     "lane",           "distribution",  "compare"}) {
    INFO(name);
    CHECK(readme.find(fmt::format("<!-- keys: {} -->\n", name)) != std::string::npos);
  }
}

TEST_CASE("schema.json carries every key's range, whole-number type and words",
          "[scenario][schema]") {
  const json defs = load_schema().at("$defs");
  int checked = 0;
  for (const sc::KeySection& s : sc::all_sections()) {
    // Both forms of a section: the full one and that of an extending arm's entries.
    for (const std::string& name : {std::string(s.name), std::string(s.name) + "_override"}) {
      if (!defs.contains(name)) continue;
      const json& def = defs.at(name);
      for (const sc::KeyInfo& k : s.keys) {
        INFO(name << "." << k.name);
        const json& p = property(defs, def, k.name);
        sc::Bounds range = k.range;
        if (k.high_of_owner) range.high = widest_distribution_bound();
        switch (k.type) {
          case sc::ValueType::kNumber:
            CHECK(p.at("type") == "number");
            check_bounds(p, range);
            break;
          case sc::ValueType::kWhole:
            CHECK(p.at("type") == "integer");
            check_bounds(p, range);
            break;
          case sc::ValueType::kNumbers:
            CHECK(p.at("type") == "array");
            CHECK(p.at("items").at("type") == "number");
            check_bounds(p.at("items"), range);
            if (k.min_items > 0) CHECK(p.at("minItems") == k.min_items);
            if (k.max_items > 0) CHECK(p.at("maxItems") == k.max_items);
            break;
          case sc::ValueType::kStockedVariants: {
            const json& number = p.at("oneOf").at(1);
            CHECK(number.at("type") == "integer");
            check_bounds(number, range);
            CHECK(p.at("oneOf").at(2).at("items") == number);
            break;
          }
          case sc::ValueType::kSeed:
            CHECK(p.at("type") == "integer");
            CHECK(p.at("minimum") == 0);
            CHECK(p.at("maximum") == std::numeric_limits<std::uint64_t>::max());
            break;
          case sc::ValueType::kWord:
            if (p.contains("enum")) {
              CHECK(p.at("enum") == json(std::vector<std::string>(k.words.begin(), k.words.end())));
            } else {
              CHECK(s.node_kind.has_value());
            }
            break;
          case sc::ValueType::kDistribution: {
            // Its parameters are bounded by the widest distribution key; the key's own bound is
            // in its description.
            const json& key = def.at("properties").at(std::string(k.name));
            CHECK(key.at("description").get<std::string>().find(k.range.interval()) !=
                  std::string::npos);
            break;
          }
          default:
            continue;
        }
        ++checked;
      }
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("in schema.json an extending arm's entries need only the keys that name them",
          "[scenario][schema]") {
  // An extending arm's entries may leave out what they inherit, but not what names them.
  const json defs = load_schema().at("$defs");
  CHECK(schema_required(defs.at("node_override")) == std::set<std::string>{"id"});
  CHECK(schema_required(defs.at("lane_override")) == std::set<std::string>{"from", "to"});
  CHECK(schema_required(defs.at("production_override")).empty());
  CHECK(schema_required(defs.at("r_Q_policy_override")).empty());
  CHECK(schema_required(defs.at("production")) == std::set<std::string>{"mode"});
  const json& arm = defs.at("arm").at("allOf").at(0);
  CHECK(arm.at("if") == json{{"required", {"extends"}}});
  CHECK(arm.at("then").at("properties").at("nodes").at("items").at("$ref") ==
        "#/$defs/node_override");
  CHECK(arm.at("else").at("properties").at("nodes").at("items").at("$ref") == "#/$defs/node");
}

TEST_CASE("a README's key tables are replaced between their marker lines, the rest kept",
          "[scenario][schema]") {
  const std::string readme =
      "# Title\n\ntext\n\n<!-- keys: compare -->\n| old |\n<!-- end keys -->\n\nmore text\n";
  const std::string rewritten = sc::rewrite_key_tables(readme);
  CHECK(rewritten == "# Title\n\ntext\n\n<!-- keys: compare -->\n" + sc::key_table("compare") +
                         "<!-- end keys -->\n\nmore text\n");
  CHECK(sc::rewrite_key_tables(rewritten) == rewritten);
  CHECK(sc::rewrite_key_tables("no tables\n") == "no tables\n");
}

TEST_CASE("a README with an unknown or unclosed key table is refused with its line",
          "[scenario][schema]") {
  CHECK_THROWS_WITH(sc::rewrite_key_tables("a\n<!-- keys: nosuch -->\n<!-- end keys -->\n"),
                    Catch::StartsWith("line 2: unknown section 'nosuch'; expected one of node,"));
  CHECK_THROWS_WITH(sc::rewrite_key_tables("a\n\n<!-- keys: lane -->\n| table |\n"),
                    "line 3: the key table is not closed by a line <!-- end keys -->");
  CHECK_THROWS_WITH(sc::key_table(""), Catch::StartsWith("unknown section ''"));
}

TEST_CASE("c2msim schema prints the schema, a section's table, or a README regenerated",
          "[scenario][schema][cli]") {
  namespace t = c2msim::test;
  t::TempDir dir;
  const auto schema = t::run_cli("schema", dir);
  CHECK(schema.status == 0);
  CHECK(schema.err.empty());
  CHECK(schema.out == t::read_text(t::source_dir() / "scenarios/schema.json"));

  const auto table = t::run_cli("schema --markdown production", dir);
  CHECK(table.status == 0);
  CHECK(table.out == sc::key_table("production"));

  const auto readme = dir.path() / "README.md";
  t::write_text(readme, "x\n<!-- keys: lane -->\n<!-- end keys -->\n");
  const auto rewritten = t::run_cli("schema --readme " + t::quoted(readme), dir);
  CHECK(rewritten.status == 0);
  CHECK(rewritten.out ==
        "x\n<!-- keys: lane -->\n" + sc::key_table("lane") + "<!-- end keys -->\n");
}

TEST_CASE("c2msim schema refuses an unknown section or an unreadable README with status 2",
          "[scenario][schema][cli]") {
  namespace t = c2msim::test;
  t::TempDir dir;
  const auto unknown = t::run_cli("schema --markdown nosuch", dir);
  CHECK(unknown.status == 2);
  CHECK(unknown.out.empty());
  CHECK_THAT(unknown.err, Catch::StartsWith("c2msim schema: error: --markdown nosuch: unknown "
                                            "section 'nosuch'; expected one of node, scenario,"));

  const auto missing = dir.path() / "missing.md";
  const auto unreadable = t::run_cli("schema --readme " + t::quoted(missing), dir);
  CHECK(unreadable.status == 2);
  CHECK(unreadable.err ==
        "c2msim schema: error: --readme " + missing.string() + ": No such file or directory\n");

  const auto open = dir.path() / "open.md";
  t::write_text(open, "<!-- keys: lane -->\n");
  const auto unclosed = t::run_cli("schema --readme " + t::quoted(open), dir);
  CHECK(unclosed.status == 2);
  CHECK(unclosed.err == "c2msim schema: error: --readme " + open.string() +
                            ": line 1: the key table is not closed by a line <!-- end keys -->\n");

  const auto both = t::run_cli("schema --markdown lane --readme " + t::quoted(open), dir);
  CHECK(both.status == 2);
  CHECK(both.out.empty());
}

TEST_CASE("c2msim schema says so when it cannot write its output, with status 1",
          "[scenario][schema][cli]") {
  namespace t = c2msim::test;
  t::TempDir dir;
  const auto full = t::run_cli_script("\"$C2MSIM\" schema >/dev/full", dir);
  CHECK(full.status == 1);
  CHECK(full.err == "c2msim schema: error: could not write to standard output\n");
}
