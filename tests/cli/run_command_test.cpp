// End-to-end: the real c2msim binary runs scenario files and writes its output directory.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

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

TEST_CASE("the headline table keeps its columns apart however long the arm names", "[cli][e2e]") {
  // quickstart's arms include traditional-full-range (22 characters), and the comparison
  // headers are longer still: each column is as wide as its widest cell, two spaces apart, so
  // every line of the table is as long as the header and each header appears whole.
  TempDir dir;
  const auto r = run_cli("run " + quickstart() + " -n 2 --out " + quoted(dir.path() / "o"), dir);
  REQUIRE(r.status == 0);
  std::vector<std::string> table;
  std::size_t at = 0;
  while (at < r.out.size()) {
    const std::size_t end = r.out.find('\n', at);
    const std::string line = r.out.substr(at, end - at);
    at = end == std::string::npos ? r.out.size() : end + 1;
    if (line.rfind("metric (system)", 0) == 0 || !table.empty()) {
      if (line.rfind("results in", 0) == 0) break;
      table.push_back(line);
    }
  }
  REQUIRE(table.size() > 5);
  const auto columns = [](const std::string& line) {  // in code points: "±" is one
    return std::count_if(line.begin(), line.end(),
                         [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  };
  for (const std::string& line : table) {
    INFO(line);
    CHECK(columns(line) == columns(table.front()));
  }
  for (const char* header :
       {"  traditional  ", "  c2m  ", "  traditional-full-range  ",
        "  c2m - traditional [95% CI]  ", "  traditional-full-range - traditional [95% CI]"}) {
    INFO(header << "\n" << table.front());
    CHECK(table.front().find(header) != std::string::npos);
  }
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

TEST_CASE("numeric options refuse NaN, infinities, negatives, fractions and overflow",
          "[cli][e2e]") {
  // Before: --seed -1 and --timeseries -1 wrapped to 2^64 - 1, seeds past it collapsed to it,
  // --target-ci nan ran forever, demo --horizon-days inf too. `timeout` turns a hang into a
  // failure rather than a stuck suite.
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const std::string run = "run " + quickstart() + " -q -n 2 --out '" + out.string() + "' ";
  const std::string breakeven = "breakeven " + quickstart() +
                                " --param 'arms.c2m.nodes[platform].commission' --range 0:0.5 "
                                "--metric profit -q --out '" +
                                out.string() + "' ";
  const std::string whole = "expected a whole number from ";
  const std::vector<std::pair<std::string, std::string>> cases{
      {run + "--seed -1", "--seed: " + whole + "0 to 18446744073709551615, got -1"},
      {run + "--seed 18446744073709551616", "got 18446744073709551616"},
      {run + "--seed 0x10", "--seed: " + whole + "0 to 18446744073709551615, got 0x10"},
      {run + "--timeseries -1", "--timeseries: " + whole + "0 to 100000000, got -1"},
      {run + "--threads 4294967297", "--threads: " + whole + "0 to 1024, got 4294967297"},
      {run + "-n 2.5", "--replications: " + whole + "1 to 100000000, got 2.5"},
      {run + "--max-replications 1e9", "--max-replications: " + whole + "2 to 100000000"},
      {run + "--target-ci nan", "--target-ci: expected a finite number in [1e-06, 1], got nan"},
      {run + "--target-ci inf", "--target-ci: expected a finite number in [1e-06, 1], got inf"},
      {breakeven + "--seed -1", "--seed: " + whole + "0 to 18446744073709551615, got -1"},
      {breakeven + "-n -2", "--replications: " + whole + "1 to 100000000, got -2"},
      {breakeven + "--tolerance inf", "--tolerance: expected a finite number > 0, got inf"},
      {breakeven + "--tolerance nan", "--tolerance: expected a finite number > 0, got nan"},
      {breakeven + "--threads -1", "--threads: " + whole + "0 to 1024, got -1"},
      {"demo --horizon-days inf", "--horizon-days: expected a finite number in (0, 1e6], got inf"},
      {"demo --arrival-rate nan", "--arrival-rate: expected a finite number in (0, 1000], got nan"},
      {"demo --service-rate -1", "--service-rate: expected a finite number in (0, 1000], got -1"},
      {"demo --servers 0", "--servers: " + whole + "1 to 1000, got 0"},
      {"demo --seed -1", "--seed: " + whole + "0 to 18446744073709551615, got -1"},
  };
  for (const auto& [args, message] : cases) {
    INFO(args);
    const auto r = c2msim::test::run_cli_prefixed("timeout 60 ", args, dir);
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("an arm named twice by --arm is refused", "[cli][e2e]") {
  // Before, the arm ran twice and was compared with itself.
  TempDir dir;
  const fs::path out = dir.path() / "results";
  const auto r = run_cli(
      "run " + quickstart() + " --arm c2m --arm c2m -n 2 -q --out '" + out.string() + "'", dir);
  CHECK(r.status == 2);
  CHECK(r.err == "c2msim run: error: --arm c2m: given twice; name each arm once\n");
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("every error of the command line is one line, whatever the argument holds",
          "[cli][e2e]") {
  TempDir dir;
  const auto missing = run_cli("run 'no\nsuch.yaml'", dir);
  CHECK(missing.status == 2);
  CHECK(missing.err.find("no\\nsuch.yaml") != std::string::npos);
  CHECK(missing.err.find("no\nsuch") == std::string::npos);
  const auto arm = run_cli("run " + quickstart() + " --arm 'c2\nm' -q", dir);
  CHECK(arm.status == 2);
  CHECK(arm.err.find("--arm c2\\nm: no such arm") != std::string::npos);
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
  // quickstart: 365 days; 4 nodes in the traditional arm, 2 in c2m, 4 in traditional-full-range;
  // replications 0 and 1.
  const auto rows = std::count(text.begin(), text.end(), '\n') - 1;
  CHECK(rows == 2 * 365 * (4 + 2 + 4));
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

TEST_CASE("a run that cannot fit in memory or on disk is refused before it starts", "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  // 150,000 customers a day who wait days for their goods, one replication on each of 1,024
  // threads: terabytes of open orders at once.
  const std::string crowded =
      " --set 'markets[0].demand.arrivals_per_day=150000' -j 1024 -n 1024 --out " + quoted(out);
  const auto memory = run_cli("run " + quickstart() + crowded, dir);
  CHECK(memory.status == 2);
  CHECK(memory.err.find("c2msim run: error: this run of 1024 replications will not fit: it "
                        "needs about") != std::string::npos);
  CHECK(memory.err.find("of memory at its peak") != std::string::npos);
  CHECK(memory.err.find("--force runs it anyway") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  // A hundred million replications, every one recording its days: tens of terabytes of CSV.
  const auto disk = run_cli(
      "run " + quickstart() + " -n 100000000 --timeseries 100000000 --out " + quoted(out), dir);
  CHECK(disk.status == 2);
  CHECK(disk.err.find("on disk") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  // A sweep adds up its points; breakeven checks one value's run.
  const auto sweep = run_cli("run " + quoted(source_dir() / "scenarios/whatif-commission.yaml") +
                                 " -n 100000000 --out " + quoted(out),
                             dir);
  CHECK(sweep.status == 2);
  CHECK(sweep.err.find("will not fit") != std::string::npos);
  const auto breakeven =
      run_cli("breakeven " + quickstart() + " --param arms.c2m.nodes[platform].commission" +
                  " --range 0:1 --metric profit" + crowded,
              dir);
  CHECK(breakeven.status == 2);
  CHECK(breakeven.err.find("c2msim breakeven: error: this run") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("the manifest records the run's estimated size", "[cli][e2e]") {
  TempDir dir;
  const fs::path out = dir.path() / "results";
  REQUIRE(run_cli("run " + quickstart() + " -n 3 -q --out " + quoted(out), dir).status == 0);
  const auto manifest = nlohmann::json::parse(read_text(out / "manifest.json"));
  const auto& size = manifest.at("size_estimate");
  const double events = manifest.at("events_processed").get<double>();
  CHECK(size.at("events").get<double>() >= 0.5 * events);
  CHECK(size.at("events").get<double>() <= 4 * events);
  const auto written = static_cast<double>(fs::file_size(out / "replications.csv"));
  CHECK(size.at("output_bytes").get<double>() >= written);
  CHECK(size.at("output_bytes").get<double>() <= 3 * written);
  CHECK(size.at("peak_memory_bytes").get<double>() > 0);
}
