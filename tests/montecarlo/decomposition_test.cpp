// The Shapley decomposition over replications (sim/montecarlo/decomposition.hpp): paired
// replication by replication, NaN replications left out, and the same whatever the threads.

#include "sim/montecarlo/decomposition.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "sim/montecarlo/shapley.hpp"
#include "tests/montecarlo/arm_fixtures.hpp"

using namespace c2msim;
using montecarlo::DecompositionTable;
using montecarlo::MetricKey;

namespace {

// A batch whose arm `a` reports the system metric `metric` as values[a].
montecarlo::ReplicationBatch batch_of(std::uint64_t replication, const std::vector<double>& values,
                                      const char* metric = "profit") {
  montecarlo::ReplicationBatch b;
  b.replication = replication;
  for (double v : values) {
    model::ReplicationResult r;
    r.metrics.push_back({"system", metric, v});
    b.arms.push_back(r);
  }
  return b;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The fixtures' traditional chain with the levers of `mask` applied: bit 0 a holding cost rate at
// the brand warehouse, bit 1 one at the retailer. A holding cost changes no flow, so each lever's
// effect on profit is its own holding cost whatever the other does: additive by construction.
std::vector<montecarlo::ArmChain> holding_cost_combinations() {
  std::vector<montecarlo::ArmChain> arms;
  for (std::size_t mask = 0; mask < 4; ++mask) {
    model::ChainSpec chain =
        testing::traditional_chain(8.0, 90.0, testing::ArrivalProcess::kPoisson);
    if (mask & 1) chain.nodes[1].holding_cost_rate_per_year = 0.25;
    if (mask & 2) chain.nodes[3].holding_cost_rate_per_year = 0.40;
    arms.push_back({"combination " + std::to_string(mask), std::move(chain)});
  }
  return arms;
}

std::vector<montecarlo::MetricDecomposition> decompose_holding_costs(unsigned threads,
                                                                     std::uint64_t replications) {
  DecompositionTable table(2, {{"system", "profit"}, {"system", "fill_rate"}}, false);
  montecarlo::ExperimentOptions o;
  o.seed = 41;
  o.replications = replications;
  o.threads = threads;
  montecarlo::run_experiment(holding_cost_combinations(), o,
                             [&](montecarlo::ReplicationBatch&& b) { table.add(b); });
  return table.results();
}

bool same(const montecarlo::Summary& a, const montecarlo::Summary& b) {
  return a.n == b.n && a.mean == b.mean && a.sd == b.sd && a.ci95_low == b.ci95_low &&
         a.ci95_high == b.ci95_high;
}

}  // namespace

TEST_CASE("a decomposition's lever values are paired replication by replication",
          "[montecarlo][decomposition]") {
  DecompositionTable table(2, {{"system", "profit"}}, true);
  // Replication 0: v = 0, 10, 20, 50 (phi 20 and 30), target 60; replication 1: v = 2, 2, 2, 10
  // (phi 4 and 4), target 9.
  table.add(batch_of(0, {0, 10, 20, 50, 60}));
  table.add(batch_of(1, {2, 2, 2, 10, 9}));
  const auto results = table.results();
  REQUIRE(results.size() == 1);
  const montecarlo::MetricDecomposition& d = results[0];
  CHECK(d.replications == 2);
  CHECK(d.base.n == 2);
  CHECK(d.base.mean == 1.0);
  CHECK(d.all.mean == 30.0);
  CHECK(d.total.mean == 29.0);
  REQUIRE(d.levers.size() == 2);
  CHECK(d.levers[0].shapley.mean == 12.0);
  CHECK(d.levers[1].shapley.mean == 17.0);
  CHECK(d.levers[0].shapley.mean + d.levers[1].shapley.mean == d.total.mean);
  // The interval is that of the paired values 20 and 4: mean 12, sd 8 sqrt(2).
  CHECK(d.levers[0].shapley.sd == Approx(std::sqrt(128.0)));
  CHECK(d.levers[0].shapley.ci95_low < 12.0);
  CHECK(d.levers[0].own_effect.mean == 5.0);   // (10 + 0) / 2
  CHECK(d.levers[1].own_effect.mean == 10.0);  // (20 + 0) / 2
  CHECK(d.target.mean == 34.5);
  CHECK(d.residual.mean == 4.5);  // (10 - 1) / 2
}

TEST_CASE("a replication with an undefined value in any combination is left out of that metric",
          "[montecarlo][decomposition]") {
  DecompositionTable table(1, {{"system", "profit"}}, true);
  table.add(batch_of(0, {1, 3, 10}));
  table.add(batch_of(1, {1, kNaN, 10}));                                     // left out
  table.add(batch_of(2, {std::numeric_limits<double>::infinity(), 3, 10}));  // left out
  table.add(batch_of(3, {2, 6, kNaN}));  // in, but not in the target's rows
  const auto d = table.results().at(0);
  CHECK(d.replications == 4);
  CHECK(d.base.n == 2);
  CHECK(d.levers[0].shapley.n == 2);
  CHECK(d.levers[0].shapley.mean == 3.0);  // (2 + 4) / 2
  CHECK(d.target.n == 1);
  CHECK(d.residual.n == 1);
  CHECK(d.residual.mean == 7.0);  // 10 - 3
}

TEST_CASE("a decomposition refuses a batch that is not every combination and the target",
          "[montecarlo][decomposition]") {
  DecompositionTable table(2, {{"system", "profit"}}, true);
  CHECK_THROWS_AS(table.add(batch_of(0, {1, 2, 3, 4})), std::invalid_argument);
}

TEST_CASE("levers that add up by construction get Shapley values equal to their own effects",
          "[montecarlo][decomposition]") {
  const auto results = decompose_holding_costs(2, 12);
  const montecarlo::MetricDecomposition& profit = results.at(0);
  REQUIRE(profit.base.n == 12);
  for (std::size_t i = 0; i < 2; ++i) {
    INFO("lever " << i);
    const montecarlo::LeverEffect& e = profit.levers[i];
    CHECK(e.shapley.mean < -1.0);  // a holding cost lowers profit
    // Equal replication by replication: the same mean and the same spread.
    CHECK(e.shapley.mean == Approx(e.own_effect.mean).epsilon(1e-9));
    CHECK(e.shapley.sd == Approx(e.own_effect.sd).epsilon(1e-6));
  }
  CHECK(profit.levers[0].shapley.mean != Approx(profit.levers[1].shapley.mean));
  CHECK(profit.levers[0].shapley.mean + profit.levers[1].shapley.mean ==
        Approx(profit.total.mean).epsilon(1e-12));
  // Flows do not change: the fill rate is the same in every combination.
  const montecarlo::MetricDecomposition& fill = results.at(1);
  CHECK(fill.total.mean == 0.0);
  CHECK(fill.levers[0].shapley.mean == 0.0);
}

TEST_CASE("the Shapley values of every replication add up to its total difference",
          "[montecarlo][decomposition]") {
  // The four combinations of two levers that interact: a larger retailer base stock and a faster
  // lane into it.
  std::vector<montecarlo::ArmChain> arms;
  for (std::size_t mask = 0; mask < 4; ++mask) {
    model::ChainSpec chain =
        testing::traditional_chain(8.0, 90.0, testing::ArrivalProcess::kPoisson);
    if (mask & 1) chain.nodes[3].stock->policy = model::BaseStockPolicy{1.0, 80.0};
    if (mask & 2) chain.lanes[2].lead_time_days = random::Constant{0.2};
    arms.push_back({"combination " + std::to_string(mask), std::move(chain)});
  }
  montecarlo::ExperimentOptions o;
  o.seed = 5;
  o.replications = 10;
  o.threads = 2;
  int checked = 0;
  montecarlo::run_experiment(arms, o, [&](montecarlo::ReplicationBatch&& b) {
    for (const char* metric : {"profit", "fill_rate", "lead_time_mean", "days_of_inventory"}) {
      std::vector<double> v;
      for (const auto& arm : b.arms) v.push_back(arm.get("system", metric));
      const std::vector<double> phi = montecarlo::shapley_values(v);
      const double scale = std::max({1.0, std::fabs(v.front()), std::fabs(v.back())});
      INFO(metric << " in replication " << b.replication);
      CHECK(std::fabs(phi[0] + phi[1] - (v.back() - v.front())) <= 1e-12 * scale);
      ++checked;
    }
  });
  CHECK(checked == 40);
}

TEST_CASE("a decomposition is the same for 1 and 2 threads",
          "[montecarlo][decomposition][parallel]") {
  const auto one = decompose_holding_costs(1, 9);
  const auto two = decompose_holding_costs(2, 9);
  REQUIRE(one.size() == two.size());
  for (std::size_t m = 0; m < one.size(); ++m) {
    CHECK(same(one[m].base, two[m].base));
    CHECK(same(one[m].total, two[m].total));
    for (std::size_t i = 0; i < one[m].levers.size(); ++i) {
      CHECK(same(one[m].levers[i].shapley, two[m].levers[i].shapley));
      CHECK(same(one[m].levers[i].own_effect, two[m].levers[i].own_effect));
    }
  }
}
