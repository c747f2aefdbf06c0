#pragma once
// The books of one replication: the money and units of every node and of the chain, and the value
// of stock over time. Every flow is recorded once, here, into two windows: the whole run, which
// the conservation checks balance, and the measured period after the warm-up, which the metrics
// read. The warm-up's end opens a new measured window; the whole-run window is never reset.
// Prices and costs are fixed per node and product, so what happens once per customer is counted
// in units (units sold to consumers, with their value-days of payment, per node and product; units
// carried on each lane into a market; on-hand units over time per node and sku), and the money
// follows from the units when the replication settles its books (settle()): a sale updates four
// counters rather than ten sums, and a change of stock one time-weighted average rather than three.

#include <algorithm>
#include <cstddef>
#include <stdexcept>
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

// The node's on-hand stock over the measured window, as settle() derives it: for holding costs and
// turnover.
struct NodeInventory {
  double value_days = 0;     // integral of the value on hand (at the node's purchase cost)
  double unit_days = 0;      // integral of the units on hand
  double average_value = 0;  // value_days over the window's length (the value, for no length)
  double ending_value = 0;   // at the end
};

class Books {
 public:
  explicit Books(const ArmPlan& plan)
      : plan_(plan),
        warmup_(plan),
        current_(plan),
        on_hand_(plan.cell_count()),
        inventory_(plan.node_count()) {}

  // ---- flows ----------------------------------------------------------------------------------
  void buy_opening_stock(Index node, double value) { current_.nodes[node].purchases += value; }
  // A sale of `units` of `product` to a consumer by `seller`, at its price, carried on
  // `market_lane` and shipped from `from` (the seller's own stock, or a factory's that drop ships
  // for it); the consumer pays `paid_after_days` after the sale (negative: before).
  void sell_to_consumer(Index seller, Index from, Index product, Index market_lane, double units,
                        double paid_after_days) {
    Window& w = current_;
    ConsumerSales& sold = w.consumer_sales[product_cell(seller, product)];
    sold.units += units;
    sold.paid_unit_days += units * paid_after_days;
    w.consumer_sales[product_cell(from, product)].shipped_units += units;
    w.lane_consumer_units[market_lane] += units;
    sales_unsettled_ = true;
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
  // On-hand stock of `sku` at `node` changed by `units`.
  void stock_changed(double now, Index node, Index sku, double units) {
    on_hand_[plan_.cell(node, sku)].add(now, units);
    stock_unsettled_ = true;
  }
  // Goods between nodes changed by `cost_value` at the product's unit cost.
  void in_transit_changed(double now, double cost_value) {
    chain_in_transit_value_.add(now, cost_value);
  }
  // Goods worth `cost_value` at unit cost on their way to a consumer from `from` to `to` (sold,
  // but still the chain's to carry).
  void to_consumer(double from, double to, double cost_value) {
    to_consumers_value_days_ += cost_value * measured_overlap(plan_.spec(), from, to);
  }

  // The end of the warm-up: the measured window starts at `now`.
  void start_measuring(double now);

  // Derives the money and the stock's value from the unit counters, at the end of the run (`end`):
  // the readings of accounts need it after the last consumer's sale, those of stock after the last
  // change of stock, and throw std::logic_error without it.
  void settle(double end);

  // ---- reading --------------------------------------------------------------------------------
  [[nodiscard]] const NodeAccount& measured(Index node) const {
    require_settled(sales_unsettled_);
    return current_.nodes[node];
  }
  [[nodiscard]] const ChainAccount& measured_chain() const {
    require_settled(sales_unsettled_);
    return current_.chain;
  }
  // Over the whole run: the warm-up's window and the measured one added. For the conservation
  // checks only: the sum rounds differently from one running total.
  [[nodiscard]] NodeAccount whole_run(Index node) const;
  [[nodiscard]] ChainAccount whole_run_chain() const;
  [[nodiscard]] const NodeInventory& inventory(Index node) const {
    require_settled(stock_unsettled_);
    return inventory_[node];
  }
  // Everything on hand, at the product's unit cost, averaged over the measured window.
  [[nodiscard]] double chain_on_hand_average_value() const {
    require_settled(stock_unsettled_);
    return chain_on_hand_average_value_;
  }
  [[nodiscard]] const stats::TimeWeightedAverage& chain_in_transit_value() const {
    return chain_in_transit_value_;
  }
  // Value-days at unit cost of goods on their way to consumers, in the measured window.
  [[nodiscard]] double to_consumers_value_days() const { return to_consumers_value_days_; }

 private:
  // Units sold to consumers by a node of one product, and shipped to consumers from its stock or
  // lines (the same units, but for a factory's drop shipments, which another node sells).
  struct ConsumerSales {
    double units = 0;
    double paid_unit_days = 0;  // units x days from the sale to the payment
    double shipped_units = 0;
  };
  struct Window {
    explicit Window(const ArmPlan& plan)
        : nodes(plan.node_count()),
          consumer_sales(static_cast<std::size_t>(plan.node_count()) * plan.product_count()),
          lane_consumer_units(plan.spec().lanes.size(), 0.0) {}
    std::vector<NodeAccount> nodes;
    ChainAccount chain;
    std::vector<ConsumerSales> consumer_sales;  // node x product, folded in by settle()
    std::vector<double> lane_consumer_units;    // per lane, folded in by settle()
  };

  [[nodiscard]] std::size_t product_cell(Index node, Index product) const {
    return static_cast<std::size_t>(node) * plan_.product_count() + product;
  }
  void fold_consumer_sales(Window& w) const;
  static void require_settled(bool unsettled) {
    if (unsettled) throw std::logic_error("the books are read before they are settled");
  }

  const ArmPlan& plan_;
  Window warmup_;   // closed at the end of the warm-up (empty without one)
  Window current_;  // the measured window once the warm-up has ended
  std::vector<stats::TimeWeightedAverage> on_hand_;    // units, node x sku
  std::vector<NodeInventory> inventory_;               // derived by settle()
  double chain_on_hand_average_value_ = 0;             // derived by settle()
  stats::TimeWeightedAverage chain_in_transit_value_;  // at unit cost, between nodes
  double to_consumers_value_days_ = 0;
  double measured_from_ = 0;  // the measured window's start
  // A consumer's sale, or a change of stock, since the last settle().
  bool sales_unsettled_ = false;
  bool stock_unsettled_ = false;
};

}  // namespace c2msim::model
