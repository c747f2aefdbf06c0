#pragma once
// Finished goods at every node: on hand, on order and owed (backorders) per stock-keeping unit, the
// queue of customers and downstream orders waiting for each, and the inventory position the
// policies act on. Changes of on-hand stock are reported to the books, which value them over time.

#include <cstdint>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/model/books.hpp"
#include "sim/model/ring_queue.hpp"
#include "sim/stats/time_weighted_average.hpp"

namespace c2msim::model {

// Who waits for stock at a node: a customer or a downstream node's order, first come first served.
struct BacklogEntry {
  bool is_customer = false;
  std::uint32_t id = 0;
};

// The queue waiting for one sku at one node, and how many customers in it have been lost (their
// patience ran out) and are still there, to be skipped.
struct Backlog {
  RingQueue<BacklogEntry> queue;
  std::size_t lost = 0;
};

// Units of one node summed over its stock-keeping units.
struct StockTotals {
  double on_hand = 0;
  double backorders = 0;
  double on_order = 0;
};

class Stock {
 public:
  Stock(const ArmPlan& plan, Books& books)
      : plan_(plan),
        books_(books),
        on_hand_(plan.cell_count(), 0.0),
        on_order_(plan.cell_count(), 0.0),
        backorders_(plan.cell_count(), 0.0),
        owed_to_consumers_(plan.cell_count(), 0.0),
        in_transit_(plan.cell_count(), 0.0),
        backlog_(plan.cell_count()),
        consumer_backorders_(plan.node_count()) {}

  [[nodiscard]] double on_hand(Index node, Index sku) const {
    return on_hand_[plan_.cell(node, sku)];
  }
  [[nodiscard]] double on_order(Index node, Index sku) const {
    return on_order_[plan_.cell(node, sku)];
  }
  // Inventory position: on hand + on order - backorders.
  [[nodiscard]] double position(Index node, Index sku) const {
    const std::size_t k = plan_.cell(node, sku);
    return on_hand_[k] + on_order_[k] - backorders_[k];
  }

  // Units owed to end consumers (part of the backorders), and units shipped to the node by its
  // supplier and not yet arrived (part of on order): what an echelon position adds up.
  [[nodiscard]] double owed_to_consumers(Index node, Index sku) const {
    return owed_to_consumers_[plan_.cell(node, sku)];
  }
  [[nodiscard]] double in_transit(Index node, Index sku) const {
    return in_transit_[plan_.cell(node, sku)];
  }
  void add_in_transit(Index node, Index sku, double units) {
    in_transit_[plan_.cell(node, sku)] += units;
  }

  void set_on_hand(double now, Index node, Index sku, double units) {
    const std::size_t k = plan_.cell(node, sku);
    const double delta = units - on_hand_[k];
    on_hand_[k] = units;
    books_.stock_changed(now, node, sku, delta);
  }
  void take(double now, Index node, Index sku, double units) {
    set_on_hand(now, node, sku, on_hand(node, sku) - units);
  }
  void put(double now, Index node, Index sku, double units) {
    set_on_hand(now, node, sku, on_hand(node, sku) + units);
  }
  void add_on_order(Index node, Index sku, double units) {
    on_order_[plan_.cell(node, sku)] += units;
  }
  // Units owed by `node`; `consumer` when they are owed to consumers (measured over time).
  void add_backorders(double now, Index node, Index sku, double units, bool consumer) {
    backorders_[plan_.cell(node, sku)] += units;
    if (!consumer) return;
    owed_to_consumers_[plan_.cell(node, sku)] += units;
    consumer_backorders_[node].add(now, units);
  }
  [[nodiscard]] Backlog& backlog(Index node, Index sku) { return backlog_[plan_.cell(node, sku)]; }

  [[nodiscard]] StockTotals totals(Index node) const {
    StockTotals t;
    for (Index sku = 0; sku < plan_.sku_count(); ++sku) {
      const std::size_t k = plan_.cell(node, sku);
      t.on_hand += on_hand_[k];
      t.backorders += backorders_[k];
      t.on_order += on_order_[k];
    }
    return t;
  }

  // Everything on hand now, at the chain's cost.
  [[nodiscard]] double value_at_chain_cost() const {
    double value = 0;
    for (Index node = 0; node < plan_.node_count(); ++node) {
      for (Index sku = 0; sku < plan_.sku_count(); ++sku) {
        const double units = on_hand_[plan_.cell(node, sku)];
        if (units != 0) value += units * plan_.chain_cost(node, plan_.product_of(sku));
      }
    }
    return value;
  }

  // Units owed to consumers over time, since the measured window opened.
  [[nodiscard]] const stats::TimeWeightedAverage& consumer_backorders(Index node) const {
    return consumer_backorders_[node];
  }
  void start_measuring(double now) {
    for (stats::TimeWeightedAverage& b : consumer_backorders_) b.restart(now);
  }

 private:
  const ArmPlan& plan_;
  Books& books_;
  std::vector<double> on_hand_, on_order_, backorders_;  // node x sku
  std::vector<double> owed_to_consumers_, in_transit_;   // node x sku
  std::vector<Backlog> backlog_;                         // node x sku
  std::vector<stats::TimeWeightedAverage> consumer_backorders_;
};

}  // namespace c2msim::model
