#pragma once
// A coordinate pattern search (compass search; Kolda, Lewis and Torczon 2003, "Optimization by
// direct search", SIAM Review 45(3), section 3) on the sample-average approximation of the
// objective: every point is run on the same replications 0..n-1 (common random numbers), so the
// estimate is a deterministic function of the point and the search compares points by their
// effect, not by noise.
//
// Why this method: the variables are a mix of whole numbers (levels, windows, review periods,
// stocked variants) and reals (safety factors, batching windows), the estimated objective is
// piecewise constant in the whole ones and has no usable gradient, and constraints are judged by
// confidence intervals. A compass search needs only comparisons of points, moves on the lattice of
// whole numbers exactly, has a step per variable (so variables of different scales each find
// their own), and stops at a point no neighbouring point at the smallest steps improves: a local
// optimum of the lattice. Nelder-Mead's simplex, by contrast, degenerates on a lattice and needs
// re-rounding; a surrogate model would cost more runs than the budgets users give.
//
// The method: from the start x with steps d_i (a quarter of each range; whole variables at least
// 1), sweep the coordinates in order; for coordinate i evaluate x + d_i e_i and x - d_i e_i
// (snapped onto the space), move to the better of them if it is better than x (objective.hpp's
// `better`) and double d_i (up to its first value), else halve d_i (a whole variable's step stays
// at least 1). After a sweep that moves nowhere with every step at its smallest (1 for a whole
// variable, 1/128 of the range for a real one), poll the transfer directions d_i e_i - d_j e_j
// for every ordered pair i != j (one variable up by its smallest step, another down): where the
// objective couples variables (units of stock at two stages of a chain, which can stand in for
// each other), a coordinate poll stalls where moving both at once still gains. The search moves
// to the first better transfer and sweeps on; when none is better it has converged, at a point no
// coordinate or transfer neighbour improves. The search also ends when the next point would take
// the replications past the budget. Points already evaluated are not run again.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <vector>

#include "sim/tuning/objective.hpp"
#include "sim/tuning/search_space.hpp"

namespace c2msim::tuning {

// The replications first..first+count-1 of the scenario at point x, or nothing when the model
// does not accept the point (a value the file's checks refuse, such as s > S).
using EvaluatePoint =
    std::function<std::optional<Samples>(const Point& x, std::uint64_t first, std::uint64_t count)>;

// The model refused a point that had to run (the start, a candidate of the selection).
class RefusedPoint : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct SearchEvaluation {
  std::size_t iteration = 0;  // the sweep it was made in (0: the start)
  Point point;
  bool accepted = true;  // false: the model refused the point (no assessment)
  Assessment assessment;
  bool incumbent = false;  // the search moved to it (the start is the first incumbent)
};

struct SearchOptions {
  std::uint64_t replications = 10;     // per point
  std::uint64_t budget = 1000;         // replications the search may use in all
  double real_resolution = 1.0 / 128;  // a real variable's smallest step, as a share of its range
};

struct SearchResult {
  std::vector<SearchEvaluation> evaluations;  // in the order made; the first is the start
  std::size_t best = 0;                       // index of the last incumbent
  std::uint64_t replications_used = 0;
  std::size_t iterations = 0;  // sweeps made
  bool converged = false;      // false: the budget ran out first
};

SearchResult coordinate_search(const std::vector<Variable>& variables, const Objective& objective,
                               const std::vector<Constraint>& constraints,
                               const SearchOptions& options, const EvaluatePoint& evaluate);

}  // namespace c2msim::tuning
