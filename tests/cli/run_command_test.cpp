// End-to-end: the real c2msim binary runs scenario files and writes its output directory.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/scenario/scenario_test_support.hpp"

using c2msim::test::quoted;
using c2msim::test::read_text;
using c2msim::test::run_cli;
using c2msim::test::source_dir;
using c2msim::test::TempDir;
namespace fs = std::filesystem;

namespace {
std::string quickstart() {
  return quoted(source_dir() / "scenarios/quickstart.yaml");
}
}  // namespace

TEST_CASE("run writes the output directory and prints the headline table", "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r = run_cli("run " + quickstart() + " -n 4 --out '" + out.string() + "'", dir);
  REQUIRE(r.status == 0);
  for (const char* file : {"replications.csv", "summary.csv", "comparison.csv", "manifest.json"}) {
    INFO(file);
    CHECK(fs::exists(out / file));
  }
  CHECK(read_text(out / "replications.csv").rfind("arm,replication,scope,metric,value\n", 0) == 0);
  CHECK(read_text(out / "summary.csv")
            .rfind("arm,scope,metric,n,mean,sd,ci95_low,ci95_high,p05,p50,p95\n", 0) == 0);
  CHECK(read_text(out / "comparison.csv").find("c2m,traditional,system,lead_time_mean,4,") !=
        std::string::npos);
  CHECK(read_text(out / "manifest.json").find("\"replications\": 4") != std::string::npos);
  for (const char* metric :
       {"inventory_turnover", "list_markup", "fill_rate", "lead_time_p95", "bullwhip", "profit"}) {
    CHECK(r.out.find(metric) != std::string::npos);
  }
  CHECK(r.err.empty());  // no progress bar when stderr is not a terminal
}

TEST_CASE("the same seed gives byte-identical results for any thread count",
          "[cli][e2e][parallel]") {
  TempDir dir;
  std::string first;
  for (const char* threads : {"1", "2", "8"}) {
    const fs::path out = dir.path() / (std::string("t") + threads);
    const auto r = run_cli(
        "run " + quickstart() + " -n 6 -q --timeseries 2 -j " + threads + " --out " + quoted(out),
        dir);
    REQUIRE(r.status == 0);
    const std::string all = read_text(out / "replications.csv") + read_text(out / "summary.csv") +
                            read_text(out / "comparison.csv") + read_text(out / "timeseries.csv");
    if (first.empty()) first = all;
    CHECK(all == first);
  }
}

TEST_CASE("another seed gives other results", "[cli][e2e]") {
  TempDir dir;
  const auto a = run_cli(
      "run " + quickstart() + " -n 2 -q --seed 1 --out '" + (dir.path() / "a").string() + "'", dir);
  const auto b = run_cli(
      "run " + quickstart() + " -n 2 -q --seed 2 --out '" + (dir.path() / "b").string() + "'", dir);
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  CHECK(read_text(dir.path() / "a/replications.csv") !=
        read_text(dir.path() / "b/replications.csv"));
}

TEST_CASE("an unknown arm is bad input: exit 2 and nothing written", "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r = run_cli("run " + quickstart() + " --arm nosuch --out '" + out.string() + "'", dir);
  CHECK(r.status == 2);
  CHECK(r.err.find("--arm nosuch") != std::string::npos);
  CHECK(r.err.find("traditional, c2m") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a bad scenario file stops the run before anything is written", "[cli][e2e]") {
  TempDir dir;
  const fs::path bad = dir.path() / "bad.yaml";
  std::string text = read_text(source_dir() / "scenarios/quickstart.yaml");
  text.replace(text.find("horizon_days: 365"), 17, "horizon_days: -5");
  c2msim::test::write_text(bad, text);
  const fs::path out = dir.path() / "results";
  const auto r = run_cli("run '" + bad.string() + "' --out '" + out.string() + "'", dir);
  CHECK(r.status == 2);
  CHECK(r.err.find("horizon_days") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("bad options are bad input", "[cli][e2e]") {
  TempDir dir;
  CHECK(run_cli("run " + quickstart() + " -n 0", dir).status == 2);
  CHECK(run_cli("run " + quickstart() + " --threads lots", dir).status == 2);
  CHECK(run_cli("run no-such-file.yaml", dir).status == 2);
}

TEST_CASE("running one arm runs just that arm", "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r =
      run_cli("run " + quickstart() + " --arm c2m -n 2 -q --out '" + out.string() + "'", dir);
  REQUIRE(r.status == 0);
  const std::string rows = read_text(out / "replications.csv");
  CHECK(rows.find("\nc2m,") != std::string::npos);
  CHECK(rows.find("\ntraditional,") == std::string::npos);
}

TEST_CASE("timeseries.csv holds every node's days for the first K replications of every arm",
          "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r =
      run_cli("run " + quickstart() + " -n 3 -q --timeseries 2 --out '" + out.string() + "'", dir);
  REQUIRE(r.status == 0);
  const std::string text = read_text(out / "timeseries.csv");
  CHECK(text.rfind("arm,replication,day,date,node,on_hand,backorders,on_order,orders_placed,"
                   "demand_received,arrivals\n",
                   0) == 0);
  // quickstart: 365 days; 4 nodes in the traditional arm, 2 in c2m; replications 0 and 1.
  const auto rows = std::count(text.begin(), text.end(), '\n') - 1;
  CHECK(rows == 2 * 365 * (4 + 2));
  CHECK(text.find("traditional,0,0,2019-01-01,factory,") != std::string::npos);
  CHECK(text.find("c2m,1,314,2019-11-11,platform,") != std::string::npos);
  CHECK(text.find("\ntraditional,2,") == std::string::npos);  // replication 2 is not recorded
  CHECK(text.find("\nc2m,2,") == std::string::npos);
  CHECK(read_text(out / "network-traditional.dot").find("digraph") != std::string::npos);
  CHECK(read_text(out / "network-c2m.dot").find("platform") != std::string::npos);
}

TEST_CASE("precision mode adds replications until the target and records it in the manifest",
          "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r =
      run_cli("run " + quickstart() + " -n 3 --target-ci 0.05 --max-replications 40 --out '" +
                  out.string() + "'",
              dir);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("precision:") != std::string::npos);
  const std::string manifest = read_text(out / "manifest.json");
  CHECK(manifest.find("\"precision\"") != std::string::npos);
  CHECK(manifest.find("\"replications\": 3,") == std::string::npos);  // it ran more than 3
}

TEST_CASE("--arm may come before the file", "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r =
      run_cli("run --arm c2m " + quickstart() + " -n 2 -q --out '" + out.string() + "'", dir);
  REQUIRE(r.status == 0);
  CHECK(read_text(out / "manifest.json").find("\"arms\": [\n    \"c2m\"\n  ]") !=
        std::string::npos);
}

TEST_CASE("precision mode and time series are refused with a sweep, before anything is written",
          "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const std::string file = quoted(source_dir() / "scenarios/whatif-commission.yaml");
  for (const char* option : {"--target-ci 0.05", "--timeseries 2"}) {
    const auto r = run_cli("run " + file + " -n 2 " + option + " --out " + quoted(out), dir);
    CHECK(r.status == 2);
    CHECK(r.err.find("is not available with a sweep") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("the output folder describes its metrics and the scenario's calendar", "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r = run_cli("run " + quickstart() + " -n 2 -q --out " + quoted(out), dir);
  REQUIRE(r.status == 0);
  const std::string metrics = read_text(out / "metrics.csv");
  CHECK(metrics.rfind("metric,scopes,unit,label,better,share,headline,definition\n", 0) == 0);
  CHECK(metrics.find("\nprofit,system node,CNY,Profit,1,0,1,") != std::string::npos);
  CHECK(metrics.find("\nfill_rate,system node,share,Fill rate,1,1,1,") != std::string::npos);
  const std::string manifest = read_text(out / "manifest.json");
  CHECK(manifest.find("\"currency\": \"CNY\"") != std::string::npos);
  CHECK(manifest.find("\"start\": \"2019-11-01\"") != std::string::npos);
}
