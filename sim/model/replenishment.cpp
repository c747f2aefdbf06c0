#include "sim/model/replenishment.hpp"

#include <algorithm>
#include <cmath>

namespace c2msim::model {
namespace {

double review_period_days(const ReplenishmentPolicy& policy) {
  return std::visit(
      [](const auto& p) -> double {
        if constexpr (requires { p.review_period_days; }) {
          return p.review_period_days;
        } else {
          return 0.0;
        }
      },
      policy);
}

}  // namespace

Replenishment::Replenishment(const ArmPlan& plan, const Stock& stock, const Production& production)
    : plan_(plan),
      stock_(stock),
      production_(production),
      review_period_(plan.node_count(), 0),
      continuous_(plan.node_count(), 0),
      demand_total_(plan.cell_count(), 0.0),
      pos_total_(plan.sku_count(), 0.0),
      signal_at_last_review_(plan.cell_count(), 0.0),
      forecasts_(plan.cell_count()) {
  for (Index node = 0; node < plan.node_count(); ++node) {
    const auto& spec = plan.node(node).stock;
    if (!spec) continue;
    if (std::holds_alternative<RQPolicy>(spec->policy)) {
      continuous_[node] = 1;
      continue;
    }
    review_period_[node] =
        static_cast<std::int64_t>(std::max(1.0, std::round(review_period_days(spec->policy))));
    if (const auto* fp = std::get_if<ForecastPolicy>(&spec->policy)) {
      for (Index s = 0; s < plan.sku_count(); ++s) {
        forecasts_[plan.cell(node, s)] = DemandForecast(*fp);
      }
    }
  }
}

double Replenishment::continuous_order(Index node, Index sku) const {
  const auto& stock = plan_.node(node).stock;
  const auto* rq = stock ? std::get_if<RQPolicy>(&stock->policy) : nullptr;
  if (rq == nullptr) return 0.0;
  return stock->constraints.apply(order_quantity(*rq, stock_.position(node, sku)));
}

double Replenishment::periodic_order(double now, Index node, Index sku,
                                     const ReplenishmentPolicy& policy) {
  const double ip = stock_.position(node, sku);
  if (const auto* ss = std::get_if<SsPolicy>(&policy)) return order_quantity(*ss, ip);
  if (const auto* bs = std::get_if<BaseStockPolicy>(&policy)) return order_quantity(*bs, ip);
  const auto& fp = std::get<ForecastPolicy>(policy);
  // The forecast observes the demand signal once per review period (Chen et al. 2000 take the
  // review period as the period of the forecast): daily buckets of orders that arrive once a week
  // would make the demand look far more variable than it is.
  const std::size_t k = plan_.cell(node, sku);
  const double total = fp.signal == DemandSignal::kPos ? pos_total_[sku] : demand_total_[k];
  DemandForecast& forecast = forecasts_[k];
  if (now > 0) forecast.observe_period(total - signal_at_last_review_[k]);
  signal_at_last_review_[k] = total;
  const double lead = expected_replenishment_days(node);
  return order_up_to(forecast_level(fp, forecast.per_day(), forecast.sd_per_day(), lead), ip);
}

double Replenishment::expected_replenishment_days(Index node) const {
  if (plan_.node_kind(node) == NodeKind::kFactory) {
    return production_.expected_stock_job_days(plan_.factory_of(node));
  }
  const LaneSpec& lane = plan_.lane(plan_.supplier_lane(node));
  return lane.information_delay_days + random::mean(lane.lead_time_days);
}

}  // namespace c2msim::model
