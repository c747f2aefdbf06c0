#pragma once
// What a tuning run wants: one metric maximised or minimised, subject to constraints such as
// service_level >= 0.95, and how a point's replications are judged against them.
//
// Feasibility is judged with the 95% confidence interval of the constraint's mean, never with the
// point estimate alone: a point is feasible when every constraint holds at the unfavourable end of
// its interval (the lower end for `>=`, the upper end for `<=`), so a point called feasible is one
// the replications show to be feasible, not one that merely looks so. A point with fewer than two
// replications in which a constraint's metric is defined has no interval and is not feasible.
//
// Points are ranked by `better`: a feasible point beats an infeasible one; two feasible points by
// the objective's mean (in the direction of the goal); two infeasible ones by their violation,
// the sum over constraints of how far the mean falls short of the bound, each relative to the
// bound's magnitude (at least 1), then by the objective.

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "sim/montecarlo/summary.hpp"

namespace c2msim::tuning {

enum class Goal : unsigned char { kMaximise, kMinimise };

struct Constraint {
  std::string metric;
  std::string scope = "system";
  bool at_least = true;  // metric >= bound; false: metric <= bound
  double bound = 0.0;

  [[nodiscard]] std::string to_string()
      const;  // "service_level >= 0.95" (with scope if not system)
};

struct Objective {
  std::string metric = "profit";
  std::string scope = "system";
  Goal goal = Goal::kMaximise;

  // +1 or -1: the objective times this is maximised.
  [[nodiscard]] double sign() const { return goal == Goal::kMaximise ? 1.0 : -1.0; }
};

// The replications of one point: samples[r] holds, for replication r, the objective's value then
// each constraint's metric, in the order of the constraints (NaN where undefined).
using Samples = std::vector<std::vector<double>>;

struct Assessment {
  montecarlo::Summary objective;                 // over the replications where it is defined
  std::vector<montecarlo::Summary> constraints;  // one per constraint
  bool feasible = true;
  double violation = 0.0;  // 0 when every constraint's mean meets its bound
};

// The values of column `column` of the samples.
std::vector<double> column(const Samples& samples, std::size_t column);

Assessment assess(const Samples& samples, const std::vector<Constraint>& constraints);

// Whether a point assessed as `a` is better than one assessed as `b` (see above).
bool better(const Assessment& a, const Assessment& b, const Objective& objective);

}  // namespace c2msim::tuning
