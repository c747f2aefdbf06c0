#pragma once
// Where does a what-if stop paying? The value of one parameter at which the paired difference
// (arm - baseline) of a metric changes sign, found by bisection on Monte Carlo estimates.
//
// The difference is estimated at both ends of the range; if its means have opposite signs the
// interval is halved, keeping the half whose ends still have opposite signs, until it is narrower
// than the tolerance (status `found`, estimate: linear interpolation between the last two
// bracketing points) or until the 95% CI at a midpoint contains 0, so that the replications no
// longer tell on which side of the crossing it lies (status `not_separated`, estimate: that
// midpoint). Either way the crossing lies in [low, high]. When the CI at an end of the range
// already contains 0 the search does not start (`not_separated`, interpolated across the range);
// when the means at the ends have the same sign there is nothing to find (`no_sign_change`).
// Every evaluation uses the same seed and replication numbers (common random numbers), so
// neighbouring values differ by the parameter's effect, not by noise.

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace c2msim::montecarlo {

// The paired difference of the metric at one value of the parameter.
struct DifferenceEstimate {
  double mean = 0.0;
  double ci95_low = 0.0;
  double ci95_high = 0.0;
};

struct BreakevenEvaluation {
  double value = 0.0;
  DifferenceEstimate difference;
};

enum class BreakevenStatus : unsigned char { kFound, kNoSignChange, kNotSeparated };

std::string_view to_string(BreakevenStatus status);

struct BreakevenOptions {
  double low = 0.0;
  double high = 1.0;
  double tolerance = 1e-3;     // stop when high - low is no wider than this
  bool whole_numbers = false;  // the parameter is a count: evaluate whole numbers only
  std::size_t max_evaluations = 64;
};

struct BreakevenResult {
  BreakevenStatus status = BreakevenStatus::kNoSignChange;
  double estimate = 0.0;  // NaN with no sign change
  double low = 0.0;       // the crossing lies in [low, high]
  double high = 0.0;
  std::vector<BreakevenEvaluation> evaluations;  // in the order they were made
};

using DifferenceAt = std::function<DifferenceEstimate(double value)>;

BreakevenResult find_breakeven(const BreakevenOptions& options, const DifferenceAt& difference_at);

}  // namespace c2msim::montecarlo
