#include "sim/model/arm_plan.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "sim/network/supply_network.hpp"

namespace c2msim::model {

ArmPlan::ArmPlan(ChainSpec spec) : spec_(std::move(spec)) {
  index_skus();
  index_lanes();
  index_market_lanes();
  derive_prices();
  derive_stocked_variants();
  derive_calendars();
  for (Index node = 0; node < node_count(); ++node) {
    factory_of_node_.push_back(kNone);
    if (node_kind(node) != NodeKind::kFactory) continue;
    factory_of_node_.back() = static_cast<Index>(factory_nodes_.size());
    factory_nodes_.push_back(node);
  }
  variant_choice_.reserve(spec_.markets.size());
  for (const MarketSpec& m : spec_.markets) {
    std::vector<double> weights = m.variant_weights;
    weights.resize(spec_.products[m.product].variants, 0.0);
    variant_choice_.emplace_back(weights);
    expected_customers_ =
        std::accumulate(m.arrivals_per_day.begin(), m.arrivals_per_day.end(), expected_customers_);
  }
}

void ArmPlan::index_skus() {
  sku_offset_.reserve(spec_.products.size());
  for (const ProductSpec& p : spec_.products) {
    sku_offset_.push_back(sku_count_);
    for (Index v = 0; v < p.variants; ++v)
      sku_product_.push_back(static_cast<Index>(sku_offset_.size() - 1));
    sku_count_ += p.variants;
  }
}

void ArmPlan::index_lanes() {
  const std::size_t n = spec_.nodes.size();
  const std::size_t markets = spec_.markets.size();
  // The arm as a supply network (sim/network/): a vertex per node, then one per demand stream.
  std::vector<network::NetworkNode> node_vertices, market_vertices;
  for (const NodeSpec& node : spec_.nodes) node_vertices.push_back({node.id, node.kind, {}});
  for (const MarketSpec& m : spec_.markets) {
    market_vertices.push_back({m.id, NodeKind::kMarket, {m.product}});
  }
  std::vector<network::NetworkLane> lanes;
  for (const LaneSpec& lane : spec_.lanes) {
    if (lane.from >= n) throw std::invalid_argument("lane from an unknown node");
    if (lane.to >= (lane.to_market ? markets : n)) {
      throw std::invalid_argument(lane.to_market ? "lane to an unknown market"
                                                 : "lane to an unknown node");
    }
    lanes.push_back({lane.from, lane.to, lane.to_market});
  }
  const network::SupplyNetwork net(node_vertices, market_vertices, lanes);
  if (!net.find_cycle().empty()) throw std::invalid_argument("the supply graph has a cycle");

  supplier_lane_.assign(n, kNone);
  for (Index node = 0; node < n; ++node) {
    const std::vector<std::size_t> in = net.lanes_into(net.node_vertex(node));
    // One supplier per node (single sourcing; the loader explains this to the user).
    if (in.size() > 1) {
      throw std::invalid_argument(
          fmt::format("node {} has more than one supplier", spec_.nodes[node].id));
    }
    if (!in.empty()) supplier_lane_[node] = static_cast<Index>(in.front());
    if (spec_.nodes[node].kind == NodeKind::kFactory && !spec_.nodes[node].factory) {
      throw std::invalid_argument(
          fmt::format("factory {} has no production settings", spec_.nodes[node].id));
    }
    if (spec_.nodes[node].kind != NodeKind::kFactory && supplier_lane_[node] == kNone) {
      throw std::invalid_argument(fmt::format("node {} has no supplier", spec_.nodes[node].id));
    }
  }
  // Nodes from the factories down, so that prices can be derived along the chain.
  for (const network::Vertex v : net.topological_order()) {
    if (v < n) supply_order_.push_back(static_cast<Index>(v));
  }

  market_lanes_.assign(markets, {});
  market_share_cumulative_.resize(markets);
  for (Index m = 0; m < markets; ++m) {
    for (const std::size_t l : net.lanes_into(net.market_vertex(m))) {
      market_lanes_[m].push_back(static_cast<Index>(l));
    }
    if (market_lanes_[m].empty()) {
      throw std::invalid_argument(
          fmt::format("market {} is served by no node", spec_.markets[m].id));
    }
    double total = 0;
    for (Index l : market_lanes_[m]) total += spec_.lanes[l].share;
    double running = 0;
    for (Index l : market_lanes_[m]) {
      running += spec_.lanes[l].share / total;
      market_share_cumulative_[m].push_back(running);
    }
  }
}

void ArmPlan::index_market_lanes() {
  const std::size_t n = spec_.nodes.size();
  market_lanes_begin_.assign(n + 1, 0);
  for (const LaneSpec& lane : spec_.lanes) {
    if (lane.to_market) ++market_lanes_begin_[lane.from + 1];
  }
  std::partial_sum(market_lanes_begin_.begin(), market_lanes_begin_.end(),
                   market_lanes_begin_.begin());
  node_market_lanes_.resize(market_lanes_begin_.back());
  std::vector<std::size_t> next(market_lanes_begin_.begin(), market_lanes_begin_.end() - 1);
  for (Index l = 0; l < spec_.lanes.size(); ++l) {
    const LaneSpec& lane = spec_.lanes[l];
    if (lane.to_market) node_market_lanes_[next[lane.from]++] = {lane.to, l};
  }
  for (std::size_t node = 0; node < n; ++node) {
    const auto first = node_market_lanes_.begin();
    std::sort(first + static_cast<std::ptrdiff_t>(market_lanes_begin_[node]),
              first + static_cast<std::ptrdiff_t>(market_lanes_begin_[node + 1]));
  }
}

Index ArmPlan::lane_to_market(Index node, Index market) const {
  const auto first = node_market_lanes_.begin();
  const auto begin = first + static_cast<std::ptrdiff_t>(market_lanes_begin_[node]);
  const auto end = first + static_cast<std::ptrdiff_t>(market_lanes_begin_[node + 1]);
  // Of two lanes from the node into the market, the later one (as the dense table had it).
  const auto it = std::upper_bound(begin, end, std::pair<Index, Index>{market, kNone});
  return it != begin && std::prev(it)->first == market ? std::prev(it)->second : kNone;
}

Index ArmPlan::channel_lane(Index market, double u) const {
  const std::vector<double>& cumulative = market_share_cumulative_[market];
  std::size_t pick = 0;
  while (pick + 1 < cumulative.size() && u >= cumulative[pick]) ++pick;
  return market_lanes_[market][pick];
}

void ArmPlan::derive_prices() {
  const std::size_t np = spec_.products.size();
  purchase_cost_.assign(spec_.nodes.size() * np, 0.0);
  price_.assign(spec_.nodes.size() * np, 0.0);
  chain_cost_.assign(spec_.nodes.size() * np, 0.0);
  for (Index node : supply_order_) {
    const NodeSpec& ns = spec_.nodes[node];
    const double markup = ns.kind == NodeKind::kPlatform ? ns.commission : ns.markup;
    for (Index p = 0; p < np; ++p) {
      const double cost = ns.kind == NodeKind::kFactory
                              ? spec_.products[p].unit_cost * ns.factory->unit_cost_multiplier
                              : price_[supplier(node) * np + p];
      purchase_cost_[node * np + p] = cost;
      chain_cost_[node * np + p] =
          ns.kind == NodeKind::kFactory ? cost : chain_cost_[supplier(node) * np + p];
      price_[node * np + p] = cost * (1.0 + markup);
    }
  }
  market_rate_factor_.assign(spec_.markets.size(), 1.0);
  for (Index m = 0; m < spec_.markets.size(); ++m) {
    const MarketSpec& ms = spec_.markets[m];
    if (ms.reference_price <= 0 || ms.price_elasticity == 0) continue;
    double total = 0, weighted = 0;
    for (Index l : market_lanes_[m]) {
      total += spec_.lanes[l].share;
      weighted += spec_.lanes[l].share * price(spec_.lanes[l].from, ms.product);
    }
    market_rate_factor_[m] = std::pow(weighted / total / ms.reference_price, -ms.price_elasticity);
  }
}

// A stocking node keeps the top-N variants (variant 0 is the most popular) of every product it
// handles, plus whatever any node it supplies keeps, so that every order can be filled. A factory
// whose scenario chose no variants keeps only that: what the nodes it supplies keep, and every
// variant a market it serves, a node without stock (which passes its demand on) or a platform
// (which passes on the variants it does not keep) may ask for.
void ArmPlan::derive_stocked_variants() {
  const std::size_t n = spec_.nodes.size();
  const std::size_t np = spec_.products.size();
  handles_.assign(n * np, 0);
  for (Index m = 0; m < spec_.markets.size(); ++m) {
    for (Index l : market_lanes_[m]) {
      for (Index node = spec_.lanes[l].from; node != kNone;) {
        handles_[node * np + spec_.markets[m].product] = 1;
        node = supplier_lane_[node] == kNone ? kNone : supplier(node);
      }
    }
  }
  stocked_.assign(n * sku_count_, 0);
  const auto keeps_what_it_is_asked = [this](Index node) {
    const auto& stock = spec_.nodes[node].stock;
    return stock && spec_.nodes[node].kind == NodeKind::kFactory && !stock->variants_given;
  };
  // One pass over the lanes (not one per factory: a large network has thousands of factories).
  for (const LaneSpec& l : spec_.lanes) {
    const Index node = l.from;
    // A stocking node asks for what it keeps (added below, from the bottom up), except a
    // platform, which passes on the customers of every variant it does not keep.
    if (!keeps_what_it_is_asked(node) || (!l.to_market && spec_.nodes[l.to].stock &&
                                          spec_.nodes[l.to].kind != NodeKind::kPlatform)) {
      continue;
    }
    for (Index p = 0; p < np; ++p) {
      const bool asked = l.to_market ? spec_.markets[l.to].product == p : handles(l.to, p);
      if (!asked || !handles(node, p)) continue;
      for (Index v = 0; v < spec_.products[p].variants; ++v)
        stocked_[cell(node, sku_offset_[p] + v)] = 1;
    }
  }
  for (Index node = 0; node < n; ++node) {
    const auto& stock = spec_.nodes[node].stock;
    if (!stock || keeps_what_it_is_asked(node)) continue;
    for (Index p = 0; p < np; ++p) {
      if (!handles(node, p)) continue;
      const Index variants = spec_.products[p].variants;
      if (!stock->stocked_variant_list.empty()) {
        for (Index v : stock->stocked_variant_list) {
          if (v < variants) stocked_[cell(node, sku_offset_[p] + v)] = 1;
        }
        continue;
      }
      const Index keep =
          stock->stocked_variants == 0 ? variants : std::min(variants, stock->stocked_variants);
      for (Index v = 0; v < keep; ++v) stocked_[cell(node, sku_offset_[p] + v)] = 1;
    }
  }
  for (auto it = supply_order_.rbegin(); it != supply_order_.rend(); ++it) {
    const Index node = *it;
    if (supplier_lane_[node] == kNone || !spec_.nodes[node].stock) continue;
    const Index up = supplier(node);
    if (!spec_.nodes[up].stock) continue;
    for (Index s = 0; s < sku_count_; ++s) {
      if (stocked_[cell(node, s)]) stocked_[cell(up, s)] = 1;
    }
  }
}

void ArmPlan::derive_calendars() {
  calendars_.assign(spec_.nodes.size(), {});
  const auto add = [](Calendar& c, Index market, double weight) {
    for (auto& [m, w] : c.weights) {
      if (m == market) {
        w += weight;
        return;
      }
    }
    c.weights.emplace_back(market, weight);
  };
  for (Index m = 0; m < spec_.markets.size(); ++m) {
    double total = 0;
    for (Index l : market_lanes_[m]) total += spec_.lanes[l].share;
    add(chain_calendar_, m, market_rate_factor_[m]);
    for (Index l : market_lanes_[m]) {
      // The lane's node and every node above it serve this share of the market.
      for (Index node = spec_.lanes[l].from; node != kNone;
           node = supplier_lane_[node] == kNone ? kNone : supplier(node)) {
        add(calendars_[node], m, spec_.lanes[l].share / total * market_rate_factor_[m]);
      }
    }
  }
  const auto settle = [this](Calendar& c) {
    const std::size_t days = static_cast<std::size_t>(std::ceil(spec_.horizon_days));
    double sum = 0, first = -1;
    bool flat = true;
    for (std::size_t d = 0; d < days; ++d) {
      double expected = 0;
      for (const auto& [m, w] : c.weights) {
        const auto& rates = spec_.markets[m].arrivals_per_day;
        expected += w * (d < rates.size() ? rates[d] : 0.0);
      }
      if (first < 0) first = expected;
      flat = flat && expected == first;
      sum += expected;
    }
    c.mean = flat || days == 0 ? 0.0 : sum / static_cast<double>(days);
  };
  for (Calendar& c : calendars_) settle(c);
  settle(chain_calendar_);
}

double ArmPlan::calendar_factor(const Calendar& c, std::size_t day) const {
  if (c.mean <= 0) return 1.0;
  double expected = 0;
  for (const auto& [m, w] : c.weights) {
    const auto& rates = spec_.markets[m].arrivals_per_day;
    expected += w * (day < rates.size() ? rates[day] : 0.0);
  }
  return expected / c.mean;
}

}  // namespace c2msim::model
