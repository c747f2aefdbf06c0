#pragma once
// Ranking and selection among a few candidate points: the fully sequential procedure KN of Kim
// and Nelson (2001), "A fully sequential procedure for indifference-zone selection in
// simulation", ACM TOMACS 11(3), 251-273, which allows common random numbers across systems.
//
// With k systems, confidence 1 - alpha, indifference zone delta and a first stage of n0
// replications of every system (the same replication numbers for all, so differences are paired):
//   eta = ((2 alpha / (k - 1))^(-2 / (n0 - 1)) - 1) / 2,   h^2 = 2 eta (n0 - 1),
//   S_il^2 = the sample variance of X_i - X_l over the first stage.
// After r replications, system i is eliminated when its mean falls below that of a surviving
// system l by more than W_il(r) = max(0, delta / (2 r) (h^2 S_il^2 / delta^2 - r)); the survivors
// run one more replication each, until one is left. When the best system's mean exceeds every
// other's by at least delta, the one left is the best with probability at least 1 - alpha.
//
// Replications run in batches of a fixed size (a batch is one call of the evaluation per survivor,
// the elimination is checked after every replication within it, so the batch only costs runs,
// never changes the outcome), and the procedure stops when the next batch would pass the budget,
// selecting the survivor with the highest mean. A system whose objective is undefined (NaN) in a
// replication is eliminated there: it cannot be shown best. Of two systems with the same value in
// every replication (S_il^2 = 0, equal sums: parameters that change nothing), the later in the
// list is eliminated, since no number of replications would tell them apart.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/tuning/coordinate_search.hpp"
#include "sim/tuning/objective.hpp"
#include "sim/tuning/search_space.hpp"

namespace c2msim::tuning {

struct SelectionOptions {
  double alpha = 0.05;
  double indifference = 1.0;            // delta, in the objective's units (> 0)
  std::uint64_t first_stage = 10;       // n0 >= 2
  std::uint64_t batch = 8;              // replications per survivor per evaluation call
  std::uint64_t budget = 1000;          // replications in all
  std::uint64_t first_replication = 0;  // the procedure's replications are numbered from here
};

struct SelectionResult {
  std::size_t selected = 0;
  bool decided = false;          // one survivor left; false: the budget ran out with several
  std::vector<Samples> samples;  // per system, every replication it ran
  std::vector<std::uint64_t>
      eliminated_after;  // per system: replications when eliminated, 0 if not
  std::uint64_t replications_used = 0;
};

// The KN constant h^2 for k systems (k >= 2), confidence 1 - alpha and a first stage of n0.
double kn_h_squared(std::size_t k, double alpha, std::uint64_t n0);

// Requires at least one system; with one, it is selected at once. Throws std::invalid_argument on
// options outside their ranges or a budget that does not cover the first stage, and RefusedPoint
// when the model refuses a system.
SelectionResult select_best(const std::vector<Point>& systems, const Objective& objective,
                            const SelectionOptions& options, const EvaluatePoint& evaluate);

}  // namespace c2msim::tuning
