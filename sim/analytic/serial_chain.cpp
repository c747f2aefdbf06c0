#include "sim/analytic/serial_chain.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "sim/analytic/poisson_demand.hpp"

namespace c2msim::analytic {

namespace {

void require_chain(const SerialChain& chain) {
  const auto finite_positive = [](double x) { return x > 0.0 && std::isfinite(x); };
  if (!finite_positive(chain.demand_rate))
    throw std::invalid_argument("serial chain: the demand rate must be finite and > 0");
  if (!finite_positive(chain.backorder_cost))
    throw std::invalid_argument("serial chain: the backorder cost must be finite and > 0");
  if (chain.stages.empty()) throw std::invalid_argument("serial chain: it has no stage");
  for (std::size_t j = 0; j < chain.stages.size(); ++j) {
    const auto& s = chain.stages[j];
    const std::string stage = "serial chain: stage " + std::to_string(j + 1);
    if (!(s.lead_time >= 0.0) || !std::isfinite(s.lead_time))
      throw std::invalid_argument(stage + ": the lead time must be finite and >= 0");
    if (!finite_positive(s.echelon_holding_cost))
      throw std::invalid_argument(stage + ": the echelon holding cost must be finite and > 0");
  }
}

// f_{j-1} on 0..level (its minimiser or the given level), and the magnitude of its slope below 0.
struct Downstream {
  std::vector<double> f;
  double slope_below_zero;
};

// Stage j's lead-time demand D_j, its probabilities, its distribution function and its
// leftover E[(y - D_j)^+], extended as y grows.
class LeadTimeDemand {
 public:
  explicit LeadTimeDemand(double mean) : mean_(mean) {}

  // E[f*_{j-1}(y - D_j)] + h_j (y - mean) = f_j(y).
  double stage_cost(const Downstream& down, double h, int y) {
    while (static_cast<int>(pmf_.size()) <= y) {
      const int k = static_cast<int>(pmf_.size());
      leftover_.push_back(leftover_.empty() ? 0.0 : leftover_.back() + cdf_.back());
      pmf_.push_back(poisson_pmf(mean_, k));
      cdf_.push_back(poisson_cdf(mean_, k));
    }
    const int top = static_cast<int>(down.f.size()) - 1;
    double sum = 0.0;
    for (int d = 0; d <= y; ++d)
      sum += pmf_[static_cast<std::size_t>(d)] *
             down.f[static_cast<std::size_t>(std::min(y - d, top))];
    // d > y: f_{j-1}(y - d) = f_{j-1}(0) + slope (d - y), summed in closed form.
    const double shortage = mean_ - y + leftover_[static_cast<std::size_t>(y)];
    sum += down.f[0] * poisson_tail(mean_, y) + down.slope_below_zero * shortage;
    return h * (y - mean_) + sum;
  }

 private:
  double mean_;
  std::vector<double> pmf_, cdf_, leftover_;  // leftover_[y] = E[(y - D)^+]
};

// Runs the recursion up the chain; `levels` gives each stage's level, or is empty for the
// minimisers. Returns the levels used and f_N at the last one.
SerialOptimum solve(const SerialChain& chain, const std::vector<int>& levels) {
  require_chain(chain);
  double H = 0.0;  // H_1 = h_1 + ... + h_N
  for (const auto& s : chain.stages) H += s.echelon_holding_cost;
  Downstream down{{0.0}, chain.backorder_cost + H};  // f_0 and s*_0 = 0
  SerialOptimum out{{}, 0.0};
  for (std::size_t j = 0; j < chain.stages.size(); ++j) {
    const auto& stage = chain.stages[j];
    LeadTimeDemand demand(chain.demand_rate * stage.lead_time);
    const double h = stage.echelon_holding_cost;
    std::vector<double> f{demand.stage_cost(down, h, 0)};
    if (levels.empty()) {
      // f_j is convex and rises with slope h_j > 0 far up: its first non-decrease is its minimum.
      for (int y = 1;; ++y) {
        const double next = demand.stage_cost(down, h, y);
        if (!(next < f.back())) break;
        f.push_back(next);
      }
    } else {
      for (int y = 1; y <= levels[j]; ++y) f.push_back(demand.stage_cost(down, h, y));
    }
    out.echelon_levels.push_back(static_cast<int>(f.size()) - 1);
    out.expected_cost = f.back();
    H -= h;
    down = Downstream{std::move(f), chain.backorder_cost + H};
  }
  return out;
}

}  // namespace

SerialOptimum optimal_serial_chain(const SerialChain& chain) {
  return solve(chain, {});
}

double serial_chain_cost(const SerialChain& chain, const std::vector<int>& echelon_levels) {
  if (echelon_levels.size() != chain.stages.size())
    throw std::invalid_argument("serial chain: " + std::to_string(echelon_levels.size()) +
                                " levels for " + std::to_string(chain.stages.size()) + " stages");
  for (std::size_t j = 0; j < echelon_levels.size(); ++j) {
    if (echelon_levels[j] < 0)
      throw std::invalid_argument("serial chain: stage " + std::to_string(j + 1) +
                                  ": the echelon level must be >= 0, got " +
                                  std::to_string(echelon_levels[j]));
  }
  return solve(chain, echelon_levels).expected_cost;
}

std::vector<int> local_base_stock_levels(const std::vector<int>& echelon_levels) {
  std::vector<int> capped(echelon_levels);
  for (std::size_t j = capped.size(); j > 1; --j)
    capped[j - 2] = std::min(capped[j - 2], capped[j - 1]);
  std::vector<int> local(capped.size());
  for (std::size_t j = 0; j < capped.size(); ++j)
    local[j] = capped[j] - (j == 0 ? 0 : capped[j - 1]);
  return local;
}

}  // namespace c2msim::analytic
