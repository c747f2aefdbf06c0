#pragma once
// The newsvendor: one season, price p, unit cost c, salvage value v (v < c < p). The expected
// profit of ordering Q is (p - v) E[min(Q, D)] - (c - v) Q, maximised at the critical fractile
// F(Q*) = (p - c) / (p - v), the underage cost over the sum of underage and overage costs
// (Porteus 2002, ch. 1; Arrow, Harris and Marschak 1951). For a discrete demand Q* is the
// smallest Q with F(Q) >= the fractile.

#include <stdexcept>

#include "sim/analytic/normal_demand.hpp"
#include "sim/analytic/poisson_demand.hpp"

namespace c2msim::analytic {

struct NewsvendorPrices {
  double price;
  double cost;
  double salvage;

  [[nodiscard]] double critical_ratio() const {
    if (!(salvage < cost && cost < price))
      throw std::invalid_argument("newsvendor: needs salvage < cost < price");
    return (price - cost) / (price - salvage);
  }
  [[nodiscard]] double profit(double quantity, double expected_sales) const {
    return (price - salvage) * expected_sales - (cost - salvage) * quantity;
  }
};

inline void require_normal_sd(double sd) {
  if (!(sd > 0.0)) throw std::invalid_argument("newsvendor: the demand's sd must be > 0");
}

// Q* = mean + sd Phi^{-1}(critical ratio).
inline double newsvendor_normal_quantity(const NewsvendorPrices& k, double mean, double sd) {
  require_normal_sd(sd);
  return mean + sd * normal_quantile(k.critical_ratio());
}

// E[min(Q, D)] = mean - sd L((Q - mean) / sd) for D ~ N(mean, sd^2).
inline double newsvendor_normal_profit(const NewsvendorPrices& k, double mean, double sd,
                                       double quantity) {
  require_normal_sd(sd);
  return k.profit(quantity, mean - sd * normal_loss((quantity - mean) / sd));
}

// The smallest Q with P(D <= Q) >= the critical ratio.
inline int newsvendor_poisson_quantity(const NewsvendorPrices& k, double mean) {
  return poisson_smallest_quantile(mean, k.critical_ratio());
}

// E[min(Q, D)] = Q - E[(Q - D)^+].
inline double newsvendor_poisson_profit(const NewsvendorPrices& k, double mean, int quantity) {
  return k.profit(quantity, quantity - poisson_expected_leftover(mean, quantity));
}

}  // namespace c2msim::analytic
