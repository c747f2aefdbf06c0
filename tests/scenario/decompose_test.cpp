// The `decompose:` section (sim/scenario/decompose.hpp): the base arm read under every
// combination of levers, in lever order, with the defaults of its base and target. Its bad inputs
// are cases of bad_input_test.cpp.

#include "sim/scenario/decompose.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "scenario/scenario_test_support.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sc = c2msim::scenario;

namespace {

sc::ScenarioPoints load(const std::string& text, std::vector<std::string> sets = {}) {
  sc::ScenarioOverrides overrides;
  for (std::string& s : sets) overrides.sets.push_back({"--set", std::move(s)});
  return sc::load_scenario_points_text(text, "minimal.yaml", overrides);
}

std::string all_problems(const sc::ScenarioPoints& p) {
  std::string out;
  for (const auto& d : p.diagnostics) out += to_string(d) + "\n";
  return out;
}

double markup(const sc::Arm& arm, const char* node) {
  return arm.find_node(node)->markup;
}

// Two levers on the minimal scenario's traditional arm: the shop's markup and the dc's.
const std::string kTwoLevers =
    "decompose:\n"
    "  levers:\n"
    "    shop-margin:\n"
    "      arms.traditional.nodes[shop].markup: 0.05\n"
    "    dc-margin:\n"
    "      arms.traditional.nodes[dc].markup: 0\n"
    "      arms.traditional.nodes[dc].stock.substitution_probability: 0.9\n";

}  // namespace

TEST_CASE("a decompose section gives the base arm under every combination of levers",
          "[scenario][decompose]") {
  const auto p = load(c2msim::test::minimal_scenario() + kTwoLevers);
  INFO(all_problems(p));
  REQUIRE(p.ok());
  REQUIRE(p.base->decompose);
  const sc::Decomposition& d = *p.base->decompose;
  CHECK(d.base == "traditional");  // compare.baseline, by default
  CHECK(d.target == "c2m");
  REQUIRE(d.levers.size() == 2);
  CHECK(d.levers[0].name == "shop-margin");
  CHECK(d.levers[1].name == "dc-margin");
  REQUIRE(d.levers[1].overrides.size() == 2);
  CHECK(d.levers[1].overrides[1].key_path ==
        "arms.traditional.nodes[dc].stock.substitution_probability");
  CHECK(d.levers[1].overrides[1].value == "0.9");
  REQUIRE(d.combinations.size() == 4);
  // Bit 0: the shop's margin; bit 1: the dc's.
  const double shop[] = {0.3, 0.05, 0.3, 0.05};
  const double dc[] = {0.1, 0.1, 0.0, 0.0};
  for (std::size_t mask = 0; mask < 4; ++mask) {
    INFO("combination " << mask);
    const sc::Arm& arm = d.combinations[mask];
    CHECK(arm.name == "traditional");
    CHECK(markup(arm, "shop") == shop[mask]);
    CHECK(markup(arm, "dc") == dc[mask]);
    CHECK(arm.find_node("dc")->stock->substitution_probability == (mask & 2 ? 0.9 : 0.5));
    CHECK(markup(arm, "plant") == 0.1);
  }
  // The file itself is as written.
  CHECK(markup(*p.base->find_arm("traditional"), "shop") == 0.3);
}

TEST_CASE("a file without a decompose section has no decomposition", "[scenario][decompose]") {
  const auto p = load(c2msim::test::minimal_scenario());
  REQUIRE(p.ok());
  CHECK_FALSE(p.base->decompose);
}

TEST_CASE("the decomposition's target is c2m, or else the first arm that is not the base",
          "[scenario][decompose]") {
  // An arm before c2m: c2m is still the target.
  std::string text = c2msim::test::minimal_scenario();
  text.replace(text.find("  c2m:\n"), 7, "  alt:\n    extends: c2m\n  c2m:\n");
  auto p = load(text + kTwoLevers);
  INFO(all_problems(p));
  REQUIRE(p.ok());
  CHECK(p.base->decompose->target == "c2m");
  // With c2m as the base, the first other arm.
  // One lever on c2m, after the lines that name the base and target.
  const std::string commission =
      "  levers:\n"
      "    commission:\n"
      "      arms.c2m.nodes[platform].commission: 0.01\n";
  p = load(text + "decompose:\n  base: c2m\n" + commission);
  INFO(all_problems(p));
  REQUIRE(p.ok());
  CHECK(p.base->decompose->base == "c2m");
  CHECK(p.base->decompose->target == "traditional");
  CHECK(p.base->decompose->combinations[1].find_node("platform")->commission == 0.01);
  // compare.baseline is the default base.
  p = load(text + "compare: {baseline: c2m}\ndecompose:\n  target: alt\n" + commission);
  INFO(all_problems(p));
  REQUIRE(p.ok());
  CHECK(p.base->decompose->base == "c2m");
  CHECK(p.base->decompose->target == "alt");
}

TEST_CASE("levers are applied in the order they are written", "[scenario][decompose]") {
  const auto p = load(c2msim::test::minimal_scenario() +
                      "decompose:\n"
                      "  levers:\n"
                      "    first:\n"
                      "      arms.traditional.nodes[shop].markup: 0.05\n"
                      "    second:\n"
                      "      arms.traditional.nodes[shop].markup: 0.15\n");
  REQUIRE(p.ok());
  const auto& c = p.base->decompose->combinations;
  CHECK(markup(c[1], "shop") == 0.05);
  CHECK(markup(c[2], "shop") == 0.15);
  CHECK(markup(c[3], "shop") == 0.15);  // the later lever wins
}

TEST_CASE("an arm extending the base is not part of the combinations, nor is compare",
          "[scenario][decompose]") {
  // `tight` extends traditional with s = 50: a lever lowering traditional's S to 30 would give it
  // s > S, but the lever changes the base arm only.
  std::string text = c2msim::test::minimal_scenario();
  text.replace(text.find("  c2m:\n"), 7,
               "  tight:\n"
               "    extends: traditional\n"
               "    nodes:\n"
               "      - id: dc\n"
               "        stock: {policy: {s_S: {s: 50}}}\n"
               "  c2m:\n");
  const std::string lever =
      "decompose:\n"
      "  base: traditional\n"
      "  levers:\n"
      "    lower-S:\n"
      "      arms.traditional.nodes[dc].stock.policy.s_S.S: 30\n";
  const auto p = load(text + lever);
  INFO(all_problems(p));
  REQUIRE(p.ok());
  const auto& policy =
      std::get<sc::SsPolicy>(p.base->decompose->combinations[1].nodes[1].stock->policy);
  CHECK(policy.S == 30);
  CHECK(policy.s == 20);
  // Nor is the comparison, which may name such an arm as its baseline.
  const auto compared_with_tight = load(text + "compare: {baseline: tight}\n" + lever);
  INFO(all_problems(compared_with_tight));
  CHECK(compared_with_tight.ok());
  // The same lever given to `tight` itself is refused: the combination has s = 50 > S = 30.
  const auto bad = load(text +
                        "decompose:\n"
                        "  base: tight\n"
                        "  levers:\n"
                        "    lower-S:\n"
                        "      arms.tight.nodes[dc].stock.policy.s_S.S: 30\n");
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].message == "with lever 'lower-S': must be <= S (30), got 50");
}

TEST_CASE("--set applies to the file under every combination of levers", "[scenario][decompose]") {
  const auto p =
      load(c2msim::test::minimal_scenario() + kTwoLevers,
           {"arms.traditional.nodes[plant].markup=0.4", "arms.traditional.nodes[shop].markup=0.6"});
  INFO(all_problems(p));
  REQUIRE(p.ok());
  const auto& c = p.base->decompose->combinations;
  for (std::size_t mask = 0; mask < 4; ++mask) CHECK(markup(c[mask], "plant") == 0.4);
  CHECK(markup(c[0], "shop") == 0.6);
  CHECK(markup(c[1], "shop") == 0.05);  // the lever on top of the --set
}

TEST_CASE("a problem of a single lever is reported once, not for every combination with it",
          "[scenario][decompose]") {
  const auto p = load(c2msim::test::minimal_scenario() +
                      "decompose:\n"
                      "  levers:\n"
                      "    bad:\n"
                      "      arms.traditional.nodes[shop].markup: -1\n"
                      "    fine:\n"
                      "      arms.traditional.nodes[dc].markup: 0\n"
                      "    also-fine:\n"
                      "      arms.traditional.nodes[plant].markup: 0\n");
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].message.starts_with("with lever 'bad': "));
  CHECK_FALSE(p.base);
}
