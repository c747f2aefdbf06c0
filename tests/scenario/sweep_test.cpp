// Sweep grids: the `sweep:` section and `--sweep` arguments, the cartesian product in order (first
// key slowest), the range form, and every point checked like a file.

#include "sim/scenario/sweep.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "scenario/scenario_test_support.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sc = c2msim::scenario;

namespace {

sc::ScenarioPoints load(const std::string& sweep_section, std::vector<std::string> sweeps = {},
                        std::vector<std::string> sets = {}) {
  sc::ScenarioOverrides overrides;
  overrides.sweeps = std::move(sweeps);
  for (std::string& s : sets) overrides.sets.push_back({"--set", std::move(s)});
  return sc::load_scenario_points_text(c2msim::test::minimal_scenario() + sweep_section,
                                       "minimal.yaml", overrides);
}

std::string all_problems(const sc::ScenarioPoints& p) {
  std::string out;
  for (const auto& d : p.diagnostics) out += to_string(d) + "\n";
  return out;
}

double commission(const sc::Scenario& s) {
  return s.find_arm("c2m")->nodes[1].commission;
}

}  // namespace

TEST_CASE("the sweep grid is the cartesian product, the first key varying slowest",
          "[scenario][sweep]") {
  const auto p = load(
      "sweep:\n"
      "  horizon_days: [60, 80, 100]\n"
      "  arms.c2m.nodes[platform].commission: [0.04, 0.08]\n");
  INFO(all_problems(p));
  REQUIRE(p.ok());
  CHECK(p.swept_keys ==
        std::vector<std::string>{"horizon_days", "arms.c2m.nodes[platform].commission"});
  REQUIRE(p.points.size() == 6);
  const double horizons[] = {60, 60, 80, 80, 100, 100};
  const double commissions[] = {0.04, 0.08, 0.04, 0.08, 0.04, 0.08};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO("point " << i);
    CHECK(p.points[i].scenario.horizon_days == horizons[i]);
    CHECK(commission(p.points[i].scenario) == commissions[i]);
    CHECK(p.points[i].values[0] == std::to_string(static_cast<int>(horizons[i])));
  }
  CHECK(p.points[1].values[1] == "0.08");
  // The base is the file as written.
  CHECK(p.base->horizon_days == 100);
  CHECK(commission(*p.base) == 0.05);
}

TEST_CASE("grid coordinates number the points from 0, last dimension fastest",
          "[scenario][sweep]") {
  std::vector<sc::SweepDimension> dims(3);
  dims[0].values.resize(2);
  dims[1].values.resize(3);
  dims[2].values.resize(4);
  CHECK(sc::grid_size(dims) == 24);
  CHECK(sc::grid_size({}) == 1);
  CHECK(sc::grid_coordinates(dims, 0) == std::vector<std::size_t>{0, 0, 0});
  CHECK(sc::grid_coordinates(dims, 1) == std::vector<std::size_t>{0, 0, 1});
  CHECK(sc::grid_coordinates(dims, 4) == std::vector<std::size_t>{0, 1, 0});
  CHECK(sc::grid_coordinates(dims, 12) == std::vector<std::size_t>{1, 0, 0});
  CHECK(sc::grid_coordinates(dims, 23) == std::vector<std::size_t>{1, 2, 3});
}

TEST_CASE("a range is steps evenly spaced values, both ends included", "[scenario][sweep]") {
  CHECK(sc::range_values(0.02, 0.2, 10) == std::vector<std::string>{"0.02", "0.04", "0.06", "0.08",
                                                                    "0.1", "0.12", "0.14", "0.16",
                                                                    "0.18", "0.2"});
  CHECK(sc::range_values(1, 4, 4) == std::vector<std::string>{"1", "2", "3", "4"});
  CHECK(sc::range_values(5, 3, 3) == std::vector<std::string>{"5", "4", "3"});

  const auto file = load(
      "sweep:\n  arms.c2m.nodes[platform].commission: {from: 0.02, to: 0.2, "
      "steps: 10}\n");
  INFO(all_problems(file));
  REQUIRE(file.ok());
  REQUIRE(file.points.size() == 10);
  CHECK(commission(file.points[1].scenario) == 0.04);
  CHECK(commission(file.points[9].scenario) == 0.2);

  const auto argument = load("", {"arms.c2m.nodes[platform].commission=0.02:0.2:10"});
  REQUIRE(argument.ok());
  REQUIRE(argument.points.size() == 10);
  for (std::size_t i = 0; i < 10; ++i) CHECK(argument.points[i].values == file.points[i].values);
}

TEST_CASE("--sweep adds a dimension or replaces the file's for the same key", "[scenario][sweep]") {
  const auto p = load("sweep:\n  horizon_days: [60, 80, 100]\n",
                      {"horizon_days=50,70", "arms.c2m.nodes[plant].production.lines=1,2,3"});
  INFO(all_problems(p));
  REQUIRE(p.ok());
  CHECK(p.swept_keys ==
        std::vector<std::string>{"horizon_days", "arms.c2m.nodes[plant].production.lines"});
  REQUIRE(p.points.size() == 6);
  CHECK(p.points[0].scenario.horizon_days == 50);
  CHECK(p.points[5].scenario.horizon_days == 70);
  CHECK(p.points[5].scenario.find_arm("c2m")->nodes[0].production->lines == 3);
}

TEST_CASE("--sweep values are YAML, maps included", "[scenario][sweep]") {
  const auto p = load("", {"arms.traditional.lanes[plant->dc].lead_time_days={gamma: {mean: 3, "
                           "sd: 1}},{uniform: {min: 1, max: 2}},4"});
  INFO(all_problems(p));
  REQUIRE(p.ok());
  REQUIRE(p.points.size() == 3);
  CHECK(p.points[0].values[0] == "{gamma: {mean: 3, sd: 1}}");
  CHECK(p.points[2].values[0] == "4");
}

TEST_CASE("--set applies at every point of the grid", "[scenario][sweep]") {
  const auto p = load("", {"horizon_days=60,80"}, {"arms.c2m.nodes[platform].commission=0.3"});
  REQUIRE(p.ok());
  REQUIRE(p.points.size() == 2);
  for (const auto& point : p.points) CHECK(commission(point.scenario) == 0.3);
}

TEST_CASE("a bad value at one sweep point is reported once, naming the point",
          "[scenario][sweep]") {
  const auto p = load("", {"arms.c2m.nodes[plant].production.lines=1,0", "horizon_days=60,80"});
  REQUIRE(p.diagnostics.size() == 1);
  const auto& d = p.diagnostics[0];
  CHECK(d.argument == "--sweep arms.c2m.nodes[plant].production.lines=1,0");
  CHECK(d.message.find("at sweep point 2 (arms.c2m.nodes[plant].production.lines=0, "
                       "horizon_days=60)") == 0);
  CHECK(d.message.find("must be a whole number between 1") != std::string::npos);
  CHECK(p.points.empty());
  CHECK_FALSE(p.base);
}

TEST_CASE("bad --sweep arguments are reported at the argument", "[scenario][sweep]") {
  const std::pair<const char*, const char*> cases[] = {
      {"horizon_days", "expected KEY=a,b,c or KEY=FROM:TO:STEPS"},
      {"horizon_days=", "at least one value"},
      {"horizon_days=1:2:1", "steps must be a whole number from 2"},
      {"horizon..days=1,2", "not a key path"},
      {"horizon_dayz=1,2",
       "at sweep point 0 (horizon_dayz=1): unknown key; did you mean "
       "'horizon_days'?"},
      {"arms.c2m.nodez[plant].markup=1,2", "no key 'nodez' in 'arms.c2m' (did you mean 'nodes'?)"},
  };
  for (const auto& [sweep, message] : cases) {
    INFO(sweep);
    const auto p = load("", {sweep});
    INFO(all_problems(p));
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].argument == std::string("--sweep ") + sweep);
    CHECK(p.diagnostics[0].message.find(message) != std::string::npos);
  }
}

TEST_CASE("a grid over the size limit is refused before any point is read", "[scenario][sweep]") {
  const auto p = load("", {"horizon_days=10:100:200", "seed=1:100:100"});
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].message.find("20000 points; at most 10000") != std::string::npos);
}

TEST_CASE("--set on the sweep: section is refused rather than ignored", "[scenario][sweep]") {
  for (const std::string set : {"sweep={horizon_days: [50, 60]}", "sweep.horizon_days=[50, 60]"}) {
    INFO(set);
    const auto p = load("sweep: {horizon_days: [40, 50]}\n", {}, {set});
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].argument == "--set " + set);
    CHECK(
        p.diagnostics[0].message.starts_with("--set cannot change the file's sweep: section; "
                                             "give the grid with --sweep KEY=VALUES"));
    CHECK_FALSE(p.base);
  }
}

TEST_CASE("a --set value holding a newline is reported on one line", "[scenario][key_path]") {
  const auto p = load("", {}, {"horizon_days=[1,\n2]"});
  REQUIRE(p.diagnostics.size() == 1);
  const std::string line = to_string(p.diagnostics[0]);
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.starts_with("--set horizon_days=[1,\\n2]: error: "));
}
