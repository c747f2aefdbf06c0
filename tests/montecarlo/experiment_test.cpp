#include "sim/montecarlo/experiment.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "sim/montecarlo/results_table.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/montecarlo/arm_fixtures.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using namespace c2msim;
using c2msim::testing::ArrivalProcess;

namespace {

using testing::two_arms;

// Every value of every replication, rendered exactly, in delivery order.
std::string run_to_text(unsigned threads, std::uint64_t replications) {
  montecarlo::ExperimentOptions o;
  o.seed = 77;
  o.replications = replications;
  o.threads = threads;
  std::string text;
  montecarlo::run_experiment(two_arms(), o, [&](montecarlo::ReplicationBatch&& b) {
    text += std::to_string(b.replication) + ":";
    for (const auto& arm : b.arms) {
      for (const auto& m : arm.metrics)
        text += fmt::format("{}/{}={};", m.scope, m.metric, m.value);
    }
    text += "\n";
  });
  return text;
}

}  // namespace

TEST_CASE("results are identical for any number of threads", "[montecarlo][parallel]") {
  const std::string one = run_to_text(1, 24);
  CHECK(one == run_to_text(2, 24));
  CHECK(one == run_to_text(8, 24));
}

TEST_CASE("replications are delivered in order, each once", "[montecarlo][parallel]") {
  montecarlo::ExperimentOptions o;
  o.replications = 40;
  o.first_replication = 100;
  o.threads = 4;
  std::vector<std::uint64_t> seen;
  montecarlo::run_experiment(two_arms(), o, [&](montecarlo::ReplicationBatch&& b) {
    seen.push_back(b.replication);
    CHECK(b.arms.size() == 2);
  });
  REQUIRE(seen.size() == 40);
  for (std::uint64_t i = 0; i < 40; ++i) CHECK(seen[i] == 100 + i);
}

TEST_CASE("common random numbers make the paired difference less variable than an unpaired one",
          "[montecarlo]") {
  // Two arms that differ only in the retailer's markup: with common customers, the difference
  // in units demanded is exactly zero, and in profit far less variable than between
  // independently seeded runs.
  auto base = testing::traditional_chain(8.0, 90.0, ArrivalProcess::kPoisson);
  auto pricier = base;
  pricier.nodes[3].markup = 0.6;
  montecarlo::ResultsTable table({"base", "pricier"}, 0);
  montecarlo::ExperimentOptions o;
  o.replications = 30;
  o.threads = 2;
  montecarlo::run_experiment({{"base", base}, {"pricier", pricier}}, o,
                             [&](montecarlo::ReplicationBatch&& b) { table.add(b); });
  double paired_sd = -1, demand_sd = -1, base_sd = -1, pricier_sd = -1;
  for (const auto& c : table.comparisons()) {
    if (c.key.scope == "system" && c.key.metric == "consumer_spending") paired_sd = c.difference.sd;
    if (c.key.scope == "system" && c.key.metric == "units_demanded") demand_sd = c.difference.sd;
  }
  for (const auto& s : table.summaries()) {
    if (s.key.scope != "system" || s.key.metric != "consumer_spending") continue;
    (s.arm == "base" ? base_sd : pricier_sd) = s.summary.sd;
  }
  CHECK(demand_sd == 0.0);
  // Var(X - Y) for independent runs would be Var(X) + Var(Y).
  const double unpaired_sd = std::sqrt(base_sd * base_sd + pricier_sd * pricier_sd);
  CHECK(paired_sd >= 0.0);
  CHECK(paired_sd < 0.5 * unpaired_sd);
}

TEST_CASE("on quickstart, common random numbers make the arms' difference in demand tighter",
          "[montecarlo]") {
  // The C2M arm's lower price raises the arrival rate by about 1.5 (elasticity 1). With common
  // random numbers its customers are the traditional arm's, arriving earlier, plus more: counts
  // N(a) and N(1.5a) of one Poisson process, whose difference has variance 0.5a against 2.5a
  // for independent runs (sd ratio about 0.45). 0.75 leaves room for the sd estimates' noise
  // at 20 replications; without common random numbers the ratio would be about 1.
  const auto loaded =
      scenario::load_scenario_file((test::source_dir() / "scenarios/quickstart.yaml").string());
  REQUIRE(loaded.ok());
  std::vector<montecarlo::ArmChain> arms;
  std::vector<std::string> names;
  for (const auto& arm : loaded.scenario->arms) {
    // The two arms whose prices differ; quickstart's what-if arms are left out.
    if (arm.name != "traditional" && arm.name != "c2m") continue;
    arms.push_back({arm.name, scenario::build_chain(*loaded.scenario, arm)});
    names.push_back(arm.name);
  }
  montecarlo::ResultsTable table(names, 0);
  montecarlo::ExperimentOptions o;
  o.seed = 3;
  o.replications = 20;
  montecarlo::run_experiment(arms, o, [&](montecarlo::ReplicationBatch&& b) { table.add(b); });
  double paired_sd = -1;
  std::vector<double> arm_sd;
  for (const auto& c : table.comparisons()) {
    if (c.key.scope == "system" && c.key.metric == "units_demanded") paired_sd = c.difference.sd;
  }
  for (const auto& s : table.summaries()) {
    if (s.key.scope == "system" && s.key.metric == "units_demanded") arm_sd.push_back(s.summary.sd);
  }
  REQUIRE(arm_sd.size() == 2);
  const double unpaired_sd = std::sqrt(arm_sd[0] * arm_sd[0] + arm_sd[1] * arm_sd[1]);
  CHECK(paired_sd > 0.0);
  CHECK(paired_sd < 0.75 * unpaired_sd);
}
