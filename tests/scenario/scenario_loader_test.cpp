// What a valid scenario file turns into, and how `extends` merges arms.

#include "sim/scenario/scenario_loader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <variant>

#include "scenario/scenario_test_support.hpp"

namespace sc = c2msim::scenario;

namespace {

sc::Scenario load_ok(const std::string& text) {
  const sc::LoadResult result = sc::load_scenario_text(text, "test.yaml");
  std::string problems;
  for (const auto& d : result.diagnostics) problems += to_string(d) + "\n";
  INFO(problems);
  REQUIRE(result.ok());
  REQUIRE(result.scenario.has_value());
  return *result.scenario;
}

// The minimal scenario with `extra` appended under `arms:` (extending arms) or at the end.
std::string with_arms(const std::string& extra) {
  std::string text = c2msim::test::minimal_scenario();
  const std::string marker = "arms:\n";
  return text.insert(text.find(marker) + marker.size(), extra);
}

const sc::Node& node(const sc::Arm& arm, std::string_view id) {
  const sc::Node* n = arm.find_node(id);
  REQUIRE(n != nullptr);
  return *n;
}

}  // namespace

TEST_CASE("the minimal scenario loads into typed values with units from the key names",
          "[scenario]") {
  const sc::Scenario s = load_ok(c2msim::test::minimal_scenario());
  CHECK(s.name == "minimal");
  CHECK(s.start_date ==
        sc::Date{std::chrono::year{2019}, std::chrono::January, std::chrono::day{1}});
  CHECK(s.horizon_days == 100.0);
  CHECK(s.warmup_days == 10.0);
  CHECK(s.seed == 7);
  CHECK(s.replications == 2);
  CHECK(s.compare.baseline == "traditional");

  REQUIRE(s.products.size() == 1);
  CHECK(s.products[0].unit_cost == 1000.0);
  CHECK(s.products[0].variants == 4);
  CHECK(s.products[0].reference_price == 1800.0);
  CHECK_FALSE(s.products[0].season_end.has_value());

  REQUIRE(s.markets.size() == 1);
  const sc::Demand& d = s.markets[0].demand;
  CHECK(d.arrivals_per_day == 10.0);
  CHECK(d.process == sc::ArrivalProcess::kPoisson);
  CHECK(std::holds_alternative<c2msim::random::Constant>(d.quantity));
  CHECK(std::get<sc::ZipfPreference>(d.variant_preference).exponent == 1.0);
  REQUIRE(d.patience_days.has_value());
  CHECK(c2msim::random::mean(*d.patience_days) == Approx(5.0));
  CHECK(d.price_elasticity == 1.2);
  REQUIRE(d.events.size() == 1);
  CHECK(d.events[0].name == "11.11");
  CHECK(s.day_of(d.events[0].start) == 304);  // 1 November 2019 is day 304 from 1 January
  CHECK(d.events[0].days == 11);
  CHECK(d.events[0].multiplier == 4.0);

  REQUIRE(s.arms.size() == 2);
  const sc::Arm& traditional = s.arms[0];
  CHECK(traditional.name == "traditional");
  const sc::Node& plant = node(traditional, "plant");
  CHECK(plant.kind == sc::NodeKind::kFactory);
  REQUIRE(plant.production.has_value());
  CHECK(plant.production->mode == sc::FactoryMode::kMakeToStock);
  // capacity_per_day is the whole factory's: one line making 50 a day takes 0.02 days a unit.
  CHECK(plant.production->unit_production_days == Approx(0.02));
  REQUIRE(plant.stock.has_value());
  CHECK(std::get<sc::BaseStockPolicy>(plant.stock->policy).level == 100.0);
  const sc::Node& dc = node(traditional, "dc");
  const auto& ss = std::get<sc::SsPolicy>(dc.stock->policy);
  CHECK(ss.review_period_days == 7.0);
  CHECK(ss.s == 20.0);
  CHECK(ss.S == 80.0);
  CHECK(dc.stock->substitution_probability == 0.5);
  CHECK(dc.stock->shortage == sc::ShortageMode::kBackorder);
  CHECK(dc.stock->stocked_variants.all());

  REQUIRE(traditional.lanes.size() == 3);
  const sc::Lane& last = traditional.lanes[2];
  CHECK(last.from_id == "shop");
  CHECK(last.from == 2);
  CHECK(last.to_market);
  CHECK(last.to == 0);
  CHECK(std::get<c2msim::random::Uniform>(traditional.lanes[1].lead_time_days).max == 3.0);

  const sc::Arm& c2m = s.arms[1];
  const sc::Node& mto = node(c2m, "plant");
  CHECK(mto.production->mode == sc::FactoryMode::kMakeToOrder);
  CHECK(mto.production->to_order_share == 1.0);
  CHECK(mto.production->lines == 2);
  CHECK(mto.production->unit_production_days == 0.05);
  CHECK_FALSE(mto.stock.has_value());
  const sc::Node& platform = node(c2m, "platform");
  CHECK(platform.commission == 0.05);
  CHECK_FALSE(platform.shares_pos);
  CHECK_FALSE(platform.stock.has_value());
}

TEST_CASE("variants are numbered from 1 in the file and from 0 in the structs", "[scenario]") {
  std::string text = c2msim::test::minimal_scenario();
  const std::string line = "          substitution_probability: 0.5\n";
  text.insert(text.find(line) + line.size(), "          stocked_variants: [1, 3]\n");
  const sc::Scenario s = load_ok(text);
  CHECK(node(s.arms[0], "dc").stock->stocked_variants.listed == std::vector<std::uint32_t>{0, 2});
}

TEST_CASE("every problem of a file is reported, in file order", "[scenario]") {
  std::string text = c2msim::test::minimal_scenario();
  const auto replace = [&](const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
  };
  replace("warmup_days: 10", "warmup_days: 500");
  replace("variants: 4", "variants: 0");
  replace("kind: warehouse", "kind: warehose");
  replace("{from: shop, to: city,", "{from: shop, to: cty,");
  const sc::LoadResult result = sc::load_scenario_text(text, "several.yaml");
  REQUIRE(result.diagnostics.size() == 4);
  CHECK(result.diagnostics[0].key_path == "warmup_days");
  CHECK(result.diagnostics[1].key_path == "products[0].variants");
  CHECK(result.diagnostics[2].key_path == "arms.traditional.nodes[1].kind");
  CHECK(result.diagnostics[3].key_path == "arms.traditional.lanes[2].to");
  for (std::size_t i = 1; i < result.diagnostics.size(); ++i) {
    CHECK(result.diagnostics[i - 1].position.line < result.diagnostics[i].position.line);
  }
}

TEST_CASE("an extending arm merges nodes by id and maps key by key", "[scenario][extends]") {
  const sc::Scenario s = load_ok(with_arms(R"(  faster:
    extends: c2m
    description: a faster line
    nodes:
      - id: plant
        production: {lines: 4}
      - id: hub
        kind: warehouse
        stock: {policy: {base_stock: {review_period_days: 1, level: 10}}}
    lanes:
      - {from: plant, to: hub, lead_time_days: 1}
      - {from: hub, to: city, lead_time_days: 1}
)"));
  const sc::Arm* faster = s.find_arm("faster");
  REQUIRE(faster != nullptr);
  CHECK(faster->extends == "c2m");
  CHECK(faster->description == "a faster line");
  REQUIRE(faster->nodes.size() == 3);
  const sc::Node& plant = node(*faster, "plant");
  CHECK(plant.production->lines == 4);
  CHECK(plant.production->mode == sc::FactoryMode::kMakeToOrder);  // inherited
  CHECK(plant.production->unit_production_days == 0.05);           // inherited
  CHECK(node(*faster, "platform").commission == 0.05);
  CHECK(faster->nodes[2].id == "hub");  // new nodes come after the inherited ones
  CHECK(faster->lanes.size() == 4);
}

TEST_CASE("an extending arm does not inherit the description", "[scenario][extends]") {
  std::string text = with_arms("  copy:\n    extends: c2m\n");
  text.replace(text.find("  c2m:\n"), 7, "  c2m:\n    description: the original\n");
  const sc::Scenario s = load_ok(text);
  CHECK(s.find_arm("c2m")->description == "the original");
  CHECK(s.find_arm("copy")->description.empty());
}

TEST_CASE("a one-of value merges when the child names the same alternative",
          "[scenario][extends]") {
  const sc::Scenario s = load_ok(with_arms(R"(  noisier:
    extends: c2m
    lanes:
      - {from: plant, to: platform, lead_time_days: {lognormal: {sd: 2}}}
)"));
  const sc::Arm* noisier = s.find_arm("noisier");
  const auto& lead = std::get<c2msim::random::LogNormal>(noisier->lanes[0].lead_time_days);
  CHECK(lead.mean() == Approx(3.0));  // inherited mean
  CHECK(std::sqrt(lead.variance()) == Approx(2.0));
}

TEST_CASE("a one-of value is replaced when the child names another alternative",
          "[scenario][extends]") {
  const sc::Scenario s = load_ok(with_arms(R"(  fixed:
    extends: c2m
    lanes:
      - {from: plant, to: platform, lead_time_days: {gamma: {mean: 4, sd: 1}}}
  reviewed:
    extends: traditional
    nodes:
      - id: shop
        stock: {policy: {s_S: {review_period_days: 1, s: 5, S: 50}}}
)"));
  CHECK(
      std::holds_alternative<c2msim::random::Gamma>(s.find_arm("fixed")->lanes[0].lead_time_days));
  const sc::Node& shop = node(*s.find_arm("reviewed"), "shop");
  CHECK(std::get<sc::SsPolicy>(shop.stock->policy).S == 50.0);
}

TEST_CASE("remove deletes an inherited node with its lanes, or an inherited lane",
          "[scenario][extends]") {
  const sc::Scenario s = load_ok(with_arms(R"(  direct:
    extends: traditional
    nodes:
      - {id: dc, remove: true}
    lanes:
      - {from: plant, to: shop, lead_time_days: 3}
  no-shop-lane:
    extends: c2m
    lanes:
      - {from: platform, to: city, remove: true}
      - {from: plant, to: city, lead_time_days: 2}
)"));
  const sc::Arm* direct = s.find_arm("direct");
  REQUIRE(direct->nodes.size() == 2);
  CHECK(direct->find_node("dc") == nullptr);
  REQUIRE(direct->lanes.size() == 2);  // plant -> dc and dc -> shop went with dc
  CHECK(direct->lanes[0].from_id == "shop");
  CHECK(direct->lanes[1].from_id == "plant");
  CHECK(direct->lanes[1].to_id == "shop");
  const sc::Arm* no_shop_lane = s.find_arm("no-shop-lane");
  REQUIRE(no_shop_lane->lanes.size() == 2);
  CHECK(no_shop_lane->lanes[1].from_id == "plant");
  CHECK(no_shop_lane->lanes[1].to_id == "city");
}

TEST_CASE("arms can extend arms that extend others", "[scenario][extends]") {
  const sc::Scenario s = load_ok(with_arms(R"(  third:
    extends: second
    nodes:
      - {id: platform, commission: 0.2}
  second:
    extends: c2m
    nodes:
      - {id: plant, production: {lines: 5}}
)"));
  const sc::Arm* third = s.find_arm("third");
  CHECK(node(*third, "plant").production->lines == 5);
  CHECK(node(*third, "platform").commission == 0.2);
  CHECK(s.arms.front().name == "third");  // file order is kept
}

TEST_CASE("a problem inherited by several arms is reported once, at its own line",
          "[scenario][extends]") {
  std::string text = with_arms("  one:\n    extends: c2m\n  two:\n    extends: c2m\n");
  text.replace(text.find("commission: 0.05"), 16, "commission: -1");
  const sc::LoadResult result = sc::load_scenario_text(text, "inherit.yaml");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].key_path == "arms.c2m.nodes[1].commission");
}

TEST_CASE("YAML anchors and aliases are expanded", "[scenario]") {
  std::string text = c2msim::test::minimal_scenario();
  const auto replace = [&](const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
  };
  replace("patience_days: {exponential: {mean: 5}}",
          "patience_days: &wait {exponential: {mean: 5}}");
  replace("lead_time_days: {lognormal: {mean: 3, sd: 1}}", "lead_time_days: *wait");
  const sc::Scenario s = load_ok(text);
  CHECK(std::holds_alternative<c2msim::random::Exponential>(s.arms[1].lanes[0].lead_time_days));
}

TEST_CASE("aliases that expand without bound are an error, not an exhausted machine",
          "[scenario]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'h'; ++c) {
    const char prev = static_cast<char>(c - 1);
    bomb += fmt::format("{0}: &{0} [*{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}, *{1}]\n",
                        c, prev);
  }
  const sc::LoadResult result = sc::load_scenario_text(bomb, "bomb.yaml");
  REQUIRE_FALSE(result.ok());
  bool too_large = false;
  for (const auto& d : result.diagnostics) {
    too_large = too_large || d.message.find("more than 100000 values") != std::string::npos;
  }
  CHECK(too_large);
}

TEST_CASE("deeply nested input is an error, not a stack overflow", "[scenario]") {
  const std::string deep = "name: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  CHECK_FALSE(sc::load_scenario_text(deep, "deep.yaml").ok());
  const std::string nested = "name: " + std::string(100, '[') + std::string(100, ']') + "\n";
  const sc::LoadResult result = sc::load_scenario_text(nested, "nested.yaml");
  const auto nested_too_deep = [](const sc::Diagnostic& d) {
    return d.key_path.starts_with("name[0]") && d.message == "nested more than 64 levels deep";
  };
  CHECK(std::count_if(result.diagnostics.begin(), result.diagnostics.end(), nested_too_deep) == 1);
}

TEST_CASE("nesting deeper than 64 levels is reported where it gets too deep, however deep",
          "[scenario]") {
  // Before, 5000 levels came out as yaml-cpp's "bad file" at the end of the file.
  const std::string deep = "name: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  const sc::LoadResult result = sc::load_scenario_text(deep, "deep.yaml");
  REQUIRE(result.diagnostics.size() == 1);
  const sc::Diagnostic& d = result.diagnostics[0];
  CHECK(d.message == "nested more than 64 levels deep");
  std::string path = "name";
  for (int i = 0; i < 64; ++i) path += "[0]";
  CHECK(d.key_path == path);
  CHECK(d.position == sc::SourcePosition{1, 7 + 64});  // the 65th level's '['
}

TEST_CASE("an alias that makes a value nest too deep is refused at the alias", "[scenario]") {
  std::string text = "a: &deep " + std::string(40, '[') + std::string(40, ']') + "\n";
  text += "b: " + std::string(30, '[') + "*deep" + std::string(30, ']') + "\n";
  const sc::LoadResult result = sc::load_scenario_text(text, "alias.yaml");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message == "nested more than 64 levels deep");
  CHECK(result.diagnostics[0].position == sc::SourcePosition{2, 4 + 30});
}

TEST_CASE("a flow collection too long to check as it is read is refused before it is read whole",
          "[scenario]") {
  // yaml-cpp reads a flow collection whole before any event: a 16 MiB one-line list took 6 GB
  // and 38 s. Refused once 256 KiB have been read past the last event.
  const std::string token =
      "name: minimal\nproducts: [" + std::string(std::size_t{2} << 20, '1') + "]\n";
  std::string list = "[";
  for (int i = 0; i < 1'000'000; ++i) list += "1,";
  list += "1]\n";
  const auto refused = [](const std::string& text, sc::SourcePosition at, const std::string& path) {
    const sc::LoadResult result = sc::load_scenario_text(text, "long.yaml");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].message.starts_with(
        "more than 256 KiB of text is one YAML token or flow collection ([...] or {...})"));
    CHECK(result.diagnostics[0].position == at);
    CHECK(result.diagnostics[0].key_path == path);
  };
  refused(token, {2, 11}, "products[0]");  // after the list's [, its first item
  refused(list, {1, 1}, "");
  // Long lists in block style are counted item by item: refused at the 100,001st value.
  std::string block = "name:\n";
  for (int i = 0; i < 200'000; ++i) block += "  - 1\n";
  const sc::LoadResult result = sc::load_scenario_text(block, "block.yaml");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message.find("more than 100000 values") != std::string::npos);
  CHECK(result.diagnostics[0].key_path == "name[99998]");
}

TEST_CASE("markups that build prices past 1e15 along a chain are reported at the node",
          "[scenario][limits]") {
  std::string text = c2msim::test::minimal_scenario();
  const auto replace = [&](const std::string& from, const std::string& to) {
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
  };
  replace("unit_cost: 1000", "unit_cost: 1e12");
  replace("        markup: 0.1\n        stock:\n          policy: {s_S",
          "        markup: 100\n        stock:\n          policy: {s_S");
  replace("markup: 0.3", "markup: 100");  // 1e12 x 1.1 x 101 x 101
  const sc::LoadResult result = sc::load_scenario_text(text, "prices.yaml");
  REQUIRE(result.diagnostics.size() == 1);
  const sc::Diagnostic& d = result.diagnostics[0];
  CHECK(d.key_path == "arms.traditional.nodes[2].markup");
  CHECK(d.message ==
        "in arm 'traditional' the price of 'monitor' at this node reaches 1.12e+16; the prices "
        "the chain builds up must be at most 1e15");
}

TEST_CASE("an arm whose nodes x variants exceed 100000 is reported at its nodes",
          "[scenario][limits]") {
  std::string text = c2msim::test::minimal_scenario();
  text.replace(text.find("variants: 4"), 11, "variants: 10000");
  std::string more;
  for (int i = 0; i < 9; ++i) {
    more += fmt::format(
        "      - {{id: w{}, kind: warehouse, stock: {{policy: {{base_stock: {{review_period_days: "
        "1, level: 1}}}}}}}}\n",
        i);
  }
  text.insert(text.find("    lanes:\n"), more);
  const sc::LoadResult result = sc::load_scenario_text(text, "wide.yaml");
  const auto it =
      std::find_if(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const sc::Diagnostic& d) { return d.key_path == "arms.traditional.nodes"; });
  REQUIRE(it != result.diagnostics.end());
  CHECK(it->message ==
        "arm 'traditional' has 12 nodes and the products 10000 variants in all: 120000 node and "
        "variant pairs, each with its own stock state; at most 100000 are allowed");
  CHECK(it->position.line == 29);
}

TEST_CASE("a file that cannot be read is one diagnostic naming it", "[scenario]") {
  const c2msim::test::TempDir dir;
  const auto missing = dir.path() / "missing.yaml";
  const sc::LoadResult result = sc::load_scenario_file(missing);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].file == missing.string());
  CHECK(result.diagnostics[0].message.find("cannot open the file") != std::string::npos);
  CHECK(sc::load_scenario_file(dir.path()).diagnostics[0].message.find("is a directory") !=
        std::string::npos);
}

TEST_CASE("an empty file and a file that is not a map are reported", "[scenario]") {
  CHECK(sc::load_scenario_text("", "empty.yaml").diagnostics[0].message.find("holds no scenario") !=
        std::string::npos);
  CHECK(sc::load_scenario_text("# only a comment\n", "c.yaml").diagnostics.size() == 1);
  const sc::LoadResult list = sc::load_scenario_text("- a\n- b\n", "list.yaml");
  REQUIRE(list.diagnostics.size() == 1);
  CHECK(list.diagnostics[0].message.find("expected a map of name, description") !=
        std::string::npos);
}

TEST_CASE("diagnostics print as FILE:LINE:COLUMN: error: key.path: message", "[scenario]") {
  const sc::Diagnostic d{
      "monitors.yaml", {41, 17}, "arms.c2m.nodes[2].capacity_per_day", "must be > 0, got -5"};
  CHECK(to_string(d) ==
        "monitors.yaml:41:17: error: arms.c2m.nodes[2].capacity_per_day: must be > 0, got -5");
  CHECK(to_string(sc::Diagnostic{"x.yaml", {}, "", "cannot open the file"}) ==
        "x.yaml:1:1: error: cannot open the file");
}
