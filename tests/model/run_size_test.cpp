// The size of a replication is estimated before it runs; the estimate must be near what runs.

#include "sim/model/run_size.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "sim/model/replication.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/scenario/scenario_test_support.hpp"

namespace fs = std::filesystem;

TEST_CASE("a replication's events and rows are estimated within a factor of what runs",
          "[model][run_size]") {
  for (const auto& entry : fs::directory_iterator(c2msim::test::source_dir() / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    const auto loaded = c2msim::scenario::load_scenario_file(entry.path());
    REQUIRE(loaded.ok());
    for (const auto& arm : loaded.scenario->arms) {
      const c2msim::model::ArmPlan plan(c2msim::scenario::build_chain(*loaded.scenario, arm));
      const auto estimate = c2msim::model::estimate_replication(plan);
      const auto result = c2msim::model::run_replication(plan, 1, 0);
      INFO(entry.path().filename().string() << " " << arm.name << ": estimated " << estimate.events
                                            << " events, ran " << result.events_processed);
      const auto events = static_cast<double>(result.events_processed);
      CHECK(estimate.events >= 0.5 * events);
      CHECK(estimate.events <= 4.0 * events);
      CHECK(estimate.metric_rows >= result.metrics.size());
      // The estimate covers the whole horizon, the metric the measured window after the warm-up.
      const double measured = result.get("system", "customers");
      CHECK(estimate.customers >= 0.9 * measured);
      CHECK(estimate.customers <= 1.5 * measured);
      CHECK(estimate.peak_bytes > 0);
    }
  }
}
