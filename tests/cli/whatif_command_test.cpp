// End-to-end what-ifs: `run --set`, `run --sweep` (and `sweep:` in a file) with sweep.csv, and
// `breakeven` on the minimal scenario, whose list markups make the crossing known by construction.

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenario/scenario_test_support.hpp"

using c2msim::test::quoted;
using c2msim::test::read_text;
using c2msim::test::run_cli;
using c2msim::test::source_dir;
using c2msim::test::split;
using c2msim::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string minimal() {
  return quoted(source_dir() / "tests/scenario/fixtures/minimal.yaml");
}

// The rows of a CSV file (no quoted fields), header first.
std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_text(path));
  for (std::string line; std::getline(in, line);) rows.push_back(split(line));
  return rows;
}

constexpr const char* kCommission = "'arms.c2m.nodes[platform].commission";
constexpr const char* kLines = "'arms.c2m.nodes[plant].production.lines";

}  // namespace

TEST_CASE("run --sweep writes one sweep.csv row per point, arm, scope and metric",
          "[cli][e2e][whatif]") {
  TempDir dir;
  const auto plain =
      run_cli("run " + minimal() + " -n 2 -q --out " + quoted(dir.path() / "p"), dir);
  REQUIRE(plain.status == 0);
  // arms x scopes x metrics, as the plain run reports them.
  const std::size_t per_point = read_csv(dir.path() / "p/summary.csv").size() - 1;
  REQUIRE(per_point > 10);

  const fs::path out = dir.path() / "s";
  const auto r = run_cli("run " + minimal() + " -n 2 --sweep " + kCommission + "=0.04,0.08' " +
                             "--sweep " + kLines + "=1:2:2' --out " + quoted(out),
                         dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto rows = read_csv(out / "sweep.csv");
  REQUIRE(!rows.empty());
  CHECK(rows[0] == std::vector<std::string>{"point", "arms.c2m.nodes[platform].commission",
                                            "arms.c2m.nodes[plant].production.lines", "arm",
                                            "scope", "metric", "n", "mean", "ci95_low", "ci95_high",
                                            "mean_difference", "difference_ci95_low",
                                            "difference_ci95_high"});
  CHECK(rows.size() - 1 == 4 * per_point);
  // Points in grid order, the first key slowest.
  std::vector<std::string> seen;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string point = rows[i][0] + ":" + rows[i][1] + ":" + rows[i][2];
    if (seen.empty() || seen.back() != point) seen.push_back(point);
  }
  CHECK(seen == std::vector<std::string>{"0:0.04:1", "1:0.04:2", "2:0.08:1", "3:0.08:2"});
  CHECK(fs::exists(out / "replications.csv"));
  CHECK(
      read_text(out / "replications.csv").rfind("point,arm,replication,scope,metric,value\n", 0) ==
      0);
  const auto manifest = nlohmann::json::parse(read_text(out / "manifest.json"));
  CHECK(manifest.at("sweep").at("keys").size() == 2);
  CHECK(manifest.at("sweep").at("points").size() == 4);
  CHECK(r.out.find("sweep points") != std::string::npos);
}

TEST_CASE("sweep points share their random numbers: the unchanged arm is identical at each",
          "[cli][e2e][whatif]") {
  TempDir dir;
  const fs::path out = dir.path() / "s";
  const auto r = run_cli(
      "run " + minimal() + " -n 3 -q --sweep " + kCommission + "=0.02,0.3' --out " + quoted(out),
      dir);
  REQUIRE(r.status == 0);
  std::map<std::string, std::vector<std::string>> traditional[2];
  std::map<std::string, std::vector<std::string>> c2m[2];
  for (const auto& row : read_csv(out / "sweep.csv")) {
    if (row[0] != "0" && row[0] != "1") continue;
    const int p = row[0] == "0" ? 0 : 1;
    const std::vector<std::string> rest(row.begin() + 5, row.end());
    (row[2] == "traditional" ? traditional : c2m)[p][row[3] + "/" + row[4]] = rest;
  }
  REQUIRE(!traditional[0].empty());
  CHECK(traditional[0] == traditional[1]);  // same customers, same traditional chain
  CHECK(c2m[0].at("system/list_markup") != c2m[1].at("system/list_markup"));
  // n, mean, ci95_low, ci95_high, mean_difference, ...: the paired difference from the baseline.
  const auto& c = c2m[0].at("system/consumer_spending");
  const auto& t = traditional[0].at("system/consumer_spending");
  CHECK(std::stod(c[4]) == Approx(std::stod(c[1]) - std::stod(t[1])).epsilon(1e-9));
  CHECK(t[4].empty());  // none for the baseline itself
  CHECK(t[6].empty());
}

TEST_CASE("two sweep points with the same values give the same results as a plain run",
          "[cli][e2e][whatif]") {
  TempDir dir;
  const auto s = run_cli("run " + minimal() + " -n 3 -q --sweep " + kCommission +
                             "=0.1,0.1' --out " + quoted(dir.path() / "s"),
                         dir);
  const auto p = run_cli("run " + minimal() + " -n 3 -q --set " + kCommission + "=0.1' --out " +
                             quoted(dir.path() / "p"),
                         dir);
  REQUIRE(s.status == 0);
  REQUIRE(p.status == 0);
  std::vector<std::vector<std::string>> points[2];
  for (const auto& row : read_csv(dir.path() / "s/sweep.csv")) {
    if (row[0] == "0" || row[0] == "1")
      points[row[0] == "1"].emplace_back(row.begin() + 1, row.end());
  }
  REQUIRE(!points[0].empty());
  CHECK(points[0] == points[1]);
  // summary.csv: arm, scope, metric, n, mean, sd, ci95_low, ci95_high; sweep: ..., n, mean, ci.
  const auto summary = read_csv(dir.path() / "p/summary.csv");
  REQUIRE(summary.size() - 1 == points[0].size());
  for (std::size_t i = 0; i < points[0].size(); ++i) {
    const auto& sw = points[0][i];
    const auto& su = summary[i + 1];
    INFO(su[0] << " " << su[1] << " " << su[2]);
    CHECK(std::vector<std::string>{sw[1], sw[2], sw[3], sw[4], sw[5], sw[6], sw[7]} ==
          std::vector<std::string>{su[0], su[1], su[2], su[3], su[4], su[6], su[7]});
  }
}

TEST_CASE("a sweep: section in the file is run like --sweep", "[cli][e2e][whatif]") {
  TempDir dir;
  const fs::path file = dir.path() / "swept.yaml";
  c2msim::test::write_text(file, c2msim::test::minimal_scenario() +
                                     "sweep:\n"
                                     "  arms.c2m.nodes[platform].commission: [0.04, 0.08, 0.12]\n");
  const fs::path out = dir.path() / "s";
  const auto r = run_cli("run " + quoted(file) + " -n 2 -q --out " + quoted(out), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());  // --quiet
  const auto rows = read_csv(out / "sweep.csv");
  CHECK(rows[0][1] == "arms.c2m.nodes[platform].commission");
  CHECK(rows.back()[0] == "2");
  CHECK(rows.back()[1] == "0.12");
  CHECK_FALSE(fs::exists(out / "summary.csv"));
  // --no-sweep runs the file as written.
  const fs::path plain = dir.path() / "p";
  REQUIRE(
      run_cli("run " + quoted(file) + " -n 2 -q --no-sweep --out " + quoted(plain), dir).status ==
      0);
  CHECK(fs::exists(plain / "summary.csv"));
  CHECK_FALSE(fs::exists(plain / "sweep.csv"));
}

TEST_CASE("a bad --set or --sweep is bad input reported at the argument", "[cli][e2e][whatif]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto bad_value =
      run_cli("run " + minimal() + " --set " + kLines + "=x' --out " + quoted(out), dir);
  CHECK(bad_value.status == 2);
  CHECK(bad_value.err.rfind("--set arms.c2m.nodes[plant].production.lines=x: error: expected a "
                            "number, got 'x'\n",
                            0) == 0);
  const auto bad_key = run_cli(
      "run " + minimal() + " --set 'arms.c2m.nodez[plant].markup=0.1' --out " + quoted(out), dir);
  CHECK(bad_key.status == 2);
  CHECK(bad_key.err.find("--set arms.c2m.nodez[plant].markup=0.1: error: no key 'nodez' in "
                         "'arms.c2m' (did you mean 'nodes'?)") != std::string::npos);
  const auto bad_sweep =
      run_cli("run " + minimal() + " --sweep " + kLines + "=1,0' --out " + quoted(out), dir);
  CHECK(bad_sweep.status == 2);
  CHECK(bad_sweep.err.find("--sweep arms.c2m.nodes[plant].production.lines=1,0: error: at sweep "
                           "point 1") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a --set holding a newline is one line of error, and --set sweep is refused",
          "[cli][e2e][whatif]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto newline =
      run_cli("run " + minimal() + " --set 'horizon_days=[1,\n2]' --out " + quoted(out), dir);
  CHECK(newline.status == 2);
  CHECK(newline.err ==
        "--set horizon_days=[1,\\n2]: error: expected a number in (0, 36500], got a list\n");
  const auto sweep = run_cli(
      "run " + minimal() + " --set 'sweep={horizon_days: [50, 60]}' --out " + quoted(out), dir);
  CHECK(sweep.status == 2);
  CHECK(sweep.err.find("--set sweep={horizon_days: [50, 60]}: error: --set cannot change the "
                       "file's sweep: section") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("breakeven finds the commission at which C2M's list markup equals the chain's",
          "[cli][e2e][whatif][breakeven]") {
  // minimal.yaml: the traditional chain marks up 10%, 10% and 30%; the c2m plant has no markup, so
  // c2m's list markup 1 + commission crosses the chain's 1.1 x 1.1 x 1.3 at this commission.
  const double crossing = 1.1 * 1.1 * 1.3 - 1.0;
  TempDir dir;
  const fs::path out = dir.path() / "b";
  const auto r =
      run_cli("breakeven " + minimal() + " --param " + kCommission +
                  "' --range 0:1 --metric list_markup -n 2 --tolerance 1e-4 --out " + quoted(out),
              dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(read_text(out / "breakeven.json"));
  CHECK(j.at("status") == "found");
  CHECK(j.at("parameter") == "arms.c2m.nodes[platform].commission");
  CHECK(j.at("metric") == "list_markup");
  CHECK(j.at("scope") == "system");
  CHECK(j.at("arm") == "c2m");
  CHECK(j.at("baseline") == "traditional");
  CHECK(j.at("replications") == 2);
  const double low = j.at("low");
  const double high = j.at("high");
  CHECK(low <= crossing);
  CHECK(crossing <= high);
  CHECK(high - low <= 1e-4);
  // The difference is linear in the commission, so interpolation is exact up to rounding.
  CHECK(j.at("estimate").get<double>() == Approx(crossing).margin(1e-9));
  const auto& evaluations = j.at("evaluations");
  REQUIRE(evaluations.size() >= 3);
  CHECK(evaluations[0].at("value") == 0.0);
  CHECK(evaluations[0].at("mean_difference").get<double>() == Approx(-crossing));
  CHECK(evaluations[1].at("value") == 1.0);
  CHECK(r.out.find("found") != std::string::npos);
}

TEST_CASE("breakeven with no sign change in the range says so and exits 0",
          "[cli][e2e][whatif][breakeven]") {
  TempDir dir;
  const fs::path out = dir.path() / "b";
  const auto r = run_cli("breakeven " + minimal() + " --param " + kCommission +
                             "' --range 0.7:1 --metric list_markup -n 2 -q --out " + quoted(out),
                         dir);
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  const auto j = nlohmann::json::parse(read_text(out / "breakeven.json"));
  CHECK(j.at("status") == "no_sign_change");
  CHECK(j.at("estimate").is_null());
  CHECK(j.at("evaluations").size() == 2);
}

TEST_CASE("breakeven rejects bad input with exit status 2", "[cli][e2e][whatif][breakeven]") {
  TempDir dir;
  const fs::path out = dir.path() / "b";
  const std::string base = "breakeven " + minimal() + " -n 2 --out " + quoted(out) + " ";
  const std::pair<std::string, std::string> cases[] = {
      {std::string("--param ") + kCommission + "' --range 1 --metric profit", "--range 1"},
      {std::string("--param ") + kCommission + "' --range 1:0 --metric profit", "LO < HI"},
      {std::string("--param ") + kCommission + "' --range 0:1 --metric proft",
       "--metric proft: no such metric (did you mean 'profit'?)"},
      {std::string("--param ") + kCommission + "' --range 0:1 --metric list_markup --scope shop",
       "--scope shop"},
      {std::string("--param ") + kCommission + "' --range 0:1 --metric profit --arm c2n",
       "--arm c2n: no such arm"},
      {"--param 'arms.c2m.nodes[platfrm].commission' --range 0:1 --metric profit",
       "--param arms.c2m.nodes[platfrm].commission=0: error: 'arms.c2m.nodes' has no element"},
      {std::string("--param ") + kCommission + "' --range -1:1 --metric profit",
       "must be between 0 and 100, got -1"},
      {std::string("--param ") + kCommission + "' --range 0:1", "--metric is required"},
  };
  for (const auto& [args, message] : cases) {
    INFO(args);
    const auto r = run_cli(base + args, dir);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(message) != std::string::npos);
  }
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a sweep gives byte-identical files for any thread count",
          "[cli][e2e][whatif][parallel]") {
  TempDir dir;
  std::string first;
  for (const char* threads : {"1", "2", "5"}) {
    const fs::path out = dir.path() / (std::string("t") + threads);
    const auto r = run_cli("run " + minimal() + " -n 5 -q -j " + threads + " --sweep " + kLines +
                               "=1,2' --out " + quoted(out),
                           dir);
    REQUIRE(r.status == 0);
    const std::string all = read_text(out / "sweep.csv") + read_text(out / "replications.csv");
    if (first.empty()) first = all;
    CHECK(all == first);
  }
}

TEST_CASE("--set and --sweep take one argument each, before or after the file",
          "[cli][e2e][whatif]") {
  TempDir dir;
  const fs::path out = dir.path() / "s";
  const auto r = run_cli("run --set horizon_days=60 --sweep seed=1,2 " + minimal() +
                             " -n 2 -q --set warmup_days=5 --out " + quoted(out),
                         dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto manifest = nlohmann::json::parse(read_text(out / "manifest.json"));
  CHECK(manifest.at("sets") == nlohmann::json({"horizon_days=60", "warmup_days=5"}));
  CHECK(manifest.at("sweep").at("keys") == nlohmann::json({"seed"}));
  CHECK(manifest.at("sweep").at("points").at(1).at("seed") == 2);
}
