#include "sim/tuning/coordinate_search.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace c2msim::tuning {
namespace {

class Search {
 public:
  Search(const std::vector<Variable>& variables, const Objective& objective,
         const std::vector<Constraint>& constraints, const SearchOptions& options,
         const EvaluatePoint& evaluate)
      : variables_(variables),
        objective_(objective),
        constraints_(constraints),
        options_(options),
        evaluate_(evaluate) {}

  SearchResult run() {
    const auto start = evaluated(start_point(variables_), 0);
    if (!start || !result_.evaluations[*start].accepted) return std::move(result_);
    set_incumbent(*start);
    std::vector<double> step;
    std::vector<double> first_step;
    for (const Variable& v : variables_) {
      const double quarter = (snap(v, v.high) - snap(v, v.low)) / 4;
      step.push_back(v.whole ? std::max(1.0, std::round(quarter)) : quarter);
    }
    first_step = step;
    for (std::size_t sweep = 1;; ++sweep) {
      result_.iterations = sweep;
      // Converged only after a sweep that tried every smallest step and moved nowhere.
      const bool smallest_steps = at_smallest(step);
      bool moved = false;
      for (std::size_t i = 0; i < variables_.size(); ++i) {
        const Point x =
            result_.evaluations[result_.best].point;  // a copy: evaluating grows the list
        std::optional<std::size_t> chosen;
        for (const double direction : {1.0, -1.0}) {
          Point y = x;
          y[i] = snap(variables_[i], x[i] + direction * step[i]);
          if (y[i] == x[i]) continue;
          const auto e = evaluated(std::move(y), sweep);
          if (!e) return std::move(result_);  // the budget is spent
          if (!result_.evaluations[*e].accepted) continue;
          const Assessment& best_so_far =
              result_.evaluations[chosen.value_or(result_.best)].assessment;
          if (better(result_.evaluations[*e].assessment, best_so_far, objective_)) chosen = e;
        }
        if (chosen) {
          set_incumbent(*chosen);
          step[i] = std::min(2 * step[i], first_step[i]);
          moved = true;
        } else {
          step[i] =
              std::max(smallest(i), variables_[i].whole ? std::floor(step[i] / 2) : step[i] / 2);
        }
      }
      if (!moved && smallest_steps) {
        const auto transfer = transfer_poll(step, sweep);
        if (!transfer) return std::move(result_);  // the budget is spent
        if (*transfer) continue;
        result_.converged = true;
        return std::move(result_);
      }
    }
  }

 private:
  // At the smallest steps, the points x + d_i e_i - d_j e_j for every ordered pair i != j: more of
  // one variable for less of another (stock moved from one stage to the next), which no
  // coordinate poll sees. Moves to the first that is better; whether it moved, or nothing when
  // the budget is spent.
  std::optional<bool> transfer_poll(const std::vector<double>& step, std::size_t sweep) {
    for (std::size_t i = 0; i < variables_.size(); ++i) {
      for (std::size_t j = 0; j < variables_.size(); ++j) {
        if (i == j) continue;
        const Point x = result_.evaluations[result_.best].point;
        Point y = x;
        y[i] = snap(variables_[i], x[i] + step[i]);
        y[j] = snap(variables_[j], x[j] - step[j]);
        if (y[i] == x[i] || y[j] == x[j]) continue;
        const auto e = evaluated(std::move(y), sweep);
        if (!e) return std::nullopt;
        if (result_.evaluations[*e].accepted &&
            better(result_.evaluations[*e].assessment, result_.evaluations[result_.best].assessment,
                   objective_)) {
          set_incumbent(*e);
          return true;
        }
      }
    }
    return false;
  }

  // The index of the evaluation of x, running it if it is new; nothing when running it would
  // take the search past its budget.
  std::optional<std::size_t> evaluated(Point x, std::size_t iteration) {
    if (const auto it = seen_.find(x); it != seen_.end()) return it->second;
    if (result_.replications_used + options_.replications > options_.budget) return std::nullopt;
    SearchEvaluation e;
    e.iteration = iteration;
    e.point = x;
    const auto samples = evaluate_(x, 0, options_.replications);
    if (samples) result_.replications_used += options_.replications;  // a refusal runs nothing
    e.accepted = samples.has_value();
    if (samples) e.assessment = assess(*samples, constraints_);
    result_.evaluations.push_back(std::move(e));
    seen_.emplace(std::move(x), result_.evaluations.size() - 1);
    return result_.evaluations.size() - 1;
  }

  void set_incumbent(std::size_t index) {
    result_.best = index;
    result_.evaluations[index].incumbent = true;
  }

  [[nodiscard]] double smallest(std::size_t i) const {
    const Variable& v = variables_[i];
    return v.whole ? 1.0 : (v.high - v.low) * options_.real_resolution;
  }

  [[nodiscard]] bool at_smallest(const std::vector<double>& step) const {
    for (std::size_t i = 0; i < variables_.size(); ++i) {
      if (step[i] > smallest(i)) return false;
    }
    return true;
  }

  const std::vector<Variable>& variables_;
  const Objective& objective_;
  const std::vector<Constraint>& constraints_;
  const SearchOptions& options_;
  const EvaluatePoint& evaluate_;
  SearchResult result_;
  std::map<Point, std::size_t> seen_;
};

}  // namespace

SearchResult coordinate_search(const std::vector<Variable>& variables, const Objective& objective,
                               const std::vector<Constraint>& constraints,
                               const SearchOptions& options, const EvaluatePoint& evaluate) {
  return Search(variables, objective, constraints, options, evaluate).run();
}

}  // namespace c2msim::tuning
