#pragma once
// decomposition.csv, the output of `c2msim decompose` (documented in README.md): for each metric,
// the base arm's value, each lever's Shapley value and own effect, the value with every lever,
// the total difference the Shapley values add up to, and the target arm with the residual the
// levers leave unexplained. Tidy: one row per metric, scope and row kind (and lever).

#include <string>
#include <vector>

#include "sim/montecarlo/decomposition.hpp"

namespace c2msim::output {

// metric, scope, kind, lever, mean, ci95_low, ci95_high, own_effect, own_effect_ci95_low,
// own_effect_ci95_high, replications. kind is base, lever, all_levers, total, target or residual;
// `lever` and the own-effect columns are empty but in `lever` rows; replications counts those
// used (a replication with an undefined value in any combination is left out of the metric).
// Without a target (`with_target` false) there are no target and residual rows.
void write_decomposition_csv(const std::string& path,
                             const std::vector<montecarlo::MetricDecomposition>& rows,
                             const std::vector<std::string>& levers, bool with_target);

}  // namespace c2msim::output
