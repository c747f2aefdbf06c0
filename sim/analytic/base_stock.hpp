#pragma once
// One stage under a continuous-review base-stock (order-up-to S, one-for-one) policy: unit
// Poisson demand at rate lambda, a constant lead time L, an unlimited supplier. The inventory
// level is S - D(L) with D(L) ~ Poisson(lambda L), the demand of the last lead time, when
// shortages are backordered (Axsäter 2015, sec. 5.2); with lost sales the orders outstanding are
// the busy servers of an M/G/S/S loss system (Zipkin 2000, sec. 7.3). The optimal level for a
// holding cost h and a backorder cost p, each per unit and unit of time, is the newsvendor
// fractile of the lead-time demand: the smallest S with P(D(L) <= S) >= p / (p + h)
// (Zipkin 2000, ch. 6; Axsäter 2015, sec. 5.2).

#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/analytic/erlang.hpp"
#include "sim/analytic/poisson_demand.hpp"

namespace c2msim::analytic {

struct BaseStockBackorder {
  double fill_rate;   // P(level > 0) seen by an arrival (PASTA) = P(D(L) <= S - 1)
  double on_hand;     // E[(S - D(L))^+]
  double backorders;  // E[(D(L) - S)^+]
};

inline BaseStockBackorder base_stock_backorder(double lambda, double lead_time, int S) {
  const double m = lambda * lead_time;
  return {poisson_cdf(m, S - 1), poisson_expected_leftover(m, S), poisson_expected_shortage(m, S)};
}

struct BaseStockLostSales {
  double fill_rate;  // 1 - B(S, lambda L), Erlang's loss formula
  double on_hand;    // S - E[outstanding] = S - lambda L (1 - B)
};

inline BaseStockLostSales base_stock_lost_sales(double lambda, double lead_time, int S) {
  const double a = lambda * lead_time;
  const double b = erlang_b(S, a);
  return {1.0 - b, S - a * (1.0 - b)};
}

// Holding cost h per unit on hand and backorder cost p per unit backordered, both per unit of
// time (day, if lambda is per day).
struct StageCosts {
  double holding;
  double backorder;
};

inline void require_positive_costs(const StageCosts& c, const char* what) {
  if (!(c.holding > 0.0) || !std::isfinite(c.holding) || !(c.backorder > 0.0) ||
      !std::isfinite(c.backorder))
    throw std::invalid_argument(std::string(what) +
                                ": the holding and backorder costs must be finite and > 0");
}

// h E[(S - D)^+] + p E[(D - S)^+] per unit of time.
inline double base_stock_cost(double lambda, double lead_time, const StageCosts& c, int S) {
  const auto b = base_stock_backorder(lambda, lead_time, S);
  return c.holding * b.on_hand + c.backorder * b.backorders;
}

struct BaseStockOptimum {
  int level;             // S*
  double expected_cost;  // per unit of time, at S*
};

// The cost's forward difference is (h + p) P(D <= S) - p, so S* is the first S where it is >= 0.
inline BaseStockOptimum optimal_base_stock(double lambda, double lead_time, const StageCosts& c) {
  require_positive_costs(c, "optimal_base_stock");
  if (!(lambda >= 0.0) || !(lead_time >= 0.0))
    throw std::invalid_argument("optimal_base_stock: the demand rate and lead time must be >= 0");
  const int S =
      poisson_smallest_quantile(lambda * lead_time, c.backorder / (c.backorder + c.holding));
  return {S, base_stock_cost(lambda, lead_time, c, S)};
}

}  // namespace c2msim::analytic
