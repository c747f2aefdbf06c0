#include "sim/montecarlo/precision.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "tests/model/chain_fixtures.hpp"

using namespace c2msim;

namespace {

// A table of one arm whose "x" metric takes the given values, one per replication.
montecarlo::ResultsTable table_of(const std::vector<double>& xs, const std::string& metric = "x") {
  montecarlo::ResultsTable table({"a"}, 0);
  std::uint64_t r = 0;
  for (double x : xs) {
    montecarlo::ReplicationBatch batch;
    batch.replication = r++;
    batch.arms.emplace_back();
    batch.arms.back().metrics.push_back({"system", metric, x});
    table.add(batch);
  }
  return table;
}

montecarlo::PrecisionTarget target_on(const std::string& metric, double fraction) {
  montecarlo::PrecisionTarget t;
  t.relative_half_width = fraction;
  t.metrics = {metric};
  return t;
}

}  // namespace

TEST_CASE("precision is reached when the half-width is within the fraction of the mean",
          "[montecarlo][precision]") {
  // Values 99 and 101, repeated: mean 100, sd about 1; with n = 100 the half-width is
  // t(0.975, 99) x 1.005 / 10, about 0.2, i.e. 0.2% of the mean.
  std::vector<double> xs;
  for (int i = 0; i < 50; ++i) xs.insert(xs.end(), {99.0, 101.0});
  const auto table = table_of(xs);
  CHECK(montecarlo::check_precision(table, target_on("x", 0.01)).reached);
  const auto tight = montecarlo::check_precision(table, target_on("x", 0.001));
  CHECK_FALSE(tight.reached);
  CHECK(tight.worst_metric == "x");
  CHECK(tight.worst_arm == "a");
  const double half = montecarlo::ci95_half_width(std::sqrt(100.0 / 99.0), 100);
  CHECK(tight.worst_ratio == Approx(half / (0.001 * 100.0)));
}

TEST_CASE("metrics that cannot have a relative precision are listed, not waited for",
          "[montecarlo][precision]") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(montecarlo::check_precision(table_of({inf, inf, inf}), target_on("x", 0.01)).ignored ==
        std::vector<std::string>{"a/x"});
  CHECK(montecarlo::check_precision(table_of({-1.0, 1.0, -1.0, 1.0}), target_on("x", 0.01))
            .ignored.size() == 1);
  // A constant is known exactly, and one replication is never enough.
  CHECK(montecarlo::check_precision(table_of({5.0, 5.0}), target_on("x", 0.01)).reached);
  CHECK_FALSE(montecarlo::check_precision(table_of({5.0}), target_on("x", 0.01)).reached);
  // Other metrics and scopes are not checked.
  CHECK(montecarlo::check_precision(table_of({1.0, 100.0}, "y"), target_on("x", 0.01)).reached);
}

TEST_CASE("the next batch aims at n x ratio^2, grows by 10% at least and stops at the cap",
          "[montecarlo][precision]") {
  CHECK(montecarlo::next_replication_total(100, 2.0, 10'000) == 440);
  CHECK(montecarlo::next_replication_total(100, 1.01, 10'000) == 113);
  CHECK(montecarlo::next_replication_total(100, 0.5, 10'000) == 110);
  CHECK(montecarlo::next_replication_total(100, 50.0, 10'000) == 10'000);
  CHECK(montecarlo::next_replication_total(1, 1.0, 10) == 2);
}

TEST_CASE("precision mode runs replications in order until the target, whatever the threads",
          "[montecarlo][precision][parallel]") {
  const std::vector<montecarlo::ArmChain> arms{
      {"traditional", testing::traditional_chain(8.0, 60.0, testing::ArrivalProcess::kPoisson)}};
  std::string first;
  for (unsigned threads : {1u, 2u, 3u}) {
    montecarlo::ExperimentOptions o;
    o.seed = 5;
    o.replications = 4;
    o.threads = threads;
    montecarlo::ResultsTable table({"traditional"}, 0);
    std::string delivered;
    std::uint64_t expected = 0;
    const auto outcome = montecarlo::run_to_precision(
        arms, o, target_on("profit", 0.02), table, [&](montecarlo::ReplicationBatch&& b) {
          CHECK(b.replication == expected++);
          table.add(b);
          for (const auto& m : b.arms[0].metrics) {
            if (m.scope == "system" && m.metric == "profit")
              delivered += std::to_string(m.value) + ";";
          }
        });
    CHECK(outcome.replications == expected);
    CHECK(outcome.replications > 4);  // four are not enough for 2% on profit under Poisson demand
    if (outcome.check.reached) {
      CHECK(outcome.check.worst_ratio <= 1.0);
    } else {
      CHECK(outcome.replications == 10'000);
    }
    if (first.empty()) first = delivered;
    CHECK(delivered == first);
  }
}
