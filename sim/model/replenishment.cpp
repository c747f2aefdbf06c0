#include "sim/model/replenishment.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

namespace c2msim::model {
namespace {

bool reads_pos(const NodeSpec& node) {
  const auto* fp = node.stock ? std::get_if<ForecastPolicy>(&node.stock->policy) : nullptr;
  return fp != nullptr && fp->signal == DemandSignal::kPos;
}

bool orders_on_echelon(const NodeSpec& node) {
  const auto* bs = node.stock ? std::get_if<BaseStockPolicy>(&node.stock->policy) : nullptr;
  return bs != nullptr && bs->position == StockPosition::kEchelon;
}

}  // namespace

Replenishment::Replenishment(const ArmPlan& plan, const Stock& stock, const Production& production)
    : plan_(plan),
      stock_(stock),
      production_(production),
      review_period_(plan.node_count(), 0),
      continuous_(plan.node_count(), 0),
      demand_total_(plan.cell_count(), 0.0),
      pos_total_(plan.cell_count(), 0.0),
      signal_at_last_review_(plan.cell_count(), 0.0),
      forecasts_(plan.cell_count()),
      feeds_read_(plan.node_count()),
      feed_delay_(plan.node_count(), 0),
      below_(plan.node_count()) {
  const Index n = plan.node_count();
  const auto supplier_of = [&plan](Index node) {
    return plan.supplier_lane(node) == kNone ? kNone : plan.supplier(node);
  };
  // A sharing node's feed reaches every node above it; those forecasting on `pos` read it.
  for (Index sharer = 0; sharer < n; ++sharer) {
    const NodeSpec& spec = plan.node(sharer);
    if (!spec.shares_pos) continue;
    std::size_t feed = pos_feeds_.size();
    for (Index up = supplier_of(sharer); up != kNone; up = supplier_of(up)) {
      if (!reads_pos(plan.node(up))) continue;
      if (feed == pos_feeds_.size()) {
        PosFeed f;
        f.node = sharer;
        f.delay_days = static_cast<std::int64_t>(std::llround(spec.pos_delay_days));
        if (f.delay_days > 0) {
          f.published.assign(static_cast<std::size_t>(f.delay_days + 1) * plan.sku_count(), 0.0);
        }
        pos_feeds_.push_back(std::move(f));
      }
      feeds_read_[up].push_back(feed);
      feed_delay_[up] = std::max(feed_delay_[up], pos_feeds_[feed].delay_days);
    }
  }
  // The nodes below each node ordering on its echelon position, depth first.
  std::vector<std::vector<Index>> customers(n);
  for (Index node = 0; node < n; ++node) {
    if (const Index up = supplier_of(node); up != kNone) customers[up].push_back(node);
  }
  for (Index node = 0; node < n; ++node) {
    if (!orders_on_echelon(plan.node(node))) continue;
    std::vector<Index> open = customers[node];
    while (!open.empty()) {
      const Index below = open.back();
      open.pop_back();
      below_[node].push_back(below);
      open.insert(open.end(), customers[below].begin(), customers[below].end());
    }
  }

  for (Index node = 0; node < plan.node_count(); ++node) {
    const auto& spec = plan.node(node).stock;
    if (!spec) continue;
    if (std::holds_alternative<RQPolicy>(spec->policy)) {
      continuous_[node] = 1;
      continue;
    }
    review_period_[node] = review_days(spec->policy);
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

double Replenishment::echelon_position(Index node, Index sku) const {
  double position =
      stock_.on_hand(node, sku) + stock_.on_order(node, sku) - stock_.owed_to_consumers(node, sku);
  for (const Index below : below_[node]) {
    position += stock_.on_hand(below, sku) + stock_.in_transit(below, sku) -
                stock_.owed_to_consumers(below, sku);
  }
  return position;
}

double Replenishment::pos_signal(std::int64_t day, Index node, Index sku) const {
  double total = pos_total_[plan_.cell(node, sku)];
  for (const std::size_t f : feeds_read_[node]) {
    const PosFeed& feed = pos_feeds_[f];
    if (feed.delay_days == 0) {
      total += pos_total_[plan_.cell(feed.node, sku)];
    } else if (day >= feed.delay_days) {
      const auto slot = static_cast<std::size_t>((day - feed.delay_days) % (feed.delay_days + 1));
      total += feed.published[slot * plan_.sku_count() + sku];
    }
  }
  return total;
}

void Replenishment::publish_pos(std::int64_t day) {
  for (PosFeed& feed : pos_feeds_) {
    if (feed.delay_days == 0) continue;
    const auto slot = static_cast<std::size_t>(day % (feed.delay_days + 1));
    const auto first = pos_total_.begin() + static_cast<std::ptrdiff_t>(plan_.cell(feed.node, 0));
    std::copy(first, first + plan_.sku_count(),
              feed.published.begin() + static_cast<std::ptrdiff_t>(slot * plan_.sku_count()));
  }
}

double Replenishment::periodic_order(std::int64_t day, double now, Index node, Index sku,
                                     const ReplenishmentPolicy& policy) {
  const double ip = stock_.position(node, sku);
  if (const auto* ss = std::get_if<SsPolicy>(&policy)) return order_quantity(*ss, ip);
  if (const auto* bs = std::get_if<BaseStockPolicy>(&policy)) {
    return order_quantity(
        *bs, bs->position == StockPosition::kEchelon ? echelon_position(node, sku) : ip);
  }
  const auto& fp = std::get<ForecastPolicy>(policy);
  // The forecast observes the demand signal once per review period (Chen et al. 2000 take the
  // review period as the period of the forecast): daily buckets of orders that arrive once a week
  // would make the demand look far more variable than it is. A delayed feed is observed from the
  // first period that its data cover entirely.
  const std::size_t k = plan_.cell(node, sku);
  const double total =
      fp.signal == DemandSignal::kPos ? pos_signal(day, node, sku) : demand_total_[k];
  DemandForecast& forecast = forecasts_[k];
  if (now > 0 && day - review_period_[node] >= feed_delay_[node]) {
    forecast.observe_period(total - signal_at_last_review_[k]);
  }
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
