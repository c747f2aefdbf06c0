#include "sim/tuning/tuner.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace c2msim::tuning {

std::string_view to_string(TuningStatus status) {
  switch (status) {
    case TuningStatus::kImproved:
      return "improved";
    case TuningStatus::kNotShown:
      return "not_shown";
    case TuningStatus::kStartIsBest:
      return "start_is_best";
    case TuningStatus::kInfeasible:
      return "infeasible";
  }
  return "";
}

namespace {

std::uint64_t reserve(const TunerOptions& o) {
  return o.first_stage * o.candidates + 2 * o.confirmation_replications;
}

// The candidates: the start if it is shown feasible, then the best other feasible points.
std::vector<std::size_t> candidates(const SearchResult& search, const Objective& objective,
                                    std::size_t count) {
  const auto feasible = [&](std::size_t i) {
    return search.evaluations[i].accepted && search.evaluations[i].assessment.feasible;
  };
  std::vector<std::size_t> others;
  for (std::size_t i = 1; i < search.evaluations.size(); ++i) {
    if (feasible(i)) others.push_back(i);
  }
  // Stable, so that ties keep the order in which the search met them.
  std::stable_sort(others.begin(), others.end(), [&](std::size_t a, std::size_t b) {
    return better(search.evaluations[a].assessment, search.evaluations[b].assessment, objective);
  });
  std::vector<std::size_t> chosen;
  if (feasible(0)) chosen.push_back(0);
  for (std::size_t i = 0; i < others.size() && chosen.size() < count; ++i) {
    chosen.push_back(others[i]);
  }
  return chosen;
}

}  // namespace

std::uint64_t minimum_budget(const TunerOptions& o) {
  return o.search_replications + reserve(o);
}

TuningResult tune(const std::vector<Variable>& variables, const Objective& objective,
                  const std::vector<Constraint>& constraints, const TunerOptions& o,
                  const EvaluatePoint& evaluate) {
  if (o.search_replications < 2 || o.confirmation_replications < 2 || o.candidates < 1 ||
      !(o.search_share > 0 && o.search_share <= 1) || !(o.indifference >= 0)) {
    throw std::invalid_argument("tuning: options out of range");
  }
  if (o.budget < minimum_budget(o)) {
    throw std::invalid_argument("tuning: the budget is below the minimum");
  }
  TuningResult out;
  SearchOptions search;
  search.replications = o.search_replications;
  const auto share =
      static_cast<std::uint64_t>(std::floor(static_cast<double>(o.budget) * o.search_share));
  search.budget = std::min(share, o.budget - reserve(o));
  search.budget = std::max(search.budget, o.search_replications);
  out.search = coordinate_search(variables, objective, constraints, search, evaluate);
  if (out.search.evaluations.empty() || !out.search.evaluations.front().accepted) {
    throw RefusedPoint("the model refuses the starting point");
  }
  const Point& start = out.search.evaluations.front().point;
  out.candidates = candidates(out.search, objective, o.candidates);

  std::vector<Point> systems;
  for (std::size_t c : out.candidates) systems.push_back(out.search.evaluations[c].point);
  if (systems.empty()) systems.push_back(start);  // nothing feasible: only the start to confirm
  SelectionOptions selection;
  selection.alpha = o.alpha;
  const double start_mean = out.search.evaluations.front().assessment.objective.mean;
  out.indifference =
      o.indifference > 0 ? o.indifference : std::max(1e-9, 0.01 * std::fabs(start_mean));
  if (!std::isfinite(out.indifference)) out.indifference = 1e-9;
  selection.indifference = out.indifference;
  selection.first_stage = o.first_stage;
  selection.batch = o.batch;
  selection.first_replication = o.search_replications;
  selection.budget = o.budget - out.search.replications_used - 2 * o.confirmation_replications;
  out.selection_first_replication = selection.first_replication;
  out.selection = select_best(systems, objective, selection, evaluate);
  out.selected = systems[out.selection.selected];

  // The confirmation: fresh replications after the most any candidate ran in the selection.
  std::uint64_t most = 0;
  for (const Samples& s : out.selection.samples) most = std::max<std::uint64_t>(most, s.size());
  Confirmation& c = out.confirmation;
  c.first_replication = selection.first_replication + most;
  c.replications = o.confirmation_replications;
  const auto run = [&](const Point& x) {
    auto samples = evaluate(x, c.first_replication, c.replications);
    if (!samples) throw RefusedPoint("the model refused a point of the confirmation");
    return *samples;
  };
  const Samples at_selected = run(out.selected);
  const Samples at_start = run(start);
  c.selected = assess(at_selected, constraints);
  c.start = assess(at_start, constraints);
  std::vector<double> difference;
  for (std::size_t r = 0; r < at_selected.size() && r < at_start.size(); ++r) {
    const double d = at_selected[r][0] - at_start[r][0];
    if (!std::isnan(d)) difference.push_back(d);
  }
  c.difference = montecarlo::summarise(difference);
  out.replications_used =
      out.search.replications_used + out.selection.replications_used + 2 * c.replications;

  if (out.candidates.empty()) {
    out.status = TuningStatus::kInfeasible;
  } else if (out.candidates[out.selection.selected] == 0) {
    out.status = TuningStatus::kStartIsBest;
  } else {
    const double toward_goal_end =
        objective.goal == Goal::kMaximise ? c.difference.ci95_low : -c.difference.ci95_high;
    const bool better_objective = c.difference.n >= 2 && toward_goal_end > 0;
    const bool shown = c.selected.feasible && (!c.start.feasible || better_objective);
    out.status = shown ? TuningStatus::kImproved : TuningStatus::kNotShown;
  }
  out.tuned = out.status == TuningStatus::kImproved ? out.selected : start;
  return out;
}

}  // namespace c2msim::tuning
