#include "sim/model/conservation.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace c2msim::model {
namespace {

constexpr double kTolerance = 1e-6;

bool differ(double a, double b) {
  return std::fabs(a - b) > kTolerance * std::max(1.0, std::fabs(a));
}

}  // namespace

void check_conservation(const ArmPlan& plan, const Books& books, const Stock& stock,
                        double units_in_transit) {
  double opening_total = 0, on_hand_total = 0;
  double paid = 0, received = 0, consumer_received = 0;
  for (Index node = 0; node < plan.node_count(); ++node) {
    const NodeAccount a = books.whole_run(node);
    double opening = 0, left = 0;
    if (const auto& s = plan.node(node).stock) {
      for (Index sku = 0; sku < plan.sku_count(); ++sku) {
        if (plan.stocks(node, sku)) opening += s->initial_on_hand;
        left += stock.on_hand(node, sku);
      }
    }
    opening_total += opening;
    on_hand_total += left;
    const double in = opening + a.units_in;
    const double out = a.units_out + a.units_salvaged + left;
    if (differ(in, out)) {
      throw ConservationError(fmt::format(
          "units not conserved at node {}: initial {} + received/produced {} != shipped {} + "
          "salvaged {} + on hand {}",
          plan.node(node).id, opening, a.units_in, a.units_out, a.units_salvaged, left));
    }
    paid += a.paid_to_suppliers;
    received += a.received_from_nodes;
    consumer_received += a.consumer_revenue;
  }
  const ChainAccount chain = books.whole_run_chain();
  const double system_in = opening_total + chain.produced;
  const double system_out =
      chain.consumer_units + chain.salvaged_units + units_in_transit + on_hand_total;
  if (differ(system_in, system_out)) {
    throw ConservationError(fmt::format(
        "units not conserved in the chain: initial {} + produced {} != sold {} + salvaged {} + "
        "in transit {} + on hand {}",
        opening_total, chain.produced, chain.consumer_units, chain.salvaged_units,
        units_in_transit, on_hand_total));
  }
  if (differ(paid, received) || differ(chain.consumer_revenue, consumer_received)) {
    throw ConservationError(fmt::format(
        "money not conserved: buyers paid {} but sellers received {}; consumers paid {} but "
        "consumer-facing nodes received {}",
        paid, received, chain.consumer_revenue, consumer_received));
  }
}

}  // namespace c2msim::model
