#pragma once
// Arrivals of a non-homogeneous Poisson process whose rate is constant within each simulated day
// (base rate x weekly pattern x dated events), by inversion of the cumulative rate (Cinlar 1975):
// the k-th arrival is at Lambda^-1(E_1 + ... + E_k) with E_i unit exponentials. Inversion, unlike
// thinning, maps the same unit exponentials to the same customers in every arm, so arms whose
// rates differ (through price response) stay paired.

#include <cstddef>
#include <limits>
#include <vector>

namespace c2msim::model {

// The time at which the integral of the rate from `from_days` reaches `mass`; +infinity if it
// never does. rates_per_day[d] holds on [d, d + 1) and the rate is 0 past the last day.
inline double advance_daily_rate(const std::vector<double>& rates_per_day, double from_days,
                                 double mass) {
  double t = from_days < 0.0 ? 0.0 : from_days;
  auto day = static_cast<std::size_t>(t);
  while (day < rates_per_day.size()) {
    const double rate = rates_per_day[day];
    const double day_end = static_cast<double>(day + 1);
    const double available = rate * (day_end - t);
    if (rate > 0.0 && mass <= available) return t + mass / rate;
    mass -= available;
    t = day_end;
    ++day;
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace c2msim::model
