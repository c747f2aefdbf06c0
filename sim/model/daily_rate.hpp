#pragma once
// Arrivals of a non-homogeneous Poisson process whose rate is constant within each simulated day
// (base rate x weekly pattern x dated events), by inversion of the cumulative rate (Cinlar 1975):
// the k-th arrival is at Lambda^-1(E_1 + ... + E_k) with E_i unit exponentials. Inversion, unlike
// thinning, maps the same unit exponentials to the same customers in every arm, so arms whose
// rates differ (through price response) stay paired.

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace c2msim::model {

// Where a market stands on its cumulative rate: the day, and the mass already spent within it.
// Arrival times are computed from the start of their day, so rounding does not build up from one
// arrival to the next (a market of 10 a day with deterministic arrivals has its 10th customer at
// exactly the end of the day, not a hair before or after it, in every day of the horizon).
struct DailyRatePosition {
  std::size_t day = 0;
  double spent = 0.0;
};

// Moves `at` on by `mass` of the cumulative rate and returns the time it reaches; +infinity if it
// never does. rates_per_day[d] holds on [d, d + 1) and the rate is 0 past the last day.
inline double advance_daily_rate(const std::vector<double>& rates_per_day, DailyRatePosition& at,
                                 double mass) {
  while (at.day < rates_per_day.size()) {
    const double rate = rates_per_day[at.day];
    const double available = rate - at.spent;
    if (rate > 0.0 && mass <= available) {
      at.spent += mass;
      return static_cast<double>(at.day) + std::min(1.0, at.spent / rate);
    }
    if (rate > 0.0) mass -= available;
    at.spent = 0.0;
    ++at.day;
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace c2msim::model
