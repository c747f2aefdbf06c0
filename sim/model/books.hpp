#pragma once
// The books of one replication: the money and units of every node and of the chain, and the value
// of stock over time. Every flow is recorded once, here, into two windows: the whole run, which
// the conservation checks balance, and the measured period after the warm-up, which the metrics
// read. The warm-up's end opens a new measured window; the whole-run window is never reset.

#include <cstddef>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/stats/time_weighted_average.hpp"

namespace c2msim::model {

// Money and units of one node over a window.
struct NodeAccount {
  double revenue = 0;              // from consumers and from other nodes
  double consumer_revenue = 0;     // of which from consumers
  double received_from_nodes = 0;  // of which from other nodes
  double purchases = 0;            // from the supplier, opening stock included
  double paid_to_suppliers = 0;    // of which to another node (opening stock is bought outside)
  double production_cost = 0;
  double transport_cost = 0;  // of the lanes the node ships on
  double salvage_revenue = 0;
  double units_sold = 0;  // to consumers and nodes, drop shipments included
  double cogs = 0;        // units sold x their purchase (or production) cost at the node
  double units_in = 0;    // received from the supplier, or produced
  double units_out = 0;   // shipped to nodes and consumers from the node's own stock or lines
  double units_salvaged = 0;
};

// Money and units of the chain as a whole over a window.
struct ChainAccount {
  double consumer_revenue = 0;
  double consumer_units = 0;
  double consumer_cost_value = 0;  // units sold to consumers x the product's unit cost
  double produced = 0;
  double salvage_revenue = 0;
  double salvaged_units = 0;
  double salvaged_cost_value = 0;      // at the product's unit cost
  double salvaged_value_at_node = 0;   // at the purchase cost of the node that salvaged it
  double unsold_units_at_horizon = 0;  // left in stock at the horizon
};

// The value of stock over time, for holding costs and turnover.
struct NodeInventory {
  stats::TimeWeightedAverage value;  // on hand, at the node's purchase cost
  stats::TimeWeightedAverage units;  // on hand
};

class Books {
 public:
  explicit Books(const ArmPlan& plan)
      : warmup_(plan.node_count()), current_(plan.node_count()), inventory_(plan.node_count()) {}

  // ---- flows ----------------------------------------------------------------------------------
  void buy_opening_stock(Index node, double value) { current_.nodes[node].purchases += value; }
  void sell_to_consumer(Index seller, double value, double units, double cogs_value,
                        double transport, double unit_cost_value) {
    NodeAccount& s = current_.nodes[seller];
    s.revenue += value;
    s.consumer_revenue += value;
    s.units_sold += units;
    s.cogs += cogs_value;
    s.transport_cost += transport;
    ChainAccount& c = current_.chain;
    c.consumer_revenue += value;
    c.consumer_units += units;
    c.consumer_cost_value += unit_cost_value;
  }
  void sell_to_node(Index seller, Index buyer, double value, double units, double cogs_value,
                    double transport) {
    NodeAccount& s = current_.nodes[seller];
    s.revenue += value;
    s.received_from_nodes += value;
    s.units_sold += units;
    s.cogs += cogs_value;
    s.transport_cost += transport;
    NodeAccount& b = current_.nodes[buyer];
    b.purchases += value;
    b.paid_to_suppliers += value;
  }
  void produce(Index factory_node, double units, double cost) {
    NodeAccount& f = current_.nodes[factory_node];
    f.production_cost += cost;
    f.units_in += units;
    current_.chain.produced += units;
  }
  void receive(Index node, double units) { current_.nodes[node].units_in += units; }
  void ship(Index node, double units) { current_.nodes[node].units_out += units; }
  // `units` leave the chain at the salvage price `recovered`; `cost_value` is their unit cost and
  // `node_value` their purchase cost at the node.
  void salvage(Index node, double units, double recovered, double cost_value, double node_value) {
    NodeAccount& n = current_.nodes[node];
    n.salvage_revenue += recovered;
    n.units_salvaged += units;
    ChainAccount& c = current_.chain;
    c.salvage_revenue += recovered;
    c.salvaged_units += units;
    c.salvaged_cost_value += cost_value;
    c.salvaged_value_at_node += node_value;
  }
  void unsold_at_horizon(double units) { current_.chain.unsold_units_at_horizon += units; }

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
};

}  // namespace c2msim::model
