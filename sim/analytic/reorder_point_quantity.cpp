#include "sim/analytic/reorder_point_quantity.hpp"

#include <stdexcept>
#include <string>

namespace c2msim::analytic {

namespace {

void require_rq_inputs(double lambda, double lead_time, const char* what) {
  if (!(lambda >= 0.0) || !std::isfinite(lambda) || !(lead_time >= 0.0) ||
      !std::isfinite(lead_time))
    throw std::invalid_argument(std::string(what) +
                                ": the demand rate and the lead time must be finite and >= 0");
}

void require_rq_costs(const RQCosts& c, const char* what) {
  require_positive_costs({c.holding, c.backorder}, what);
  if (!(c.fixed_order >= 0.0) || !std::isfinite(c.fixed_order))
    throw std::invalid_argument(std::string(what) +
                                ": the fixed order cost must be finite and >= 0");
}

}  // namespace

RQ rq_policy(double lambda, double lead_time, int r, int Q) {
  require_rq_inputs(lambda, lead_time, "rq_policy");
  if (Q < 1) throw std::invalid_argument("rq_policy: the batch Q must be >= 1");
  RQ out{0.0, 0.0, 0.0};
  for (int y = r + 1; y <= r + Q; ++y) {
    const auto b = base_stock_backorder(lambda, lead_time, y);
    out.fill_rate += b.fill_rate;
    out.on_hand += b.on_hand;
    out.backorders += b.backorders;
  }
  out.fill_rate /= Q;
  out.on_hand /= Q;
  out.backorders /= Q;
  return out;
}

double rq_cost(double lambda, double lead_time, const RQCosts& c, int r, int Q) {
  require_rq_costs(c, "rq_cost");
  const RQ rq = rq_policy(lambda, lead_time, r, Q);
  return c.fixed_order * lambda / Q + c.holding * rq.on_hand + c.backorder * rq.backorders;
}

RQOptimum optimal_rq(double lambda, double lead_time, const RQCosts& c) {
  require_rq_inputs(lambda, lead_time, "optimal_rq");
  require_rq_costs(c, "optimal_rq");
  const StageCosts stage{c.holding, c.backorder};
  const auto G = [&](int y) { return base_stock_cost(lambda, lead_time, stage, y); };
  // The positions chosen so far are lo..hi; their G sum to `sum`.
  int lo = optimal_base_stock(lambda, lead_time, stage).level;
  int hi = lo;
  double sum = G(lo);
  int Q = 1;
  double cost = c.fixed_order * lambda + sum;
  for (;;) {
    const double left = G(lo - 1), right = G(hi + 1);
    const double next = left < right ? left : right;
    if (!(next < cost)) break;
    if (left < right) {
      --lo;
    } else {
      ++hi;
    }
    sum += next;
    ++Q;
    cost = (c.fixed_order * lambda + sum) / Q;
  }
  return {lo - 1, Q, cost};
}

}  // namespace c2msim::analytic
