// The metric catalogue is the one list of metrics: what a replication reports, metrics.csv, the
// CLI and docs/model.md must agree with it.

#include "sim/model/metric_catalogue.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <utility>

#include "sim/model/replication.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/scenario/scenario_test_support.hpp"

namespace fs = std::filesystem;
using c2msim::model::find_metric;
using c2msim::model::metric_catalogue;

TEST_CASE("every metric a replication reports is in the catalogue, at its scopes, and back",
          "[model][metrics]") {
  std::set<std::pair<std::string, bool>> reported;  // (catalogue name, at system scope)
  for (const auto& entry : fs::directory_iterator(c2msim::test::source_dir() / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    const auto loaded = c2msim::scenario::load_scenario_file(entry.path());
    REQUIRE(loaded.ok());
    for (const auto& arm : loaded.scenario->arms) {
      auto chain = c2msim::scenario::build_chain(*loaded.scenario, arm);
      chain.horizon_days = std::min(chain.horizon_days, 60.0);
      chain.warmup_days = std::min(chain.warmup_days, 10.0);
      const auto result = c2msim::model::run_replication(chain, 1, 0);
      for (const auto& m : result.metrics) {
        const auto* info = find_metric(m.metric);
        INFO(entry.path().filename().string()
             << " " << arm.name << " " << m.scope << " " << m.metric);
        REQUIRE(info != nullptr);
        const bool system = m.scope == "system";
        CHECK((system ? info->system : info->node));
        reported.emplace(std::string(info->name), system);
      }
    }
  }
  for (const auto& m : metric_catalogue()) {
    INFO(m.name);
    if (m.system) CHECK(reported.count({std::string(m.name), true}) == 1);
    if (m.node) CHECK(reported.count({std::string(m.name), false}) == 1);
    CHECK_FALSE(m.definition.empty());
    CHECK_FALSE(m.label.empty());
  }
}

TEST_CASE("asking a replication for a metric that does not exist is an error", "[model][metrics]") {
  c2msim::model::ReplicationResult r;
  r.metrics.push_back({"system", "profit", 1.0});
  CHECK(r.get("system", "profit") == 1.0);
  CHECK(std::isnan(r.get("shop", "profit")));  // a metric, not reported at that scope
  CHECK_THROWS_AS(r.get("system", "proft"), std::invalid_argument);
}

TEST_CASE("per-product markup steps belong to markup_step", "[model][metrics]") {
  REQUIRE(find_metric("markup_step_monitor") != nullptr);
  CHECK(find_metric("markup_step_monitor")->name == "markup_step");
  CHECK(find_metric("markup_step_") == nullptr);
  CHECK(find_metric("nonsense") == nullptr);
}

TEST_CASE("docs/model.md holds the catalogue's table as c2msim metrics --markdown prints it",
          "[model][metrics][e2e]") {
  c2msim::test::TempDir dir;
  const auto r = c2msim::test::run_cli("metrics --markdown", dir);
  REQUIRE(r.status == 0);
  const std::string docs = c2msim::test::read_text(c2msim::test::source_dir() / "docs/model.md");
  CHECK(docs.find(r.out) != std::string::npos);
}
