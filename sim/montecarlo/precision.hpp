#pragma once
// Precision mode: replications run in batches until the 95% confidence half-width of every
// headline metric is within a fraction of its mean, in every arm, or a cap is reached.
//
// Whether to stop depends only on the results so far, and replication r is the same whatever the
// batch it runs in, so the outcome (and every output) does not depend on the thread count.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/results_table.hpp"

namespace c2msim::montecarlo {

struct PrecisionTarget {
  double relative_half_width = 0.01;  // of |mean|
  std::uint64_t max_replications = 10'000;
  std::string scope = "system";
  std::vector<std::string> metrics;  // the headline metrics
};

struct PrecisionCheck {
  bool reached = false;
  // The metric furthest from the target: half-width / (target x |mean|), at most 1 when reached.
  std::string worst_arm;
  std::string worst_metric;
  double worst_ratio = 0.0;
  // Metrics that cannot have a relative precision: an infinite or undefined mean, or a mean of
  // zero with spread. They do not hold the run back; they are listed so a user knows.
  std::vector<std::string> ignored;  // "arm/metric"
};

// Checks the table against the target. Metrics an arm does not report are skipped; with fewer
// than two replications nothing is reached.
PrecisionCheck check_precision(const ResultsTable& table, const PrecisionTarget& target);

// How many replications to have in all after `done`: the half-width shrinks as 1/sqrt(n), so
// n x ratio^2, with 10% to spare, at least 10% more than done, at most the cap.
std::uint64_t next_replication_total(std::uint64_t done, double worst_ratio, std::uint64_t cap);

struct PrecisionOutcome {
  PrecisionCheck check;
  std::uint64_t replications = 0;
  std::uint64_t events = 0;
};

// Runs options.replications replications (from options.first_replication), then more in batches
// until check_precision passes or max_replications are done. `consume` receives every batch, in
// replication order, and must add it to `table`.
PrecisionOutcome run_to_precision(const std::vector<ArmChain>& arms, ExperimentOptions options,
                                  const PrecisionTarget& target, const ResultsTable& table,
                                  const BatchConsumer& consume);

}  // namespace c2msim::montecarlo
