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
  sum.consumer_revenue = a.consumer_revenue + b.consumer_revenue;
  sum.received_from_nodes = a.received_from_nodes + b.received_from_nodes;
  sum.paid_to_suppliers = a.paid_to_suppliers + b.paid_to_suppliers;
  sum.units_in = a.units_in + b.units_in;
  sum.units_out = a.units_out + b.units_out;
  sum.units_salvaged = a.units_salvaged + b.units_salvaged;
  return sum;  // what the conservation checks read; the rest is left at 0
}

ChainAccount Books::whole_run_chain() const {
  const ChainAccount& a = warmup_.chain;
  const ChainAccount& b = current_.chain;
  ChainAccount sum;
  sum.consumer_revenue = a.consumer_revenue + b.consumer_revenue;
  sum.consumer_units = a.consumer_units + b.consumer_units;
  sum.produced = a.produced + b.produced;
  sum.salvaged_units = a.salvaged_units + b.salvaged_units;
  return sum;  // what the conservation checks read; the rest is left at 0
}

}  // namespace c2msim::model
