#pragma once
// Simulation optimisation of one arm: a coordinate search on common random numbers
// (coordinate_search.hpp), then ranking and selection among the best points it found
// (ranking_selection.hpp), then a confirmation on fresh replications that the selected point beats
// the starting point.
//
// Replications are numbered so that no stage reuses another's: the search runs 0..n-1 at every
// point; the selection runs from n on; the confirmation runs the selected point and the start on
// the next m numbers after the most the selection ran. Every stage is a deterministic function of
// the points and the replication numbers, so the result is the same for any thread count.
//
// The candidates are the points of the search shown feasible (all of them, without constraints):
// the starting point when it is one, and the best others (ranked by objective.hpp's `better`), at
// most `candidates` in all; the selection compares their objectives only. With none, nothing is
// selected: the start is kept (status infeasible). The confirmation estimates the paired difference
// selected - start of the objective; the improvement is shown when the selected point is not the
// start, it is feasible on the confirmation's replications (constraints judged by their intervals)
// and either the start is not, or the 95% interval of the difference lies wholly on the side of the
// goal. Otherwise the tuned point is the start: the tuner never reports an improvement the paired
// interval does not support.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/montecarlo/summary.hpp"
#include "sim/tuning/coordinate_search.hpp"
#include "sim/tuning/objective.hpp"
#include "sim/tuning/ranking_selection.hpp"
#include "sim/tuning/search_space.hpp"

namespace c2msim::tuning {

struct TunerOptions {
  std::uint64_t budget = 2000;             // replications in all
  std::uint64_t search_replications = 10;  // per point in the search
  std::uint64_t confirmation_replications = 30;
  std::size_t candidates = 5;      // the start and up to 4 points of the search
  double alpha = 0.05;             // of the selection
  double indifference = 0.0;       // delta; 0: 1% of |objective at the start| (or 1e-9)
  std::uint64_t first_stage = 10;  // of the selection
  std::uint64_t batch = 8;         // of the selection
  double search_share = 0.6;       // of the budget, for the search
};

enum class TuningStatus : unsigned char {
  kImproved,     // the selected point beats the start, shown on fresh replications
  kNotShown,     // the selected point is not shown to beat the start: the start is kept
  kStartIsBest,  // the selection chose the start
  kInfeasible,   // the search found no point shown feasible: the start is kept
};

std::string_view to_string(TuningStatus status);

struct Confirmation {
  std::uint64_t first_replication = 0;
  std::uint64_t replications = 0;
  Assessment selected;
  Assessment start;
  montecarlo::Summary difference;  // selected - start of the objective, paired
};

struct TuningResult {
  SearchResult search;
  std::vector<std::size_t> candidates;  // indices into search.evaluations (0 is the start)
  SelectionResult selection;            // systems in the order of `candidates`
  double indifference = 0.0;            // the delta used
  std::uint64_t selection_first_replication = 0;
  Confirmation confirmation;
  TuningStatus status = TuningStatus::kNotShown;
  Point selected;  // the point the selection chose
  Point tuned;     // the selected point when the improvement is shown, else the start
  std::uint64_t replications_used = 0;
};

// The smallest budget `options` can run: the start, the selection's first stage of every
// candidate and the confirmation.
std::uint64_t minimum_budget(const TunerOptions& options);

// Throws std::invalid_argument when the budget is below minimum_budget or an option is out of
// range, and RefusedPoint when the model refuses the starting point.
TuningResult tune(const std::vector<Variable>& variables, const Objective& objective,
                  const std::vector<Constraint>& constraints, const TunerOptions& options,
                  const EvaluatePoint& evaluate);

}  // namespace c2msim::tuning
