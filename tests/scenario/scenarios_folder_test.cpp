// Every scenario file shipped in scenarios/ is valid, and the example says what its comments say.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "scenario/scenario_test_support.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sc = c2msim::scenario;

namespace {

std::vector<std::filesystem::path> scenario_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(c2msim::test::source_dir() / "scenarios")) {
    if (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every file in scenarios/ validates", "[scenario]") {
  const auto files = scenario_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    const sc::LoadResult result = sc::load_scenario_file(file);
    std::string problems;
    for (const auto& d : result.diagnostics) problems += to_string(d) + "\n";
    INFO(problems);
    CHECK(result.ok());
  }
}

TEST_CASE("c2msim validate accepts every file in scenarios/ with one line each",
          "[scenario][cli]") {
  const auto files = scenario_files();
  std::string args = "validate";
  for (const auto& file : files) args += " '" + file.string() + "'";
  const c2msim::test::TempDir dir;
  const auto run = c2msim::test::run_cli(args, dir);
  INFO(run.err);
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(static_cast<std::size_t>(std::count(run.out.begin(), run.out.end(), '\n')) == files.size());
}

TEST_CASE("every file in scenarios/ opens by saying where its numbers come from", "[scenario]") {
  for (const auto& file : scenario_files()) {
    INFO(file.filename().string());
    const std::string text = c2msim::test::read_text(file);
    // The opening comment: the lines before the first key.
    const std::size_t body = text.find("\nname:");
    REQUIRE(body != std::string::npos);
    const std::string header = text.substr(0, body);
    CHECK(header.rfind("#", 0) == 0);
    CHECK(header.find("Where the numbers come from") != std::string::npos);
    CHECK(header.find("ssumption") != std::string::npos);
  }
}

TEST_CASE("every file in scenarios/ runs at a small replication count", "[scenario][e2e]") {
  const c2msim::test::TempDir dir;
  for (const auto& file : scenario_files()) {
    INFO(file.filename().string());
    const auto out = dir.path() / file.stem();
    const auto run = c2msim::test::run_cli(
        "run '" + file.string() + "' -n 2 -q --out '" + out.string() + "'", dir);
    INFO(run.err);
    CHECK(run.status == 0);
    // A file with a `sweep:` section writes sweep.csv instead of summary.csv.
    CHECK((std::filesystem::exists(out / "summary.csv") ||
           std::filesystem::exists(out / "sweep.csv")));
  }
}

TEST_CASE("the monitors example compares a four-tier chain with C2M around 11.11", "[scenario]") {
  const sc::LoadResult result =
      sc::load_scenario_file(c2msim::test::source_dir() / "scenarios/example-monitors.yaml");
  REQUIRE(result.ok());
  const sc::Scenario& s = *result.scenario;
  CHECK(s.start_date ==
        sc::Date{std::chrono::year{2019}, std::chrono::January, std::chrono::day{1}});
  CHECK(s.horizon_days == 365.0);
  const auto& events = s.markets[0].demand.events;
  REQUIRE(events.size() == 2);
  CHECK(events[1].name == "11.11");
  CHECK(s.day_of(events[1].start) == 304);
  CHECK(events[1].days == 11);
  // The aliased festival list is the same in the second market.
  CHECK(s.markets[1].demand.events.size() == 2);

  const sc::Arm* traditional = s.find_arm("traditional");
  REQUIRE(traditional != nullptr);
  CHECK(traditional->nodes.size() == 5);
  const sc::Arm* c2m = s.find_arm("c2m");
  REQUIRE(c2m != nullptr);
  CHECK(c2m->find_node("factory")->production->mode == sc::FactoryMode::kMakeToOrder);

  const sc::Arm* hybrid = s.find_arm("c2m-hybrid");
  REQUIRE(hybrid != nullptr);
  const sc::Node* factory = hybrid->find_node("factory");
  CHECK(factory->production->mode == sc::FactoryMode::kHybrid);
  CHECK(factory->production->to_order_share == 0.4);    // "2 of every 5 monitors"
  CHECK(factory->production->changeover_days == 0.05);  // inherited from c2m
  CHECK(hybrid->find_node("jd-platform")->stock.has_value());

  const sc::Arm* slow = s.find_arm("c2m-slow-changeover");
  CHECK(slow->find_node("factory")->production->changeover_days == 0.5);
  CHECK(slow->find_node("factory")->production->lines == 2);

  const sc::Arm* pos = s.find_arm("traditional-pos");
  const auto& policy = std::get<sc::ForecastPolicy>(pos->find_node("distributor")->stock->policy);
  CHECK(policy.signal == sc::DemandSignal::kPos);
  CHECK(policy.method == sc::ForecastMethod::kMovingAverage);  // inherited
  CHECK(policy.window_days == 28);                             // inherited
  CHECK(s.compare.baseline == "traditional");
}

TEST_CASE("the complete example of scenarios/README.md validates", "[scenario]") {
  const std::string readme =
      c2msim::test::read_text(c2msim::test::source_dir() / "scenarios/README.md");
  const std::size_t section = readme.find("## A small complete example");
  REQUIRE(section != std::string::npos);
  const std::string fence = "```yaml\n";
  const std::size_t start = readme.find(fence, section);
  REQUIRE(start != std::string::npos);
  const std::size_t end = readme.find("```\n", start + fence.size());
  REQUIRE(end != std::string::npos);
  const std::string example = readme.substr(start + fence.size(), end - start - fence.size());
  const sc::LoadResult result = sc::load_scenario_text(example, "README.md example");
  std::string problems;
  for (const auto& d : result.diagnostics) problems += to_string(d) + "\n";
  INFO(problems);
  REQUIRE(result.ok());
  CHECK(result.scenario->arms.size() == 3);
  CHECK(result.scenario->find_arm("c2m-two-lines")->find_node("factory")->production->lines == 2);
}
