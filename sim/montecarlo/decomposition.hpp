#pragma once
// The Shapley decomposition (shapley.hpp) of the difference between a base arm and the same arm
// with every lever applied, over Monte Carlo replications. Every combination of levers runs as an
// arm of one experiment, so replication r of each sees the same customers (common random
// numbers); each replication gives its own Shapley values, and their mean and 95% CI come from
// the paired replications, as a paired difference does. Accumulated one replication at a time in
// memory that does not grow with their number (StreamingSummary).
//
// The population: for each metric, the replications in which every combination's value is finite
// (a NaN, undefined, or an infinite value leaves the replication out of that metric only). The
// target arm's value and the residual (target - every lever) are over those of them in which the
// target's value is finite too.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/results_table.hpp"
#include "sim/montecarlo/streaming_summary.hpp"
#include "sim/montecarlo/summary.hpp"

namespace c2msim::montecarlo {

struct LeverEffect {
  Summary shapley;     // phi_i over the replications
  Summary own_effect;  // v({i}) - v({})
};

struct MetricDecomposition {
  MetricKey key;
  std::uint64_t replications = 0;  // replications run; `base.n` of them are used
  Summary base;                    // v({}): the base arm
  Summary all;                     // v(every lever)
  Summary total;                   // v(every lever) - v({}): what the Shapley values add up to
  std::vector<LeverEffect> levers;
  Summary target;    // the target arm, when there is one
  Summary residual;  // target - v(every lever): what the levers leave unexplained
};

class DecompositionTable {
 public:
  // The arms of each batch: the 2^levers combinations in the order of their masks (bit i set:
  // lever i applied), then the target arm when `with_target`.
  DecompositionTable(std::size_t levers, std::vector<MetricKey> metrics, bool with_target);

  void add(const ReplicationBatch& batch);

  // One per metric, in the order given.
  [[nodiscard]] std::vector<MetricDecomposition> results() const;

 private:
  struct Accumulated {
    StreamingSummary base{StreamingSummary::Percentiles::kNone};
    StreamingSummary all{StreamingSummary::Percentiles::kNone};
    StreamingSummary total{StreamingSummary::Percentiles::kNone};
    std::vector<StreamingSummary> shapley;
    std::vector<StreamingSummary> own_effect;
    StreamingSummary target{StreamingSummary::Percentiles::kNone};
    StreamingSummary residual{StreamingSummary::Percentiles::kNone};
  };

  std::size_t levers_;
  std::size_t combinations_;
  std::vector<MetricKey> metrics_;
  bool with_target_;
  std::uint64_t replications_ = 0;
  std::vector<Accumulated> accumulated_;  // [metric]
  std::vector<double> values_;            // v[mask] of the replication being added
};

}  // namespace c2msim::montecarlo
