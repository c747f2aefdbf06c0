// The `tune:` section (read and checked with FILE:LINE:COLUMN), the default variables of an arm
// and the overlay files that hold a tuned arm.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/tune_variables.hpp"
#include "tests/scenario/scenario_test_support.hpp"

namespace s = c2msim::scenario;
using c2msim::test::line_column;
using c2msim::test::minimal_scenario;
using c2msim::test::read_text;
using c2msim::test::source_dir;
using c2msim::test::TempDir;
using c2msim::test::write_text;

namespace {

s::LoadResult with_tune(const std::string& tune) {
  return s::load_scenario_text(minimal_scenario() + tune, "m.yaml");
}

// The one problem of the file, which must be at the line and column of `at` in the text.
void check_problem(const std::string& tune, const std::string& at, const std::string& message) {
  const std::string text = minimal_scenario() + tune;
  const auto r = s::load_scenario_text(text, "m.yaml");
  INFO(tune);
  REQUIRE(r.diagnostics.size() == 1);
  const auto& d = r.diagnostics.front();
  INFO(s::to_string(d));
  CHECK(d.message.find(message) != std::string::npos);
  const auto where = line_column(text, text.find(at, minimal_scenario().size()));
  CHECK(d.position.line == where.line);
  CHECK(d.position.column == where.column);
}

}  // namespace

TEST_CASE("a tune section is read into the objective, constraints, variables and budget",
          "[scenario][tune]") {
  const auto r = with_tune(
      "tune:\n"
      "  objective: {metric: total_cost, scope: shop, goal: minimise}\n"
      "  constraints:\n"
      "    - {metric: service_level, at_least: 0.95}\n"
      "    - {metric: lost_sales_rate, scope: shop, at_most: 0.02}\n"
      "  variables:\n"
      "    - {key: 'arms.traditional.nodes[shop].stock.policy.r_Q.r', from: 0, to: 40}\n"
      "    - {key: 'arms.c2m.nodes[plant].production.batching_window_days', from: 0, to: 2,\n"
      "       whole: false, start: 0.5}\n"
      "  budget: 1234\n");
  REQUIRE(r.ok());
  const s::TuneSection& t = r.scenario->tune;
  CHECK(t.given);
  CHECK(t.objective.metric == "total_cost");
  CHECK(t.objective.scope == "shop");
  CHECK(t.objective.goal == s::TuneGoal::kMinimise);
  REQUIRE(t.constraints.size() == 2);
  CHECK(t.constraints[0].metric == "service_level");
  CHECK(t.constraints[0].at_least);
  CHECK(t.constraints[0].bound == 0.95);
  CHECK_FALSE(t.constraints[1].at_least);
  CHECK(t.constraints[1].scope == "shop");
  REQUIRE(t.variables.size() == 2);
  CHECK(t.variables[0].key == "arms.traditional.nodes[shop].stock.policy.r_Q.r");
  CHECK(t.variables[0].to == 40);
  CHECK_FALSE(t.variables[0].whole.has_value());
  CHECK(t.variables[1].whole == false);
  CHECK(t.variables[1].start == 0.5);
  CHECK(t.variables[1].source_path == "tune.variables[1]");
  CHECK(t.budget == 1234);
  // Without the section: profit, maximised, the default budget.
  const auto plain = with_tune("");
  REQUIRE(plain.ok());
  CHECK_FALSE(plain.scenario->tune.given);
  CHECK(plain.scenario->tune.objective.metric == "profit");
  CHECK(plain.scenario->tune.budget == 4000);
}

TEST_CASE("a bad tune section is reported at the value, with the key path", "[scenario][tune]") {
  check_problem("tune:\n  objective: {metric: proft}\n", "proft", "did you mean 'profit'");
  check_problem("tune:\n  objective: {goal: maximize}\n", "maximize", "maximise");
  check_problem("tune:\n  constraints:\n    - {metric: service_level}\n", "{metric",
                "exactly one of at_least and at_most");
  check_problem("tune:\n  constraints:\n    - {metric: service_level, at_least: 0.9, at_most: 1}\n",
                "{metric", "exactly one of at_least and at_most");
  check_problem("tune:\n  variables:\n    - {key: horizon_days, from: 10, to: 20}\n",
                "horizon_days", "under arms.ARM.");
  check_problem(
      "tune:\n  variables:\n    - {key: 'arms.tradition.nodes[shop].markup', from: 0, "
      "to: 1}\n",
      "'arms.tradition", "did you mean 'traditional'");
  check_problem(
      "tune:\n  variables:\n    - {key: 'arms.c2m.nodes[plant].production.lines', "
      "from: 3, to: 3}\n",
      "3}", "must be more than from");
  check_problem(
      "tune:\n  variables:\n    - {key: 'arms.c2m.nodes[plant].production.lines', "
      "from: 1, to: 3, start: 5}\n",
      "5}", "must be from 1 to 3");
  check_problem(
      "tune:\n  variables:\n    - {key: 'arms.c2m.nodes[plant].production.lines', "
      "from: 1, to: 3}\n    - {key: 'arms.c2m.nodes[plant].production.lines', from: 1, "
      "to: 4}\n",
      "'arms.c2m.nodes[plant].production.lines', from: 1, to: 4", "repeats the variable of line");
  check_problem(
      "tune:\n  variables:\n    - {key: 'arms.c2m.nodes[plant].production.lines', from: 1, "
      "to: 3, step: 1}\n",
      "step", "unknown key");
  check_problem("tune:\n  budget: 0\n", "0\n", "whole number");
}

TEST_CASE("an arm's default variables are its policy parameters, each starting at its value",
          "[scenario][tune]") {
  const auto r = s::load_scenario_file(source_dir() / "scenarios/quickstart.yaml");
  REQUIRE(r.ok());
  const s::Scenario& sc = *r.scenario;
  const auto vars = s::default_tune_variables(sc, *sc.find_arm("traditional"));
  std::vector<std::string> keys;
  for (const auto& v : vars) keys.push_back(v.key);
  const std::string dc = "arms.traditional.nodes[brand-dc].";
  CHECK(std::find(keys.begin(), keys.end(),
                  "arms.traditional.nodes[factory].stock.policy.base_stock.level") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(),
                  dc + "stock.policy.forecast_order_up_to.safety_factor") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), dc + "stock.stocked_variants") != keys.end());
  for (const auto& v : vars) {
    INFO(v.key);
    REQUIRE(v.start.has_value());
    REQUIRE(v.whole.has_value());
    CHECK(v.from <= *v.start);
    CHECK(*v.start <= v.to);
    CHECK(s::tunable_value(sc, *sc.find_arm("traditional"), v.key) == v.start);
  }
  // The factory's base-stock level 400: whole numbers from 0 to 3 x 400 + 20.
  const auto level = std::find(keys.begin(), keys.end(),
                               "arms.traditional.nodes[factory].stock.policy.base_stock.level");
  const auto& lv = vars[static_cast<std::size_t>(level - keys.begin())];
  CHECK(*lv.start == 400);
  CHECK(lv.from == 0);
  CHECK(lv.to == 1220);
  CHECK(*lv.whole);
  // Every default key path is one the file accepts at its start value.
  s::ScenarioOverrides at_start;
  for (const auto& v : vars) {
    at_start.sets.push_back({"--set", v.key + "=" + std::to_string(*v.start)});
  }
  at_start.file_sweep = false;
  const auto loaded = s::load_scenario_points(source_dir() / "scenarios/quickstart.yaml", at_start);
  INFO((loaded.diagnostics.empty() ? "" : s::to_string(loaded.diagnostics.front())));
  CHECK(loaded.ok());
  // A make-to-order factory's batching window is a default variable of the C2M arm.
  const auto c2m = s::default_tune_variables(sc, *sc.find_arm("c2m"));
  CHECK(std::any_of(c2m.begin(), c2m.end(), [](const auto& v) {
    return v.key == "arms.c2m.nodes[factory].production.batching_window_days" && !*v.whole;
  }));
}

TEST_CASE("an overlay holds a tuned arm that extends the arm and changes only the tuned values",
          "[scenario][tune]") {
  const std::string text = minimal_scenario();
  std::string error;
  const auto overlay = s::arm_overlay_text(text, "m.yaml", "traditional", "traditional-tuned",
                                           {"arms.traditional.nodes[shop].stock.policy.r_Q.r=17",
                                            "arms.traditional.nodes[dc].stock.policy.s_S.S=90"},
                                           "# a header\n", error);
  INFO(error);
  REQUIRE(overlay.has_value());
  CHECK(overlay->rfind("# a header\narms:\n  traditional-tuned:\n    extends: traditional\n", 0) ==
        0);
  TempDir dir;
  write_text(dir.path() / "tuned.yaml", *overlay);
  const auto read = s::read_arm_overlay(dir.path() / "tuned.yaml", "--tuned");
  REQUIRE(read.ok());
  REQUIRE(read.arms.size() == 1);
  CHECK(read.arms[0].name == "traditional-tuned");
  CHECK(read.arms[0].extends == "traditional");
  s::ScenarioOverrides overrides;
  overrides.sets = read.sets;
  const auto loaded = s::load_scenario_points_text(text, "m.yaml", overrides);
  REQUIRE(loaded.ok());
  const s::Scenario& sc = *loaded.base;
  const s::Arm* tuned = sc.find_arm("traditional-tuned");
  const s::Arm* original = sc.find_arm("traditional");
  REQUIRE(tuned != nullptr);
  CHECK(std::get<s::RQPolicy>(tuned->find_node("shop")->stock->policy).r == 17);
  CHECK(std::get<s::RQPolicy>(tuned->find_node("shop")->stock->policy).Q == 30);  // inherited
  CHECK(std::get<s::SsPolicy>(tuned->find_node("dc")->stock->policy).S == 90);
  CHECK(std::get<s::SsPolicy>(tuned->find_node("dc")->stock->policy).s == 20);
  CHECK(std::get<s::RQPolicy>(original->find_node("shop")->stock->policy).r == 10);
  CHECK(tuned->nodes.size() == original->nodes.size());
  CHECK(tuned->lanes.size() == original->lanes.size());
}

TEST_CASE("an overlay that is not one is refused at its line and column", "[scenario][tune]") {
  TempDir dir;
  const auto problem = [&](const std::string& text) {
    write_text(dir.path() / "o.yaml", text);
    const auto r = s::read_arm_overlay(dir.path() / "o.yaml", "--tuned");
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics.front();
  };
  CHECK(problem("name: x\n").message.find("the one key `arms`") != std::string::npos);
  const auto no_extends = problem("arms:\n  t2:\n    nodes: []\n");
  CHECK(no_extends.message.find("extends") != std::string::npos);
  CHECK(no_extends.position.line == 2);
  CHECK(no_extends.position.column == 3);
  CHECK(problem("arms: [1, 2]\n").message.find("map from new arm names") != std::string::npos);
  CHECK(problem("arms:\n  t2: {extends: traditional\n").message.find("YAML") != std::string::npos);
  const auto missing = s::read_arm_overlay(dir.path() / "none.yaml", "--tuned");
  CHECK_FALSE(missing.ok());
}
