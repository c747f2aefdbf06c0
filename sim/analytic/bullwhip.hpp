#pragma once
// The bullwhip effect of order-up-to policies on moving-average forecasts of i.i.d. demand.
// Chen, Drezner, Ryan and Simchi-Levi, Management Science 46 (2000), eq. (5): a stage whose
// lead-time demand is L times a p-period moving average orders q with
// Var(q) / Var(D) >= 1 + 2L/p + 2L^2/p^2, with equality when the safety stock is constant and
// orders may be negative. For a serial chain (their sec. 4; Lee, Padmanabhan and Whang 1997)
// each tier's orders are, without safety stock, a fixed linear filter of consumer demand.

#include <cstddef>
#include <vector>

namespace c2msim::analytic {

inline double chen_bullwhip(double L, double p) {
  return 1.0 + 2.0 * L / p + 2.0 * L * L / (p * p);
}

// A polynomial in the lag operator B: coefficient j weighs D_{t-j}. For i.i.d. demand the
// variance of the output over that of demand is the sum of the squared coefficients.
using Filter = std::vector<double>;

inline Filter filter_add(Filter a, const Filter& b) {
  if (a.size() < b.size()) a.resize(b.size(), 0.0);
  for (std::size_t j = 0; j < b.size(); ++j) a[j] += b[j];
  return a;
}

inline Filter filter_multiply(const Filter& a, const Filter& b) {
  Filter out(a.size() + b.size() - 1, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  }
  return out;
}

inline Filter filter_shift(const Filter& a, std::size_t lag) {
  Filter out(lag, 0.0);
  out.insert(out.end(), a.begin(), a.end());
  return out;
}

inline double variance_ratio(const Filter& f) {
  double sum = 0.0;
  for (double c : f) sum += c * c;
  return sum;
}

// Autocorrelation of the filtered series at lag k.
inline double autocorrelation(const Filter& f, std::size_t k) {
  double sum = 0.0;
  for (std::size_t j = 0; j + k < f.size(); ++j) sum += f[j] * f[j + k];
  return sum / variance_ratio(f);
}

// An order-up-to stage whose level is `cover` periods of a p-period moving average of the signal
// x it forecasts on: its order is its demand plus the change of the level,
// demand + (cover/p)(x_t - x_{t-p}). The level's part, as a filter of x: (cover/p)(1 - B^p).
inline Filter level_change(double cover, std::size_t p) {
  Filter f(p + 1, 0.0);
  f[0] = cover / static_cast<double>(p);
  f[p] = -cover / static_cast<double>(p);
  return f;
}

// A serial chain, tiers listed from the consumer up, each with its cover (periods) and the same
// p-period moving average, reviewed every period. A tier's demand in a period is what the tier
// below ordered at the end of the previous one (one lag). Forecasting on orders, tier i's
// orders are O_i = B O_{i-1} (1 + level change), with O_0 = D; on point-of-sale data they are
// O_i = B O_{i-1} + level change applied to D (the first tier has no lag: its demand is D).
// Returns each tier's orders as a filter of D.
inline std::vector<Filter> serial_chain_orders(const std::vector<double>& covers, std::size_t p,
                                               bool forecast_on_pos) {
  std::vector<Filter> out;
  Filter demand{1.0};
  for (std::size_t i = 0; i < covers.size(); ++i) {
    const Filter change = level_change(covers[i], p);
    Filter orders = forecast_on_pos ? filter_add(demand, change)
                                    : filter_multiply(demand, filter_add(Filter{1.0}, change));
    out.push_back(orders);
    demand = filter_shift(orders, 1);
  }
  return out;
}

}  // namespace c2msim::analytic
