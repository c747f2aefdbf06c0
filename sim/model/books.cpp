#include "sim/model/books.hpp"

namespace c2msim::model {

void Books::start_measuring(double now) {
  warmup_ = current_;
  current_ = Window(current_.nodes.size());
  for (NodeInventory& i : inventory_) {
    i.value.restart(now);
    i.units.restart(now);
  }
  chain_on_hand_value_.restart(now);
  chain_in_transit_value_.restart(now);
}

NodeAccount Books::whole_run(Index node) const {
  const NodeAccount& a = warmup_.nodes[node];
  const NodeAccount& b = current_.nodes[node];
  NodeAccount sum;
  sum.revenue = a.revenue + b.revenue;
  sum.consumer_revenue = a.consumer_revenue + b.consumer_revenue;
  sum.received_from_nodes = a.received_from_nodes + b.received_from_nodes;
  sum.purchases = a.purchases + b.purchases;
  sum.paid_to_suppliers = a.paid_to_suppliers + b.paid_to_suppliers;
  sum.production_cost = a.production_cost + b.production_cost;
  sum.transport_cost = a.transport_cost + b.transport_cost;
  sum.salvage_revenue = a.salvage_revenue + b.salvage_revenue;
  sum.units_sold = a.units_sold + b.units_sold;
  sum.cogs = a.cogs + b.cogs;
  sum.units_in = a.units_in + b.units_in;
  sum.units_out = a.units_out + b.units_out;
  sum.units_salvaged = a.units_salvaged + b.units_salvaged;
  return sum;
}

ChainAccount Books::whole_run_chain() const {
  const ChainAccount& a = warmup_.chain;
  const ChainAccount& b = current_.chain;
  ChainAccount sum;
  sum.consumer_revenue = a.consumer_revenue + b.consumer_revenue;
  sum.consumer_units = a.consumer_units + b.consumer_units;
  sum.consumer_cost_value = a.consumer_cost_value + b.consumer_cost_value;
  sum.produced = a.produced + b.produced;
  sum.salvage_revenue = a.salvage_revenue + b.salvage_revenue;
  sum.salvaged_units = a.salvaged_units + b.salvaged_units;
  sum.salvaged_cost_value = a.salvaged_cost_value + b.salvaged_cost_value;
  sum.salvaged_value_at_node = a.salvaged_value_at_node + b.salvaged_value_at_node;
  sum.unsold_units_at_horizon = a.unsold_units_at_horizon + b.unsold_units_at_horizon;
  return sum;
}

}  // namespace c2msim::model
