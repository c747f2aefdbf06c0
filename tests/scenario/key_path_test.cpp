// Key paths and `--set` overrides: parsing, where an override lands in the file (by key, id, lane
// and index, through `extends`), and problems reported at the argument that caused them.

#include "sim/scenario/key_path.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <variant>

#include "scenario/scenario_test_support.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sc = c2msim::scenario;
using Kind = sc::KeyPathStep::Kind;

namespace {

sc::ScenarioPoints load_with(std::initializer_list<std::string> sets,
                             const std::string& text = c2msim::test::minimal_scenario()) {
  sc::ScenarioOverrides overrides;
  for (const std::string& s : sets) overrides.sets.push_back({"--set", s});
  return sc::load_scenario_points_text(text, "minimal.yaml", overrides);
}

const sc::Node& node(const sc::Scenario& s, std::string_view arm, std::string_view id) {
  const sc::Arm* a = s.find_arm(arm);
  REQUIRE(a != nullptr);
  const auto it =
      std::find_if(a->nodes.begin(), a->nodes.end(), [&](const sc::Node& n) { return n.id == id; });
  REQUIRE(it != a->nodes.end());
  return *it;
}

std::string all_problems(const sc::ScenarioPoints& p) {
  std::string out;
  for (const auto& d : p.diagnostics) out += to_string(d) + "\n";
  return out;
}

// The minimal scenario with an arm that extends c2m and overrides its plant's lines.
std::string with_extending_arm() {
  return c2msim::test::minimal_scenario() +
         "  c2m-fast:\n"
         "    extends: c2m\n"
         "    nodes:\n"
         "      - {id: plant, production: {lines: 4}}\n";
}

}  // namespace

TEST_CASE("a key path is keys joined by dots with [id], [from->to] and [index] selectors",
          "[scenario][key_path]") {
  const auto parsed = sc::parse_key_path("arms.traditional.lanes[plant->dc].lead_time_days");
  REQUIRE(parsed.path);
  const auto& steps = parsed.path->steps;
  REQUIRE(steps.size() == 5);
  CHECK(steps[0].kind == Kind::kKey);
  CHECK(steps[0].text == "arms");
  CHECK(steps[1].text == "traditional");
  CHECK(steps[2].text == "lanes");
  CHECK(steps[3].kind == Kind::kLane);
  CHECK(steps[3].text == "plant");
  CHECK(steps[3].to == "dc");
  CHECK(steps[4].text == "lead_time_days");

  const auto ids = sc::parse_key_path("markets[city].demand.weekly_pattern[6]");
  REQUIRE(ids.path);
  CHECK(ids.path->steps[1].kind == Kind::kSelect);
  CHECK(ids.path->steps[1].text == "city");
  CHECK(ids.path->steps[4].kind == Kind::kSelect);
  CHECK(ids.path->steps[4].text == "6");
  // Ids may hold dots inside brackets, and the canonical form reads back the same.
  for (const char* text : {"arms.c2m.nodes[dc.north].markup", "horizon_days",
                           "arms.traditional.lanes[plant->dc].lead_time_days.gamma.mean"}) {
    const auto p = sc::parse_key_path(text);
    REQUIRE(p.path);
    CHECK(p.path->to_string() == text);
  }
}

TEST_CASE("a malformed key path says what is wrong", "[scenario][key_path]") {
  const std::pair<const char*, const char*> cases[] = {
      {"", "empty"},
      {"a..b", "empty key at character 3"},
      {".a", "empty key at character 1"},
      {"a.", "ends with '.'"},
      {"nodes[plant", "not closed"},
      {"nodes[]", "empty []"},
      {"nodes]", "closes no '['"},
      {"[plant].markup", "follows no key"},
      {"lanes[->dc]", "[from->to]"},
      {"nodes[plant]markup", "expected '.' or '['"},
      {"horizon days", "not a key"},
  };
  for (const auto& [text, message] : cases) {
    INFO(text);
    const auto p = sc::parse_key_path(text);
    CHECK_FALSE(p.path);
    CHECK(p.error.find(message) != std::string::npos);
  }
}

TEST_CASE("--set replaces a value by key, id, lane and index before the file is read",
          "[scenario][key_path]") {
  const auto plain = load_with({});
  REQUIRE(plain.ok());
  const auto p =
      load_with({"horizon_days=50", "markets[city].demand.arrivals_per_day=7",
                 "arms.traditional.lanes[plant->dc].lead_time_days={gamma: {mean: 3, "
                 "sd: 1}}",
                 "arms.c2m.nodes[1].commission=0.25", "arms.c2m.nodes[plant].production.lines=3"});
  INFO(all_problems(p));
  REQUIRE(p.ok());
  const sc::Scenario& s = *p.base;
  CHECK(plain.base->horizon_days != 50);
  CHECK(s.horizon_days == 50);
  CHECK(s.markets[0].demand.arrivals_per_day == 7);
  const sc::Arm& traditional = *s.find_arm("traditional");
  CHECK(std::holds_alternative<c2msim::random::Gamma>(traditional.lanes[0].lead_time_days));
  CHECK(node(s, "c2m", "platform").commission == 0.25);
  CHECK(node(s, "c2m", "plant").production->lines == 3);
  // Only what was named changed.
  CHECK(node(s, "traditional", "plant").markup == node(*plain.base, "traditional", "plant").markup);
  REQUIRE(p.points.size() == 1);
  CHECK(p.swept_keys.empty());
}

TEST_CASE("a --set value is YAML: a list replaces a list", "[scenario][key_path]") {
  const auto p = load_with({"markets[city].demand.weekly_pattern=[1, 1, 1, 1, 1, 2, 2]"});
  INFO(all_problems(p));
  REQUIRE(p.ok());
  const auto& pattern = p.base->markets[0].demand.weekly_pattern;
  CHECK(pattern[0] == 1);
  CHECK(pattern[5] == 2);
  CHECK(pattern[6] == 2);
  // A list of the wrong length gets the file's message.
  const auto short_list = load_with({"markets[city].demand.weekly_pattern=[1, 2]"});
  REQUIRE(short_list.diagnostics.size() == 1);
  CHECK(short_list.diagnostics[0].argument == "--set markets[city].demand.weekly_pattern=[1, 2]");
}

TEST_CASE("--set can add an optional key the file leaves out", "[scenario][key_path]") {
  const auto p = load_with({"arms.c2m.nodes[plant].production.changeover_days=0.5"});
  INFO(all_problems(p));
  REQUIRE(p.ok());
  CHECK(node(*p.base, "c2m", "plant").production->changeover_days == 0.5);
}

TEST_CASE("a bad --set value gets the file's message, reported at the argument",
          "[scenario][key_path]") {
  const auto p = load_with({"arms.c2m.nodes[plant].production.lines=x"});
  REQUIRE(p.diagnostics.size() == 1);
  const sc::Diagnostic& d = p.diagnostics[0];
  CHECK(d.argument == "--set arms.c2m.nodes[plant].production.lines=x");
  CHECK(d.key_path.empty());  // the argument already names it
  CHECK(d.message == "expected a number, got 'x'");
  CHECK(to_string(d) ==
        "--set arms.c2m.nodes[plant].production.lines=x: error: expected a number, got 'x'");
  CHECK_FALSE(p.base);
}

TEST_CASE("a problem inside a --set map value names the key inside it", "[scenario][key_path]") {
  const auto p =
      load_with({"arms.traditional.lanes[plant->dc].lead_time_days={gamma: {mean: -3, sd: 1}}"});
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].key_path == "arms.traditional.lanes[0].lead_time_days.gamma.mean");
  CHECK(p.diagnostics[0].message.find("must be in (0, 36500]") != std::string::npos);
}

TEST_CASE("a --set key path that is not in the file suggests what is", "[scenario][key_path]") {
  const std::pair<const char*, const char*> cases[] = {
      {"arms.c2m.nodez[plant].production.lines=2",
       "no key 'nodez' in 'arms.c2m' (did you mean 'nodes'?)"},
      {"arms.c2mm.nodes[plant].markup=0.1", "no key 'c2mm' in 'arms' (did you mean 'c2m'?)"},
      {"markets[cty].demand.arrivals_per_day=3",
       "'markets' has no element [cty] (did you mean "
       "'[city]'?)"},
      {"arms.traditional.lanes[plant->shop].cost_per_unit=1", "has no element [plant->shop]"},
      {"arms.c2m.nodes[5].markup=0.1", "has 2 element(s), so no element [5]"},
      {"horizon_days.x=1", "not a map"},
      {"arms.c2m.nodes[plant].production.linez=3", "unknown key; did you mean 'lines'?"},
  };
  for (const auto& [set, message] : cases) {
    INFO(set);
    const auto p = load_with({set});
    INFO(all_problems(p));
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].argument == std::string("--set ") + set);
    CHECK(p.diagnostics[0].message.find(message) != std::string::npos);
  }
}

TEST_CASE("a --set argument that is not KEY=VALUE or not YAML is reported at it",
          "[scenario][key_path]") {
  CHECK(load_with({"horizon_days"}).diagnostics.at(0).message.find("KEY=VALUE") !=
        std::string::npos);
  CHECK(load_with({"markets[city].demand.weekly_pattern=[1, 2"})
            .diagnostics.at(0)
            .message.find("not valid YAML") != std::string::npos);
  // Problems of several arguments and of the file are all reported, arguments first.
  std::string text = c2msim::test::minimal_scenario();
  text.replace(text.find("unit_cost: 1000"), 15, "unit_cost: -1");
  const auto p = load_with({"horizon_days=x", "seed=y"}, text);
  REQUIRE(p.diagnostics.size() == 3);
  CHECK(p.diagnostics[0].argument == "--set horizon_days=x");
  CHECK(p.diagnostics[1].argument == "--set seed=y");
  CHECK(p.diagnostics[2].key_path == "products[0].unit_cost");
}

TEST_CASE("an override of a parent arm reaches the arms extending it unless they override it",
          "[scenario][key_path]") {
  const auto p = load_with(
      {"arms.c2m.nodes[platform].commission=0.2", "arms.c2m.nodes[plant].production.lines=3"},
      with_extending_arm());
  INFO(all_problems(p));
  REQUIRE(p.ok());
  CHECK(node(*p.base, "c2m", "platform").commission == 0.2);
  CHECK(node(*p.base, "c2m-fast", "platform").commission == 0.2);
  CHECK(node(*p.base, "c2m", "plant").production->lines == 3);
  CHECK(node(*p.base, "c2m-fast", "plant").production->lines == 4);  // its own value wins
}

TEST_CASE("an override of an extending arm changes that arm only, even a node it inherits",
          "[scenario][key_path]") {
  const auto p = load_with({"arms.c2m-fast.nodes[platform].commission=0.3",
                            "arms.c2m-fast.lanes[plant->platform].cost_per_unit=9"},
                           with_extending_arm());
  INFO(all_problems(p));
  REQUIRE(p.ok());
  CHECK(node(*p.base, "c2m", "platform").commission == 0.05);
  CHECK(node(*p.base, "c2m-fast", "platform").commission == 0.3);
  CHECK(node(*p.base, "c2m-fast", "plant").production->lines == 4);
  CHECK(p.base->find_arm("c2m-fast")->lanes[0].cost_per_unit == 9);
  CHECK(p.base->find_arm("c2m")->lanes[0].cost_per_unit == 0);
}
