#include "sim/model/prices.hpp"

#include <fmt/core.h>

#include <cmath>
#include <stdexcept>

namespace c2msim::model {
namespace {

// The lane into each node from its supplier (kNone for none); single sourcing, as the model.
std::vector<Index> supplier_lanes(const ChainSpec& spec) {
  std::vector<Index> supplier(spec.nodes.size(), kNone);
  for (Index l = 0; l < spec.lanes.size(); ++l) {
    const LaneSpec& lane = spec.lanes[l];
    if (!lane.to_market && lane.to < supplier.size() && supplier[lane.to] == kNone) {
      supplier[lane.to] = l;
    }
  }
  return supplier;
}

}  // namespace

Prices derive_prices(const ChainSpec& spec) {
  const std::size_t np = spec.products.size();
  const std::size_t n = spec.nodes.size();
  const std::vector<Index> supplier = supplier_lanes(spec);
  Prices out;
  out.products = np;
  out.purchase_cost.assign(n * np, 0.0);
  out.price.assign(n * np, 0.0);
  // Each node after its supplier: 0 not yet priced, 1 on the way, 2 priced.
  std::vector<int> state(n, 0);
  const auto price_node = [&](auto&& self, Index node) -> void {
    if (state[node] == 2) return;
    if (state[node] == 1) throw std::invalid_argument("the supply graph has a cycle");
    state[node] = 1;
    const NodeSpec& ns = spec.nodes[node];
    if (ns.kind == NodeKind::kFactory && !ns.factory) {
      throw std::invalid_argument(fmt::format("factory {} has no production settings", ns.id));
    }
    if (ns.kind != NodeKind::kFactory && supplier[node] == kNone) {
      throw std::invalid_argument(fmt::format("node {} has no supplier", ns.id));
    }
    const Index from = ns.kind == NodeKind::kFactory ? kNone : spec.lanes[supplier[node]].from;
    if (from != kNone) self(self, from);
    const double markup = ns.kind == NodeKind::kPlatform ? ns.commission : ns.markup;
    for (Index p = 0; p < np; ++p) {
      const double cost = ns.kind == NodeKind::kFactory
                              ? spec.products[p].unit_cost * ns.factory->production_cost_multiplier
                              : out.price[from * np + p];
      out.purchase_cost[node * np + p] = cost;
      out.price[node * np + p] = cost * (1.0 + markup);
    }
    state[node] = 2;
  };
  for (Index node = 0; node < n; ++node) price_node(price_node, node);

  out.rate_factor.assign(spec.markets.size(), 1.0);
  for (Index m = 0; m < spec.markets.size(); ++m) {
    const MarketSpec& ms = spec.markets[m];
    if (ms.reference_price <= 0 || ms.price_elasticity == 0) continue;
    double total = 0, weighted = 0;
    for (const LaneSpec& lane : spec.lanes) {
      if (!lane.to_market || lane.to != m) continue;
      total += lane.share;
      weighted += lane.share * out.price_of(lane.from, ms.product);
    }
    out.rate_factor[m] = std::pow(weighted / total / ms.reference_price, -ms.price_elasticity);
  }
  return out;
}

}  // namespace c2msim::model
