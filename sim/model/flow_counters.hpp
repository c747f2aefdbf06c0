#pragma once
// Demand and orders counted per day and per week (days 1-7, 8-14, ... of the run), for the
// bullwhip ratios: per node, the units it was asked for (by consumers or downstream nodes) and the
// units it ordered upstream or put into production; for the chain, consumer demand and the
// factories' production orders. Also the day's flows that the daily observer reports.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/stats/running_moments.hpp"

namespace c2msim::model {

// The variances of one demand and order stream, in daily and weekly buckets.
struct OrderVariances {
  stats::RunningMoments daily_demand, daily_orders, weekly_demand, weekly_orders;
};

class FlowCounters {
 public:
  explicit FlowCounters(const ArmPlan& plan)
      : nodes_(plan.node_count()),
        demand_today_(plan.node_count(), 0.0),
        orders_today_(plan.node_count(), 0.0),
        received_today_(plan.node_count(), 0.0),
        demand_week_(plan.node_count(), 0.0),
        orders_week_(plan.node_count(), 0.0),
        consumer_demand_today_(plan.sku_count(), 0.0) {}

  void demand(Index node, double units) { demand_today_[node] += units; }
  void order(Index node, double units) { orders_today_[node] += units; }
  void received(Index node, double units) { received_today_[node] += units; }
  void consumer_demand(Index sku, double units) { consumer_demand_today_[sku] += units; }
  void factory_order(double units) { factory_orders_today_ += units; }

  [[nodiscard]] double demand_today(Index node) const { return demand_today_[node]; }
  [[nodiscard]] double orders_today(Index node) const { return orders_today_[node]; }
  [[nodiscard]] double received_today(Index node) const { return received_today_[node]; }

  // Closes day `day` (the day [day - 1, day)); its buckets count when `measured`.
  void end_day(std::int64_t day, bool measured) {
    const bool week_ends = day % 7 == 0;
    for (std::size_t n = 0; n < nodes_.size(); ++n) {
      OrderVariances& v = nodes_[n];
      demand_week_[n] += demand_today_[n];
      orders_week_[n] += orders_today_[n];
      if (measured) {
        v.daily_demand.add(demand_today_[n]);
        v.daily_orders.add(orders_today_[n]);
      }
      if (week_ends) {
        if (measured) {
          v.weekly_demand.add(demand_week_[n]);
          v.weekly_orders.add(orders_week_[n]);
        }
        demand_week_[n] = 0;
        orders_week_[n] = 0;
      }
      demand_today_[n] = 0;
      orders_today_[n] = 0;
      received_today_[n] = 0;
    }
    const double consumer =
        std::accumulate(consumer_demand_today_.begin(), consumer_demand_today_.end(), 0.0);
    consumer_demand_week_ += consumer;
    factory_orders_week_ += factory_orders_today_;
    if (measured) {
      chain_.daily_demand.add(consumer);
      chain_.daily_orders.add(factory_orders_today_);
      if (week_ends) {
        chain_.weekly_demand.add(consumer_demand_week_);
        chain_.weekly_orders.add(factory_orders_week_);
      }
    }
    if (week_ends) consumer_demand_week_ = factory_orders_week_ = 0;
    factory_orders_today_ = 0;
    std::fill(consumer_demand_today_.begin(), consumer_demand_today_.end(), 0.0);
  }

  // The end of the warm-up: only days from now on count.
  void start_measuring() {
    for (OrderVariances& v : nodes_) v = OrderVariances{};
    chain_ = OrderVariances{};
  }

  [[nodiscard]] const OrderVariances& node(Index n) const { return nodes_[n]; }
  // Consumer demand against the factories' production orders.
  [[nodiscard]] const OrderVariances& chain() const { return chain_; }

 private:
  std::vector<OrderVariances> nodes_;
  OrderVariances chain_;
  std::vector<double> demand_today_, orders_today_, received_today_, demand_week_, orders_week_;
  std::vector<double> consumer_demand_today_;  // per sku
  double factory_orders_today_ = 0, consumer_demand_week_ = 0, factory_orders_week_ = 0;
};

}  // namespace c2msim::model
