#pragma once
// Continuous review (r, Q) with unit Poisson demand at rate lambda, constant lead time L and
// backorders: an order of Q goes out whenever the inventory position falls to r. The position
// is then uniform on r+1..r+Q and independent of the next lead time's demand, so the level is
// IP - D(L) (Axsäter 2015, sec. 5.3; Zipkin 2000, ch. 6). With a holding cost h and a
// backorder cost p per unit and unit of time and a fixed cost K per order, the cost per unit of
// time is C(r, Q) = (K lambda + sum_{y=r+1}^{r+Q} G(y)) / Q with G(y) = h E[(y - D)^+] +
// p E[(D - y)^+]; optimal_rq minimises it exactly by the algorithm of Federgruen and Zheng,
// Operations Research 40 (1992) 808-813.

#include "sim/analytic/base_stock.hpp"

namespace c2msim::analytic {

struct RQ {
  double fill_rate;   // (1/Q) sum_y P(D(L) <= y - 1)
  double on_hand;     // (1/Q) sum_y E[(y - D(L))^+]
  double backorders;  // (1/Q) sum_y E[(D(L) - y)^+]
};

RQ rq_policy(double lambda, double lead_time, int r, int Q);

// Holding, backorder and fixed ordering costs of an (r, Q) stage.
struct RQCosts {
  double holding;      // per unit on hand and unit of time
  double backorder;    // per unit backordered and unit of time
  double fixed_order;  // per order placed
};

// C(r, Q), per unit of time.
double rq_cost(double lambda, double lead_time, const RQCosts& c, int r, int Q);

struct RQOptimum {
  int reorder_point;     // r*
  int quantity;          // Q*, the smallest optimal batch
  double expected_cost;  // C(r*, Q*)
};

// Exact: starting from the base-stock optimum (the minimiser of the convex G), the best set of
// Q + 1 consecutive positions is the best set of Q plus the cheaper of its two neighbours, and
// C falls with Q exactly while that neighbour's G is below the current cost (Federgruen and
// Zheng 1992). With K = 0 the answer is Q = 1, r = S* - 1.
RQOptimum optimal_rq(double lambda, double lead_time, const RQCosts& c);

}  // namespace c2msim::analytic
