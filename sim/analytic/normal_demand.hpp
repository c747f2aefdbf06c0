#pragma once
// Normal demand D ~ N(mean, sd^2): the standard normal loss function, which turns expected
// shortages and sales into closed forms (Porteus, Foundations of Stochastic Inventory Theory,
// 2002, ch. 1; Axsäter 2015, sec. 5.3).

#include <boost/math/distributions/normal.hpp>

namespace c2msim::analytic {

// E[(Z - z)^+] = phi(z) - z (1 - Phi(z)) for Z ~ N(0, 1).
inline double normal_loss(double z) {
  const boost::math::normal_distribution<double> n;
  return boost::math::pdf(n, z) - z * boost::math::cdf(boost::math::complement(n, z));
}

// z with Phi(z) = probability, 0 < probability < 1.
inline double normal_quantile(double probability) {
  return boost::math::quantile(boost::math::normal_distribution<double>(), probability);
}

}  // namespace c2msim::analytic
