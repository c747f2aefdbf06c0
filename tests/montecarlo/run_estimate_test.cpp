// A run's size is estimated before it starts, from its arms and options; the estimate must hold
// what the run then does, and the fit check must refuse what the machine cannot take.

#include "sim/montecarlo/run_estimate.hpp"

#include <catch2/catch.hpp>

#include "sim/model/run_size.hpp"
#include "tests/montecarlo/arm_fixtures.hpp"

using namespace c2msim;

namespace {

using testing::two_arms;

montecarlo::ExperimentOptions options(std::uint64_t replications, std::uint64_t recorded = 0,
                                      unsigned threads = 2) {
  montecarlo::ExperimentOptions o;
  o.threads = threads;
  o.seed = 5;
  o.replications = replications;
  o.timeseries_replications = recorded;
  return o;
}

}  // namespace

TEST_CASE("a run's estimate holds the rows and days the run then writes",
          "[montecarlo][run_size]") {
  const auto arms = two_arms();
  const auto o = options(6, 2);
  const auto estimate = montecarlo::estimate_run(arms, o);
  double rows = 0, snapshots = 0, events = 0;
  montecarlo::run_experiment(arms, o, [&](montecarlo::ReplicationBatch&& b) {
    for (const auto& arm : b.arms) {
      rows += static_cast<double>(arm.metrics.size());
      events += static_cast<double>(arm.events_processed);
    }
    for (const auto& days : b.timeseries) snapshots += static_cast<double>(days.size());
  });
  CHECK(estimate.replications == 6);
  CHECK(estimate.metric_rows >= rows);
  CHECK(estimate.metric_rows <= 2 * rows);
  // Every node's state at every day end of the two recorded replications of both arms.
  CHECK(estimate.snapshot_rows == snapshots);
  CHECK(estimate.events >= 0.5 * events);
  CHECK(estimate.events <= 4 * events);
}

TEST_CASE("a run's rows grow with its replications, its memory with its threads only",
          "[montecarlo][run_size]") {
  const auto arms = two_arms();
  const auto small = montecarlo::estimate_run(arms, options(1'000));
  const auto large = montecarlo::estimate_run(arms, options(1'000'000));
  CHECK(large.metric_rows == Approx(1000 * small.metric_rows));
  CHECK(large.events == Approx(1000 * small.events));
  CHECK(large.peak_bytes == small.peak_bytes);
  // Each thread holds a replication and its share of the reorder window; the summaries are shared.
  const auto one = montecarlo::estimate_run(arms, options(1'000'000, 0, 1));
  const auto wide = montecarlo::estimate_run(arms, options(1'000'000, 0, 64));
  CHECK(large.peak_bytes > one.peak_bytes);
  CHECK(wide.peak_bytes - one.peak_bytes == Approx(63 * (large.peak_bytes - one.peak_bytes)));
  // One replication on many threads holds one replication, not one per thread.
  CHECK(montecarlo::estimate_run(arms, options(1, 0, 64)).peak_bytes <
        montecarlo::estimate_run(arms, options(2, 0, 64)).peak_bytes);
  // Recording days holds them in memory until they are written.
  CHECK(montecarlo::estimate_run(arms, options(1'000, 1'000)).peak_bytes > small.peak_bytes);
}

TEST_CASE("a run that needs more memory or disk than there is does not fit, naming which",
          "[montecarlo][run_size]") {
  montecarlo::RunEstimate run;
  run.peak_bytes = 2e9;
  run.metric_rows = 1e6;
  run.snapshot_rows = 1e5;
  const double disk = montecarlo::output_bytes(run);
  CHECK(disk >= 45 * 1e6 + 60 * 1e5);  // a row of each CSV file takes at least that many bytes
  CHECK_FALSE(montecarlo::why_run_does_not_fit(run, {2e9, disk}));
  const auto memory = montecarlo::why_run_does_not_fit(run, {1.9e9, disk});
  REQUIRE(memory);
  CHECK(memory->find("2.0 GB of memory") != std::string::npos);
  CHECK(memory->find("the machine has 1.9 GB") != std::string::npos);
  const auto full = montecarlo::why_run_does_not_fit(run, {2e9, disk - 1});
  REQUIRE(full);
  CHECK(full->find("on disk") != std::string::npos);
}

TEST_CASE("the runs of a sweep add their rows and events and keep the largest memory",
          "[montecarlo][run_size]") {
  montecarlo::RunEstimate total;
  total += montecarlo::RunEstimate{10, 5e6, 100, 7, 2};
  total += montecarlo::RunEstimate{20, 3e6, 50, 1, 3};
  CHECK(total.events == 30);
  CHECK(total.peak_bytes == 5e6);
  CHECK(total.metric_rows == 150);
  CHECK(total.snapshot_rows == 8);
  CHECK(total.replications == 5);
}
