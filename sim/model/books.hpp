#pragma once
// The books of one replication: the money and units of every node and of the chain, and the value
// of stock over time. Every flow is recorded once, here, into two windows: the whole run, which
// the conservation checks balance, and the measured period after the warm-up, which the metrics
// read. The warm-up's end opens a new measured window; the whole-run window is never reset.

#include <algorithm>
#include <cstddef>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/stats/time_weighted_average.hpp"

namespace c2msim::model {

// Money and units of one node over a window. Stock is valued at the node's unit cost (its
// purchase cost, or its production cost at a factory), so the node's profit is its revenue less
// the cost of what it sold and of what it salvaged below cost, holding and transport: stock
// carried into or out of the window is neither free nor written off.
struct NodeAccount {
  double revenue = 0;              // from consumers and from other nodes
  double consumer_revenue = 0;     // of which from consumers
  double received_from_nodes = 0;  // of which from other nodes
  double purchases = 0;            // from the supplier, opening stock included
  double paid_to_suppliers = 0;    // of which to another node (opening stock is bought outside)
  double production_cost = 0;
  double transport_cost = 0;  // of the lanes the node ships on
  double salvage_revenue = 0;
  double salvaged_cost = 0;  // units salvaged x the node's unit cost
  double units_sold = 0;     // to consumers and nodes, drop shipments included
  double cogs = 0;           // units sold x the node's unit cost
  double units_in = 0;       // received from the supplier, or produced
  double units_out = 0;      // shipped to nodes and consumers from the node's own stock or lines
  double units_salvaged = 0;
  // Value-weighted days from a sale to its payment (negative when paid before: a platform's
  // consumers pay at order), and from a purchase to paying for it.
  double receivable_value_days = 0;
  double payable_value_days = 0;
};

// Money and units of the chain as a whole over a window, with its stock valued at what it cost
// the chain: the production cost at its factory (chain_cost in ArmPlan).
struct ChainAccount {
  double consumer_revenue = 0;
  double consumer_units = 0;
  double consumer_cost_value = 0;             // units sold to consumers x the product's unit cost
  double consumer_chain_cost = 0;             // the same units at the chain's cost
  double consumer_receivable_value_days = 0;  // value-weighted days from sale to payment
  double produced = 0;
  double salvage_revenue = 0;
  double salvaged_units = 0;
  double salvaged_cost_value = 0;  // at the product's unit cost
  double salvaged_chain_cost = 0;  // at the chain's cost
};

// The value of stock over time, for holding costs and turnover.
struct NodeInventory {
  stats::TimeWeightedAverage value;  // on hand, at the node's purchase cost
  stats::TimeWeightedAverage units;  // on hand
};

class Books {
 public:
  explicit Books(const ArmPlan& plan)
      : warmup_(plan.node_count()),
        current_(plan.node_count()),
        inventory_(plan.node_count()),
        spec_(plan.spec()) {}

  // ---- flows ----------------------------------------------------------------------------------
  void buy_opening_stock(Index node, double value) { current_.nodes[node].purchases += value; }
  // A sale to a consumer of `units` worth `value`; the node's cost of them is `cogs_value`, the
  // chain's `chain_cost_value`, at unit cost `unit_cost_value`; the consumer pays
  // `paid_after_days` after the sale (negative: before).
  void sell_to_consumer(Index seller, double value, double units, double cogs_value,
                        double transport, double unit_cost_value, double chain_cost_value,
                        double paid_after_days) {
    NodeAccount& s = current_.nodes[seller];
    s.revenue += value;
    s.consumer_revenue += value;
    s.units_sold += units;
    s.cogs += cogs_value;
    s.transport_cost += transport;
    s.receivable_value_days += value * paid_after_days;
    ChainAccount& c = current_.chain;
    c.consumer_revenue += value;
    c.consumer_units += units;
    c.consumer_cost_value += unit_cost_value;
    c.consumer_chain_cost += chain_cost_value;
    c.consumer_receivable_value_days += value * paid_after_days;
  }
  // A sale between nodes, paid `terms_days` after the goods leave.
  void sell_to_node(Index seller, Index buyer, double value, double units, double cogs_value,
                    double transport, double terms_days) {
    NodeAccount& s = current_.nodes[seller];
    s.revenue += value;
    s.received_from_nodes += value;
    s.units_sold += units;
    s.cogs += cogs_value;
    s.transport_cost += transport;
    s.receivable_value_days += value * terms_days;
    NodeAccount& b = current_.nodes[buyer];
    b.purchases += value;
    b.paid_to_suppliers += value;
    b.payable_value_days += value * terms_days;
  }
  void produce(Index factory_node, double units, double cost) {
    NodeAccount& f = current_.nodes[factory_node];
    f.production_cost += cost;
    f.units_in += units;
    current_.chain.produced += units;
  }
  void receive(Index node, double units) { current_.nodes[node].units_in += units; }
  void ship(Index node, double units) { current_.nodes[node].units_out += units; }
  // `units` leave the chain at the salvage price `recovered`; they cost `node_value` at the node,
  // `chain_value` to the chain, and `cost_value` at the product's unit cost.
  void salvage(Index node, double units, double recovered, double node_value, double chain_value,
               double cost_value) {
    NodeAccount& n = current_.nodes[node];
    n.salvage_revenue += recovered;
    n.salvaged_cost += node_value;
    n.units_salvaged += units;
    ChainAccount& c = current_.chain;
    c.salvage_revenue += recovered;
    c.salvaged_units += units;
    c.salvaged_cost_value += cost_value;
    c.salvaged_chain_cost += chain_value;
  }

  // ---- stock over time ------------------------------------------------------------------------
  // On-hand stock of `node` changed by `units`, worth `node_value` at the node's purchase cost
  // and `cost_value` at the product's unit cost.
  void stock_changed(double now, Index node, double units, double node_value, double cost_value) {
    inventory_[node].value.add(now, node_value);
    inventory_[node].units.add(now, units);
    chain_on_hand_value_.add(now, cost_value);
  }
  // Goods between nodes changed by `cost_value` at the product's unit cost.
  void in_transit_changed(double now, double cost_value) {
    chain_in_transit_value_.add(now, cost_value);
  }
  // Goods worth `cost_value` at unit cost on their way to a consumer from `from` to `to` (sold,
  // but still the chain's to carry).
  void to_consumer(double from, double to, double cost_value) {
    to_consumers_value_days_ += cost_value * measured_overlap(spec_, from, to);
  }

  // The end of the warm-up: the measured window starts at `now`.
  void start_measuring(double now);

  // ---- reading --------------------------------------------------------------------------------
  [[nodiscard]] const NodeAccount& measured(Index node) const { return current_.nodes[node]; }
  [[nodiscard]] const ChainAccount& measured_chain() const { return current_.chain; }
  // Over the whole run: the warm-up's window and the measured one added. For the conservation
  // checks only: the sum rounds differently from one running total.
  [[nodiscard]] NodeAccount whole_run(Index node) const;
  [[nodiscard]] ChainAccount whole_run_chain() const;
  [[nodiscard]] const NodeInventory& inventory(Index node) const { return inventory_[node]; }
  [[nodiscard]] const stats::TimeWeightedAverage& chain_on_hand_value() const {
    return chain_on_hand_value_;
  }
  [[nodiscard]] const stats::TimeWeightedAverage& chain_in_transit_value() const {
    return chain_in_transit_value_;
  }
  // Value-days at unit cost of goods on their way to consumers, in the measured window.
  [[nodiscard]] double to_consumers_value_days() const { return to_consumers_value_days_; }

 private:
  struct Window {
    explicit Window(std::size_t node_count) : nodes(node_count) {}
    std::vector<NodeAccount> nodes;
    ChainAccount chain;
  };

  Window warmup_;   // closed at the end of the warm-up (empty without one)
  Window current_;  // the measured window once the warm-up has ended
  std::vector<NodeInventory> inventory_;
  stats::TimeWeightedAverage chain_on_hand_value_;     // at unit cost, every node
  stats::TimeWeightedAverage chain_in_transit_value_;  // at unit cost, between nodes
  double to_consumers_value_days_ = 0;
  const ChainSpec& spec_;
};

}  // namespace c2msim::model
