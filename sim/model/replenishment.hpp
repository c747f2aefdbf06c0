#pragma once
// How stocking nodes reorder: periodic reviews at the end of the day every review period ((R, s,
// S), base stock, forecast order-up-to) and continuous review on every change of the position
// ((r, Q)), with the node's order constraints. The forecasts observe their demand signal once per
// review period: the orders the node received, or point-of-sale data: its own consumers' demand
// for the variant and that of every node below it that shares its data, each as published
// pos_delay_days earlier. Base stock orders against the installation or the echelon position.

#include <cstdint>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/model/demand_forecast.hpp"
#include "sim/model/production.hpp"
#include "sim/model/replenishment_policy.hpp"
#include "sim/model/stock.hpp"

namespace c2msim::model {

// A replenishment order from a node to its supplier, until shipped in full. Orders wait at the
// supplier, first come first served, and reach it after the lane's information delay.
struct ReplenishmentOrder {
  Index buyer = 0;
  Index lane = 0;
  Index sku = 0;
  double remaining = 0;
};

class Replenishment {
 public:
  Replenishment(const ArmPlan& plan, const Stock& stock, const Production& production);

  // Demand reaching `node` for `sku`: consumers' units or a downstream order.
  void record_demand(Index node, Index sku, double units) {
    demand_total_[plan_.cell(node, sku)] += units;
  }
  // End-consumer demand for `sku` at the consumer-facing `node` (its point-of-sale data).
  void record_consumer_demand(Index node, Index sku, double units) {
    pos_total_[plan_.cell(node, sku)] += units;
  }

  // The periodic reviews of `day` (at time `now`, called at every day's end): the sharing nodes
  // publish the day's point-of-sale data, then every node whose review falls on the day orders
  // each stocked, in-season sku, through place(node, sku, units).
  template <class Place>
  void review(std::int64_t day, double now, const std::vector<std::uint8_t>& in_season,
              Place&& place);

  // Whether the node reviews continuously ((r, Q)): after every change of a position.
  [[nodiscard]] bool reviews_continuously(Index node) const { return continuous_[node] != 0; }
  // The (r, Q) order after a change of the position of a node's stocked sku; 0 for a node under
  // another policy or without stock.
  [[nodiscard]] double continuous_order(Index node, Index sku) const;

  // The node's echelon inventory position for the sku (see StockPosition).
  [[nodiscard]] double echelon_position(Index node, Index sku) const;
  // The point-of-sale data `node` sees for the sku on `day`: its own consumers' demand so far,
  // plus that of each sharing node below it up to the end of day `day - pos_delay_days`.
  [[nodiscard]] double pos_signal(std::int64_t day, Index node, Index sku) const;
  // The mean time from placing an order to receiving it, ignoring waits for the supplier's stock;
  // at a factory, the measured time a stock job spends in it, queue included.
  [[nodiscard]] double expected_replenishment_days(Index node) const;

 private:
  // A node below others that shares its point-of-sale data, and what it has published: the
  // running total of each sku's consumer demand at each of the last delay + 1 day ends.
  struct PosFeed {
    Index node = 0;
    std::int64_t delay_days = 0;
    std::vector<double> published;  // day % (delay + 1) x sku
  };
  void publish_pos(std::int64_t day);
  double periodic_order(std::int64_t day, double now, Index node, Index sku,
                        const ReplenishmentPolicy& policy);

  const ArmPlan& plan_;
  const Stock& stock_;
  const Production& production_;
  std::vector<std::int64_t> review_period_;  // per node, whole days; 0: no periodic review
  std::vector<std::uint8_t> continuous_;     // per node: (r, Q)
  // Running totals of the demand each node received and of its consumers' demand, and the value
  // of the forecast signal at each node's last review: the forecast sees one observation a period.
  std::vector<double> demand_total_, pos_total_, signal_at_last_review_;  // node x sku
  std::vector<DemandForecast> forecasts_;  // node x sku, for forecast policies
  std::vector<PosFeed> pos_feeds_;
  // Per node: the feeds (indices into pos_feeds_) its `signal: pos` forecast reads, and the
  // longest of their delays (the forecast starts once they have all published); the nodes below
  // it, for an echelon position.
  std::vector<std::vector<std::size_t>> feeds_read_;
  std::vector<std::int64_t> feed_delay_;
  std::vector<std::vector<Index>> below_;
};

template <class Place>
void Replenishment::review(std::int64_t day, double now, const std::vector<std::uint8_t>& in_season,
                           Place&& place) {
  publish_pos(day);
  for (Index node = 0; node < plan_.node_count(); ++node) {
    const std::int64_t period = review_period_[node];
    if (period == 0 || day % period != 0) continue;
    const StockSpec& stock = *plan_.node(node).stock;
    for (Index sku = 0; sku < plan_.sku_count(); ++sku) {
      if (!plan_.stocks(node, sku) || !in_season[plan_.product_of(sku)]) continue;
      place(node, sku, stock.constraints.apply(periodic_order(day, now, node, sku, stock.policy)));
    }
  }
}

}  // namespace c2msim::model
