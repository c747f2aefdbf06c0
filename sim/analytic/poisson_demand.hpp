#pragma once
// Poisson lead-time demand D ~ Poisson(mean): its probabilities and its loss functions, the
// building blocks of every Poisson inventory formula here (Axsäter, Inventory Control, 3rd ed.,
// 2015, sec. 5.2; Zipkin, Foundations of Inventory Management, 2000, ch. 6). A mean of zero
// is the demand of a zero lead time: D = 0 for certain (Boost refuses a zero mean).

#include <boost/math/distributions/poisson.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

namespace c2msim::analytic {

inline void require_poisson_mean(double mean) {
  if (!(mean >= 0.0) || !std::isfinite(mean))
    throw std::invalid_argument("Poisson demand: the mean must be finite and >= 0, got " +
                                std::to_string(mean));
}

// P(D = k).
inline double poisson_pmf(double mean, int k) {
  require_poisson_mean(mean);
  if (k < 0) return 0.0;
  if (mean == 0.0) return k == 0 ? 1.0 : 0.0;
  return boost::math::pdf(boost::math::poisson_distribution<double>(mean), k);
}

// P(D <= k).
inline double poisson_cdf(double mean, int k) {
  require_poisson_mean(mean);
  if (k < 0) return 0.0;
  if (mean == 0.0) return 1.0;
  return boost::math::cdf(boost::math::poisson_distribution<double>(mean), k);
}

// P(D > k), accurate in the far tail where 1 - P(D <= k) would cancel.
inline double poisson_tail(double mean, int k) {
  require_poisson_mean(mean);
  if (k < 0) return 1.0;
  if (mean == 0.0) return 0.0;
  return boost::math::cdf(
      boost::math::complement(boost::math::poisson_distribution<double>(mean), k));
}

// E[(s - D)^+] = sum_{k < s} (s - k) P(D = k), a finite sum.
inline double poisson_expected_leftover(double mean, int s) {
  double below = 0.0;
  for (int k = 0; k < s; ++k) below += (s - k) * poisson_pmf(mean, k);
  return below;
}

// The first-order loss function E[(D - s)^+] = E[D] - s + E[(s - D)^+].
inline double poisson_expected_shortage(double mean, int s) {
  return mean - s + poisson_expected_leftover(mean, s);
}

// The smallest k >= 0 with P(D <= k) >= ratio, 0 <= ratio < 1: the critical fractile of a
// Poisson demand. Walks from the mean, so it costs about sqrt(mean) steps, not mean.
inline int poisson_smallest_quantile(double mean, double ratio) {
  require_poisson_mean(mean);
  if (!(ratio >= 0.0 && ratio < 1.0))
    throw std::invalid_argument("Poisson fractile: the ratio must be in [0, 1), got " +
                                std::to_string(ratio));
  if (mean > 2147483647.0 / 2.0)
    throw std::invalid_argument("Poisson fractile: the mean is too large for a whole number");
  int k = static_cast<int>(mean);
  while (k > 0 && poisson_cdf(mean, k - 1) >= ratio) --k;
  while (poisson_cdf(mean, k) < ratio) ++k;
  return k;
}

}  // namespace c2msim::analytic
