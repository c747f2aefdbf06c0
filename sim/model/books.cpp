#include "sim/model/books.hpp"

namespace c2msim::model {

void Books::start_measuring(double now) {
  warmup_ = current_;
  current_ = Window(plan_);
  for (stats::TimeWeightedAverage& units : on_hand_) units.restart(now);
  chain_in_transit_value_.restart(now);
  measured_from_ = now;
}

void Books::fold_consumer_sales(Window& w) const {
  for (Index node = 0; node < plan_.node_count(); ++node) {
    NodeAccount& a = w.nodes[node];
    for (Index p = 0; p < plan_.product_count(); ++p) {
      ConsumerSales& sold = w.consumer_sales[product_cell(node, p)];
      if (sold.units == 0 && sold.shipped_units == 0) continue;
      const double price = plan_.price(node, p);
      const double value = price * sold.units;
      a.revenue += value;
      a.consumer_revenue += value;
      a.units_sold += sold.units;
      a.cogs += plan_.purchase_cost(node, p) * sold.units;
      a.receivable_value_days += price * sold.paid_unit_days;
      ChainAccount& c = w.chain;
      c.consumer_revenue += value;
      c.consumer_units += sold.units;
      c.consumer_cost_value += plan_.product(p).unit_cost * sold.units;
      c.consumer_chain_cost += plan_.chain_cost(node, p) * sold.shipped_units;
      c.consumer_receivable_value_days += price * sold.paid_unit_days;
      sold = ConsumerSales{};  // folded in: a second settle() adds nothing
    }
  }
  for (std::size_t l = 0; l < w.lane_consumer_units.size(); ++l) {
    double& units = w.lane_consumer_units[l];
    if (units == 0) continue;
    const LaneSpec& lane = plan_.lane(static_cast<Index>(l));
    w.nodes[lane.from].transport_cost += lane.cost_per_unit * units;
    units = 0;
  }
}

void Books::settle(double end) {
  fold_consumer_sales(warmup_);
  fold_consumer_sales(current_);
  const double length = end - measured_from_;
  double chain_unit_cost_days = 0, chain_ending_value = 0;
  for (Index node = 0; node < plan_.node_count(); ++node) {
    NodeInventory inv;
    for (Index sku = 0; sku < plan_.sku_count(); ++sku) {
      const stats::TimeWeightedAverage& units = on_hand_[plan_.cell(node, sku)];
      const double unit_days = units.integral(end);
      const Index p = plan_.product_of(sku);
      const double cost = plan_.purchase_cost(node, p);
      inv.unit_days += unit_days;
      inv.value_days += cost * unit_days;
      inv.ending_value += cost * units.value();
      chain_unit_cost_days += plan_.product(p).unit_cost * unit_days;
      chain_ending_value += plan_.product(p).unit_cost * units.value();
    }
    inv.average_value = length > 0 ? inv.value_days / length : inv.ending_value;
    inventory_[node] = inv;
  }
  chain_on_hand_average_value_ = length > 0 ? chain_unit_cost_days / length : chain_ending_value;
  sales_unsettled_ = false;
  stock_unsettled_ = false;
}

NodeAccount Books::whole_run(Index node) const {
  require_settled(sales_unsettled_);
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
  require_settled(sales_unsettled_);
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
