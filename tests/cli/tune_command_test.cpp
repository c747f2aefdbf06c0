// End-to-end `c2msim tune` and `run --tuned` on the minimal scenario with a tune: section.

#include <fmt/core.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/scenario/scenario_test_support.hpp"

using c2msim::test::minimal_scenario;
using c2msim::test::quoted;
using c2msim::test::read_text;
using c2msim::test::run_cli;
using c2msim::test::TempDir;
using c2msim::test::write_text;
namespace fs = std::filesystem;

namespace {

constexpr const char* kTune =
    "tune:\n"
    "  objective: {metric: profit}\n"
    "  constraints:\n"
    "    - {metric: fill_rate, at_least: 0.5}\n"
    "  variables:\n"
    "    - {key: 'arms.traditional.nodes[shop].stock.policy.r_Q.r', from: 0, to: 60}\n"
    "    - {key: 'arms.traditional.nodes[shop].stock.policy.r_Q.Q', from: 1, to: 60}\n";

// The minimal scenario with the tune section, written into `dir`.
std::string tunable(const TempDir& dir, const std::string& tune = kTune) {
  const fs::path file = dir.path() / "t.yaml";
  write_text(file, minimal_scenario() + tune);
  return quoted(file);
}

constexpr const char* kSmall = " --budget 400 -n 4 --confirmation 8 -q ";

}  // namespace

TEST_CASE("tune writes a tuned arm, its trajectory and a manifest, and run --tuned compares it",
          "[cli][e2e][tune]") {
  TempDir dir;
  const fs::path out = dir.path() / "tuned";
  const auto r = run_cli(
      "tune " + tunable(dir) + " --arm traditional" + kSmall + "--report --out " + quoted(out),
      dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  // The report draws the trajectory.
  CHECK(read_text(out / "report.html").find("Tuning traditional") != std::string::npos);
  const std::string overlay = read_text(out / "tuned-traditional.yaml");
  CHECK(overlay.find("arms:\n  traditional-tuned:\n    extends: traditional\n") !=
        std::string::npos);
  CHECK(overlay.find("r_Q: {r: ") != std::string::npos);
  const std::string csv = read_text(out / "tuning.csv");
  CHECK(csv.rfind("arm,stage,evaluation,iteration,incumbent,accepted,feasible,replications,"
                  "objective_mean,objective_ci95_low,objective_ci95_high,point\n",
                  0) == 0);
  CHECK(csv.find("\ntraditional,search,0,0,true,true,") != std::string::npos);
  CHECK(csv.find("\ntraditional,selection,") != std::string::npos);
  CHECK(csv.find("\ntraditional,confirmation-start,") != std::string::npos);
  const auto m = nlohmann::json::parse(read_text(out / "manifest.json"));
  REQUIRE(m.at("tuned").size() == 1);
  const auto& t = m.at("tuned")[0];
  CHECK(t.at("arm") == "traditional");
  CHECK(t.at("tuned_arm") == "traditional-tuned");
  CHECK(t.at("variables_from") == "tune section");
  CHECK(t.at("variables").size() == 2);
  CHECK(t.at("replications_used").get<int>() <= 400);
  CHECK(m.at("constraints")[0] == "fill_rate >= 0.5");
  const std::string status = t.at("status");
  CHECK((status == "improved" || status == "not_shown" || status == "start_is_best"));
  // The tuned values are the selected point only when the improvement is shown.
  for (const auto& v : t.at("variables")) {
    CHECK(v.at("tuned") == (status == "improved" ? v.at("selected") : v.at("start")));
  }

  const fs::path run = dir.path() / "run";
  const auto compared = run_cli(
      "run " + tunable(dir) + " -n 2 -q --tuned " + quoted(out) + " --out " + quoted(run), dir);
  INFO(compared.err);
  REQUIRE(compared.status == 0);
  const auto rm = nlohmann::json::parse(read_text(run / "manifest.json"));
  CHECK(rm.at("arms") == nlohmann::json::array({"traditional-tuned", "c2m"}));
  CHECK(rm.at("baseline") == "traditional-tuned");
  CHECK(rm.at("tuned").at("arms")[0].at("extends") == "traditional");
}

TEST_CASE("tune gives the same results for any thread count", "[cli][e2e][tune][parallel]") {
  TempDir dir;
  const auto once = [&](const std::string& threads) {
    const fs::path out = dir.path() / ("j" + threads);
    const auto r = run_cli("tune " + tunable(dir) + " --arm traditional" + kSmall + "-j " +
                               threads + " --out " + quoted(out),
                           dir);
    REQUIRE(r.status == 0);
    auto m = nlohmann::json::parse(read_text(out / "manifest.json"));
    m.erase("threads");
    m.erase("wall_seconds");
    return read_text(out / "tuning.csv") + read_text(out / "tuned-traditional.yaml") + m.dump();
  };
  CHECK(once("1") == once("2"));
}

TEST_CASE("tune without a tune section tunes the arm's policy parameters", "[cli][e2e][tune]") {
  TempDir dir;
  const fs::path out = dir.path() / "tuned";
  const auto r = run_cli(
      "tune " + tunable(dir, "") + " --arm traditional" + kSmall + "--out " + quoted(out), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto m = nlohmann::json::parse(read_text(out / "manifest.json"));
  const auto& t = m.at("tuned")[0];
  CHECK(t.at("variables_from") == "defaults");
  // plant base stock (R, level), dc s_S (R, s, S), shop r_Q (r, Q), and the two nodes' stocked
  // variants (4 variants, `all` by default at a warehouse and a retailer).
  CHECK(t.at("variables").size() == 9);
  CHECK(m.at("objective").at("metric") == "profit");
}

TEST_CASE("tune rejects bad input with exit status 2 and writes nothing", "[cli][e2e][tune]") {
  TempDir dir;
  const fs::path out = dir.path() / "never";
  const std::string base =
      "tune " + tunable(dir) + " --arm traditional" + kSmall + "--out " + quoted(out) + " ";
  const auto refused = [&](const std::string& args, const std::string& message) {
    const auto r = run_cli(base + args, dir);
    INFO(args);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  };
  refused("--maximise proft", "did you mean 'profit'");
  refused("--maximise profit --minimise total_cost", "not both");
  refused("--constraint 'service_level=0.9'", "expected METRIC>=BOUND");
  refused("--constraint 'service_levl>=0.9'", "did you mean 'service_level'");
  refused("--constraint 'service_level>=x'", "is not a number");
  refused("--scope nowhere", "reports no metric at this scope");
  refused("--constraint 'fill_rate@nowhere>=0.1'", "reports no metric at this scope");
  const auto small = run_cli("tune " + tunable(dir) + " --budget 10 -q --out " + quoted(out), dir);
  CHECK(small.status == 2);
  CHECK(small.err.find("too small") != std::string::npos);
  const auto r = run_cli("tune " + tunable(dir) + " --arm nope -q --out " + quoted(out), dir);
  CHECK(r.status == 2);
  CHECK(r.err.find("no such arm") != std::string::npos);
}

TEST_CASE("a tune variable whose end the file refuses is reported at the variable",
          "[cli][e2e][tune]") {
  TempDir dir;
  const std::string tune =
      "tune:\n"
      "  variables:\n"
      "    - {key: 'arms.traditional.nodes[dc].stock.policy.s_S.review_period_days', from: 0, to: "
      "9}\n";
  const auto r = run_cli(
      "tune " + tunable(dir, tune) + " --arm traditional -q --out " + quoted(dir.path() / "o"),
      dir);
  CHECK(r.status == 2);
  // The variable's entry is the file's last line.
  const std::string text = minimal_scenario() + tune;
  const auto line = std::count(text.begin(), text.end(), '\n');
  CHECK(r.err.find(fmt::format("t.yaml:{}:7: tune.variables[0]", line)) != std::string::npos);
  CHECK(r.err.find("review_period_days=0 is refused") != std::string::npos);
  // A key that is not a policy parameter needs a start.
  const auto no_start =
      run_cli("tune " +
                  tunable(dir,
                          "tune:\n  variables:\n    - {key: 'arms.traditional.nodes[shop].markup', "
                          "from: 0, to: 1}\n") +
                  " --arm traditional -q --out " + quoted(dir.path() / "o"),
              dir);
  CHECK(no_start.status == 2);
  CHECK(no_start.err.find("give `start:`") != std::string::npos);
}

TEST_CASE("run --tuned refuses a folder tune did not write or tuned on another file",
          "[cli][e2e][tune]") {
  TempDir dir;
  const fs::path out = dir.path() / "tuned";
  REQUIRE(
      run_cli("tune " + tunable(dir) + " --arm traditional" + kSmall + "--out " + quoted(out), dir)
          .status == 0);
  // The file changed since: its tuned values may no longer be the best.
  const fs::path other = dir.path() / "other.yaml";
  write_text(other, minimal_scenario() + kTune + "# edited\n");
  const auto changed = run_cli("run " + quoted(other) + " -n 2 -q --tuned " + quoted(out) +
                                   " --out " + quoted(dir.path() / "r"),
                               dir);
  CHECK(changed.status == 2);
  CHECK(changed.err.find("tuned on another content") != std::string::npos);
  const auto empty = run_cli("run " + tunable(dir) + " -n 2 -q --tuned " + quoted(dir.path()) +
                                 " --out " + quoted(dir.path() / "r"),
                             dir);
  CHECK(empty.status == 2);
  CHECK(empty.err.find("holds no tuned-ARM.yaml") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "r"));
}
