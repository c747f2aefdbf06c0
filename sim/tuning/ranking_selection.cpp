#include "sim/tuning/ranking_selection.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace c2msim::tuning {

double kn_h_squared(std::size_t k, double alpha, std::uint64_t n0) {
  const double m = static_cast<double>(n0 - 1);
  const double eta = (std::pow(2 * alpha / static_cast<double>(k - 1), -2.0 / m) - 1) / 2;
  return 2 * eta * m;
}

SelectionResult select_best(const std::vector<Point>& systems, const Objective& objective,
                            const SelectionOptions& o, const EvaluatePoint& evaluate) {
  if (systems.empty()) throw std::invalid_argument("ranking and selection: no system");
  if (!(o.alpha > 0 && o.alpha < 1) || !(o.indifference > 0) || o.first_stage < 2 || o.batch < 1) {
    throw std::invalid_argument("ranking and selection: options out of range");
  }
  const std::size_t k = systems.size();
  SelectionResult out;
  out.samples.resize(k);
  out.eliminated_after.assign(k, 0);
  if (k == 1) {
    out.decided = true;
    return out;
  }
  const double sign = objective.sign();
  std::vector<double> sum(k, 0.0);
  std::vector<bool> alive(k, true);
  std::uint64_t r = 0;  // replications every survivor has run

  // Runs `count` more replications of every survivor.
  const auto run = [&](std::uint64_t count) {
    for (std::size_t i = 0; i < k; ++i) {
      if (!alive[i]) continue;
      auto samples = evaluate(systems[i], o.first_replication + r, count);
      if (!samples) throw RefusedPoint("the model refused a candidate of the selection");
      out.replications_used += count;
      for (auto& row : *samples) out.samples[i].push_back(std::move(row));
    }
  };
  const auto value = [&](std::size_t i, std::uint64_t j) { return sign * out.samples[i][j][0]; };
  const auto eliminate = [&](std::size_t i, std::uint64_t after) {
    alive[i] = false;
    out.eliminated_after[i] = after;
  };
  const auto survivors = [&] {
    return static_cast<std::uint64_t>(std::count(alive.begin(), alive.end(), true));
  };

  if (o.first_stage * k > o.budget) {
    throw std::invalid_argument("ranking and selection: the budget does not cover the first stage");
  }
  run(o.first_stage);
  const double h2 = kn_h_squared(k, o.alpha, o.first_stage);
  // S_il^2 over the first stage.
  std::vector<std::vector<double>> s2(k, std::vector<double>(k, 0.0));
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t l = i + 1; l < k; ++l) {
      double mean = 0.0;
      for (std::uint64_t j = 0; j < o.first_stage; ++j) mean += value(i, j) - value(l, j);
      mean /= static_cast<double>(o.first_stage);
      double ss = 0.0;
      for (std::uint64_t j = 0; j < o.first_stage; ++j) {
        const double d = value(i, j) - value(l, j) - mean;
        ss += d * d;
      }
      s2[i][l] = s2[l][i] = ss / static_cast<double>(o.first_stage - 1);
    }
  }

  // Screens after each replication from `from` (exclusive) to `to` (inclusive).
  const auto screen = [&](std::uint64_t from, std::uint64_t to) {
    for (std::uint64_t n = from + 1; n <= to && survivors() > 1; ++n) {
      for (std::size_t i = 0; i < k; ++i) {
        if (alive[i] && std::isnan(value(i, n - 1))) eliminate(i, n);
      }
      for (std::size_t i = 0; i < k; ++i) {
        if (alive[i]) sum[i] += value(i, n - 1);
      }
      std::vector<bool> keep = alive;
      const double rn = static_cast<double>(n);
      for (std::size_t i = 0; i < k; ++i) {
        if (!alive[i]) continue;
        for (std::size_t l = 0; l < k && keep[i]; ++l) {
          if (l == i || !alive[l]) continue;
          const double w =
              std::max(0.0, o.indifference / (2 * rn) *
                                (h2 * s2[i][l] / (o.indifference * o.indifference) - rn));
          if (sum[i] / rn < sum[l] / rn - w) keep[i] = false;
          // Two systems whose every replication so far is the same (parameters that change
          // nothing): more replications cannot separate them, so the later one goes.
          if (s2[i][l] == 0 && sum[i] == sum[l] && l < i) keep[i] = false;
        }
      }
      for (std::size_t i = 0; i < k; ++i) {
        if (alive[i] && !keep[i]) eliminate(i, n);
      }
    }
  };
  screen(0, o.first_stage);
  r = o.first_stage;
  while (survivors() > 1 && out.replications_used + o.batch * survivors() <= o.budget) {
    run(o.batch);
    screen(r, r + o.batch);
    r += o.batch;
  }
  out.decided = survivors() == 1;
  // The survivor with the highest mean over the replications screened (the only one when
  // decided); the first system when every one was eliminated for an undefined objective.
  bool found = false;
  double best = 0.0;
  const double screened = static_cast<double>(r);
  for (std::size_t i = 0; i < k; ++i) {
    if (!alive[i]) continue;
    if (!found || sum[i] / screened > best) {
      best = sum[i] / screened;
      out.selected = i;
      found = true;
    }
  }
  return out;
}

}  // namespace c2msim::tuning
