// End-to-end: `c2msim decompose` on the quickstart's decompose: section writes decomposition.csv
// (the documented columns, values that add up, the same bytes for any thread count), refuses bad
// input with exit status 2 before anything is written, and stops cleanly on a signal.

#include <fmt/core.h>
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "tests/cli/background_cli.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using c2msim::test::quoted;
using c2msim::test::read_text;
using c2msim::test::run_cli;
using c2msim::test::source_dir;
using c2msim::test::split;
using c2msim::test::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path kQuickstart = source_dir() / "scenarios/quickstart.yaml";

const std::vector<std::string> kLevers{"price", "assortment", "information", "flexibility"};

// One row of decomposition.csv (no field of quickstart's is quoted).
struct Row {
  double mean = 0;
  double low = 0;
  double high = 0;
  double own = 0;
  std::string replications;
};

// decomposition.csv by (metric, kind, lever); the header in `header`.
std::map<std::tuple<std::string, std::string, std::string>, Row> read_decomposition(
    const fs::path& path, std::string& header) {
  std::map<std::tuple<std::string, std::string, std::string>, Row> rows;
  std::istringstream in(read_text(path));
  std::getline(in, header);
  for (std::string line; std::getline(in, line);) {
    const std::vector<std::string> f = split(line);
    REQUIRE(f.size() == 11);
    CHECK(f[1] == "system");
    const auto number = [](const std::string& s) { return s.empty() ? NAN : std::stod(s); };
    rows[{f[0], f[2], f[3]}] = {number(f[4]), number(f[5]), number(f[6]), number(f[7]), f[10]};
  }
  return rows;
}

fs::path decompose_quickstart(const TempDir& dir, const std::string& name,
                              const std::string& options) {
  const fs::path out = dir.path() / name;
  const auto r =
      run_cli("decompose " + quoted(kQuickstart) + " " + options + " --out " + quoted(out), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return out;
}

}  // namespace

TEST_CASE("decompose writes decomposition.csv with the documented columns",
          "[cli][e2e][decompose]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r =
      run_cli("decompose " + quoted(kQuickstart) + " -n 3 -j 2 --out " + quoted(out), dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());  // no progress bar off a terminal
  for (const char* file : {"decomposition.csv", "manifest.json", "metrics.csv"}) {
    INFO(file);
    CHECK(fs::exists(out / file));
  }
  std::string header;
  const auto rows = read_decomposition(out / "decomposition.csv", header);
  CHECK(header ==
        "metric,scope,kind,lever,mean,ci95_low,ci95_high,own_effect,own_effect_ci95_low,"
        "own_effect_ci95_high,replications");
  // Every headline metric: the base, each lever, every lever, the total, the target, the
  // residual; 9 rows for each of the 14.
  CHECK(rows.size() == 14 * 9);
  for (const char* metric : {"inventory_turnover", "fill_rate", "lead_time_mean", "bullwhip",
                             "profit", "consumer_spending"}) {
    INFO(metric);
    for (const char* kind : {"base", "all_levers", "total", "target", "residual"}) {
      CHECK(rows.count({metric, kind, ""}) == 1);
    }
    for (const std::string& lever : kLevers) {
      REQUIRE(rows.count({metric, "lever", lever}) == 1);
      CHECK(rows.at({metric, "lever", lever}).replications == "3");
    }
  }
  // The table on the terminal: each metric's levers with their values and shares.
  CHECK(r.out.find("profit (system): traditional ") != std::string::npos);
  CHECK(r.out.find("Shapley value [95% CI]") != std::string::npos);
  CHECK(r.out.find("  residual to c2m  ") != std::string::npos);
  const auto manifest = nlohmann::json::parse(read_text(out / "manifest.json"));
  CHECK(manifest["base"] == "traditional");
  CHECK(manifest["target"] == "c2m");
  CHECK(manifest["replications"] == 3);
  CHECK(manifest["seed"] == 1111);
  CHECK(manifest["combinations"] == 16);
  REQUIRE(manifest["levers"].size() == 4);
  CHECK(manifest["levers"][0]["name"] == "price");
  CHECK(manifest["levers"][0]["overrides"][3]["key_path"] ==
        "arms.traditional.nodes[retailer].markup");
  CHECK(manifest["levers"][0]["overrides"][3]["value"] == "0.08");
  CHECK(manifest["scenario_sha256"].get<std::string>().size() == 64);
}

TEST_CASE("the Shapley values in decomposition.csv add up to the total difference",
          "[cli][e2e][decompose]") {
  TempDir dir;
  const fs::path out = decompose_quickstart(dir, "results", "-n 4 -q");
  std::string header;
  const auto rows = read_decomposition(out / "decomposition.csv", header);
  for (const char* metric : {"inventory_turnover", "service_level", "lead_time_p95", "bullwhip",
                             "utilisation", "profit"}) {
    INFO(metric);
    double sum = 0;
    for (const std::string& lever : kLevers) sum += rows.at({metric, "lever", lever}).mean;
    const Row& base = rows.at({metric, "base", ""});
    const Row& all = rows.at({metric, "all_levers", ""});
    const Row& total = rows.at({metric, "total", ""});
    const double scale = std::max({1.0, std::fabs(base.mean), std::fabs(all.mean)});
    CHECK(std::fabs(sum - total.mean) <= 1e-9 * scale);
    CHECK(std::fabs(base.mean + total.mean - all.mean) <= 1e-9 * scale);
    CHECK(std::fabs(all.mean + rows.at({metric, "residual", ""}).mean -
                    rows.at({metric, "target", ""}).mean) <= 1e-9 * scale);
    CHECK(total.low <= total.mean);
    CHECK(total.mean <= total.high);
  }
}

TEST_CASE("decompose's base and target are the arms run runs, and assortment is full range",
          "[cli][e2e][decompose]") {
  // The base and target rows are the arms as `run` runs them on the same replications; the
  // assortment lever holds the overrides of the traditional-full-range arm, so its own effect is
  // that arm's paired difference from traditional.
  TempDir dir;
  const fs::path out = decompose_quickstart(dir, "decomposed", "-n 3 -q");
  const fs::path run = dir.path() / "run";
  const auto r = run_cli("run " + quoted(kQuickstart) + " -n 3 -q --out " + quoted(run), dir);
  REQUIRE(r.status == 0);
  std::string header;
  const auto rows = read_decomposition(out / "decomposition.csv", header);
  int compared = 0;
  std::istringstream summary(read_text(run / "summary.csv"));
  for (std::string line; std::getline(summary, line);) {
    const std::vector<std::string> f = split(line);  // arm, scope, metric, n, mean, ...
    const char* kind = f[0] == "traditional" ? "base" : f[0] == "c2m" ? "target" : nullptr;
    if (kind == nullptr || f[1] != "system" || rows.count({f[2], kind, ""}) == 0) continue;
    INFO(f[0] << " " << f[2]);
    CHECK(rows.at({f[2], kind, ""}).mean == Approx(std::stod(f[4])).epsilon(1e-12).margin(1e-12));
    ++compared;
  }
  std::istringstream comparison(read_text(run / "comparison.csv"));
  for (std::string line; std::getline(comparison, line);) {
    const std::vector<std::string> f = split(line);  // arm, baseline, scope, metric, n, mean, ...
    if (f[0] != "traditional-full-range" || f[2] != "system" ||
        rows.count({f[3], "lever", "assortment"}) == 0) {
      continue;
    }
    INFO(f[3]);
    const double own = rows.at({f[3], "lever", "assortment"}).own;
    CHECK(own == Approx(std::stod(f[5])).epsilon(1e-12).margin(1e-12));
    ++compared;
  }
  CHECK(compared == 3 * 14);
}

TEST_CASE("decompose gives the same decomposition.csv for 1 and 2 threads",
          "[cli][e2e][decompose][parallel]") {
  TempDir dir;
  const fs::path one = decompose_quickstart(dir, "one", "-n 4 -q -j 1");
  const fs::path two = decompose_quickstart(dir, "two", "-n 4 -q -j 2");
  const std::string a = read_text(one / "decomposition.csv");
  CHECK(a.size() > 1000);
  CHECK(a == read_text(two / "decomposition.csv"));
}

TEST_CASE("decompose --metric and --scope choose what is decomposed", "[cli][e2e][decompose]") {
  TempDir dir;
  const fs::path out =
      decompose_quickstart(dir, "retailer", "-n 2 -q --scope retailer --metric holding_cost");
  const std::string csv = read_text(out / "decomposition.csv");
  CHECK(csv.find("\nholding_cost,retailer,lever,price,") != std::string::npos);
  CHECK(csv.find(",system,") == std::string::npos);
  // c2m has no retailer: its rows hold no replication.
  CHECK(csv.find("\nholding_cost,retailer,target,,nan,nan,nan,,,,0\n") != std::string::npos);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 9);
}

TEST_CASE("decompose refuses bad options with exit status 2 before anything is written",
          "[cli][e2e][decompose]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const std::string base = "decompose " + quoted(kQuickstart) + " --out " + quoted(out) + " ";
  const std::pair<std::string, std::string> cases[] = {
      {"-n 2 --metric proft",
       "c2msim decompose: error: --metric proft: no such metric (did you mean 'profit'?)"},
      {"-n 2 --metric list_markup --scope retailer",
       "c2msim decompose: error: --metric list_markup is not reported at scope 'retailer': it "
       "is a system (whole chain) metric"},
      {"-n 2 --metric holding_cost",
       "c2msim decompose: error: --metric holding_cost is not reported at scope 'system'"},
      {"-n 2 --scope platform",
       "c2msim decompose: error: --scope platform: expected system or a node of traditional "
       "(factory, brand-dc, distributor, retailer)"},
      {"-n 1", "c2msim decompose: error: a confidence interval needs at least 2 replications"},
      {"-n 0", "--replications"},
      {"-n 2 --set 'arms.traditional.nodes[retailer].markup=-1'",
       "--set arms.traditional.nodes[retailer].markup=-1: error: must be between 0 and 100"},
  };
  for (const auto& [options, message] : cases) {
    INFO(options);
    const auto r = run_cli(base + options, dir);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("decompose reports a bad decompose: section at its line and column, exit status 2",
          "[cli][e2e][decompose]") {
  TempDir dir;
  const std::string original = read_text(kQuickstart);
  const fs::path file = dir.path() / "bad.yaml";
  const fs::path out = dir.path() / "results";
  const auto at = [&](const std::string& text, const std::string& what) {
    const auto p = c2msim::test::line_column(text, text.rfind(what));
    return fmt::format("{}:{}:{}: error: ", file.string(), p.line, p.column);
  };
  struct Case {
    std::string from, to, where, message;
  };
  const Case cases[] = {
      // A value the file would refuse, with the lever at fault.
      {"changeover_days: 0.01\n", "changeover_days: -0.01\n", "-0.01\n",
       "arms.traditional.nodes[0].production.changeover_days: with lever 'flexibility': must be "
       "between 0 and 36500, got -0.01"},
      // A key path outside the base arm.
      {"    flexibility:\n      arms.traditional.nodes[factory]",
       "    flexibility:\n      arms.c2m.nodes[factory]", "arms.c2m.nodes[factory].production",
       "decompose.levers.flexibility.arms.c2m.nodes[factory].production.changeover_days: a lever "
       "changes the base arm only"},
      // An unknown target.
      {"  target: c2m\n", "  target: c2n\n", "c2n\n",
       "decompose.target: unknown arm 'c2n'; did you mean 'c2m'?"},
  };
  for (const Case& c : cases) {
    INFO(c.to);
    std::string text = original;
    const std::size_t from = text.rfind(c.from);
    REQUIRE(from != std::string::npos);
    text.replace(from, c.from.size(), c.to);
    c2msim::test::write_text(file, text);
    const auto r = run_cli("decompose " + quoted(file) + " -n 2 --out " + quoted(out), dir);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(at(text, c.where) + c.message) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
  // A file without the section.
  const auto none =
      run_cli("decompose " + quoted(source_dir() / "tests/scenario/fixtures/minimal.yaml") +
                  " --out " + quoted(out),
              dir);
  CHECK(none.status == 2);
  CHECK(none.err.find("has no decompose: section") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("SIGINT stops decompose with status 130 and leaves the previous results",
          "[cli][e2e][decompose]") {
  TempDir dir;
  const fs::path out = decompose_quickstart(dir, "results", "-n 2 -q");
  const std::string previous = read_text(out / "decomposition.csv");
  c2msim::test::BackgroundCli run(
      {"decompose", kQuickstart.string(), "-n", "1000000", "-q", "--force", "--out", out.string()},
      dir.path());
  REQUIRE(c2msim::test::eventually(
      [&] { return c2msim::test::has_entry_starting(dir.path(), ".results.partial-"); }));
  run.signal(SIGINT);
  const int status = run.wait();
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK_FALSE(c2msim::test::has_entry_starting(dir.path(), ".results.partial-"));
  CHECK(read_text(out / "decomposition.csv") == previous);
}
