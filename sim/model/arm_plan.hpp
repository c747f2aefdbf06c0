#pragma once
// An arm compiled for simulation: everything that depends only on its ChainSpec, built once per
// arm and read by every replication of it, on any thread. Stock-keeping units (one per variant of
// each product, numbered densely across products), each node's supplier lane and the lanes into
// each market, the nodes in supply order, prices, the products each node handles and the variants
// it stocks, and each market's variant preference as an alias table.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/model/chain_spec.hpp"
#include "sim/random/distributions.hpp"

namespace c2msim::model {

class ArmPlan {
 public:
  // Throws std::invalid_argument for a structure the model cannot run (a lane to an unknown node,
  // a node with two suppliers or none, a cycle, a market no node serves). The loader reports all
  // of these to the user first, so here they are programming errors.
  explicit ArmPlan(ChainSpec spec);

  [[nodiscard]] const ChainSpec& spec() const noexcept { return spec_; }
  [[nodiscard]] Index node_count() const noexcept { return static_cast<Index>(spec_.nodes.size()); }
  [[nodiscard]] Index market_count() const noexcept {
    return static_cast<Index>(spec_.markets.size());
  }
  [[nodiscard]] Index product_count() const noexcept {
    return static_cast<Index>(spec_.products.size());
  }
  [[nodiscard]] const NodeSpec& node(Index n) const { return spec_.nodes[n]; }
  [[nodiscard]] const LaneSpec& lane(Index l) const { return spec_.lanes[l]; }
  [[nodiscard]] const MarketSpec& market(Index m) const { return spec_.markets[m]; }
  [[nodiscard]] const ProductSpec& product(Index p) const { return spec_.products[p]; }

  // ---- stock-keeping units --------------------------------------------------------------------
  [[nodiscard]] Index sku_count() const noexcept { return sku_count_; }
  [[nodiscard]] Index product_of(Index sku) const { return sku_product_[sku]; }
  [[nodiscard]] Index first_sku(Index product) const { return sku_offset_[product]; }
  [[nodiscard]] Index variant_of(Index sku) const { return sku - first_sku(product_of(sku)); }
  // The cell of (node, sku) in the node x sku arrays of a replication's state.
  [[nodiscard]] std::size_t cell(Index node, Index sku) const {
    return static_cast<std::size_t>(node) * sku_count_ + sku;
  }
  [[nodiscard]] std::size_t cell_count() const noexcept {
    return spec_.nodes.size() * static_cast<std::size_t>(sku_count_);
  }

  // ---- the network ----------------------------------------------------------------------------
  [[nodiscard]] Index supplier_lane(Index node) const { return supplier_lane_[node]; }  // or kNone
  [[nodiscard]] Index supplier(Index node) const { return spec_.lanes[supplier_lane_[node]].from; }
  [[nodiscard]] bool supplier_is_factory(Index node) const {
    return supplier_lane_[node] != kNone && node_kind(supplier(node)) == NodeKind::kFactory;
  }
  [[nodiscard]] NodeKind node_kind(Index node) const { return spec_.nodes[node].kind; }
  // Every node after its supplier.
  [[nodiscard]] const std::vector<Index>& supply_order() const noexcept { return supply_order_; }
  [[nodiscard]] const std::vector<Index>& market_lanes(Index market) const {
    return market_lanes_[market];
  }
  // The lane from `node` into `market`, or kNone.
  [[nodiscard]] Index lane_to_market(Index node, Index market) const;
  // The lane into `market` that a customer with channel draw `u` (uniform on [0, 1)) uses: the
  // lanes share the market's customers in proportion to their `share`.
  [[nodiscard]] Index channel_lane(Index market, double u) const;

  // ---- factories ------------------------------------------------------------------------------
  [[nodiscard]] Index factory_count() const noexcept {
    return static_cast<Index>(factory_nodes_.size());
  }
  [[nodiscard]] Index factory_node(Index factory) const { return factory_nodes_[factory]; }
  [[nodiscard]] Index factory_of(Index node) const { return factory_of_node_[node]; }  // or kNone

  // ---- prices ---------------------------------------------------------------------------------
  // Each node sells at its purchase cost x (1 + markup); a factory's purchase cost is the
  // product's unit cost x its production cost multiplier; a platform's markup is its commission.
  [[nodiscard]] double price(Index node, Index product) const {
    return price_[static_cast<std::size_t>(node) * spec_.products.size() + product];
  }
  [[nodiscard]] double purchase_cost(Index node, Index product) const {
    return purchase_cost_[static_cast<std::size_t>(node) * spec_.products.size() + product];
  }
  [[nodiscard]] double unit_cost(Index sku) const {
    return spec_.products[product_of(sku)].unit_cost;
  }
  // What a unit of the product cost the chain: its production cost at the factory at the top of
  // the node's supply chain (the value of the node's stock in the chain's consolidated books).
  [[nodiscard]] double chain_cost(Index node, Index product) const {
    return chain_cost_[static_cast<std::size_t>(node) * spec_.products.size() + product];
  }
  // A market's arrival rate is scaled by this: (price / reference price)^-elasticity at the
  // share-weighted consumer price of the nodes serving it.
  [[nodiscard]] double market_rate_factor(Index market) const {
    return market_rate_factor_[market];
  }

  // ---- what each node handles and stocks ------------------------------------------------------
  // The node is on a path from a factory to a market wanting the product.
  [[nodiscard]] bool handles(Index node, Index product) const {
    return handles_[static_cast<std::size_t>(node) * spec_.products.size() + product] != 0;
  }
  [[nodiscard]] bool stocks(Index node, Index sku) const { return stocked_[cell(node, sku)] != 0; }
  // A platform that does not stock the variant and buys from a factory passes the customer's order
  // to the factory (C2M drop shipping).
  [[nodiscard]] bool forwards_to_factory(Index node, Index sku) const {
    return node_kind(node) == NodeKind::kPlatform &&
           !(spec_.nodes[node].stock && stocks(node, sku)) && supplier_is_factory(node);
  }

  // ---- markets --------------------------------------------------------------------------------
  [[nodiscard]] const random::Categorical& variant_choice(Index market) const {
    return variant_choice_[market];
  }
  // Customers a replication can expect over the horizon, before price response.
  [[nodiscard]] double expected_customers() const noexcept { return expected_customers_; }

  // ---- the known calendar ---------------------------------------------------------------------
  // The consumer demand a node serves (its markets' expected customers on day `day`, through the
  // node's share of their channels, after price response) relative to its mean over the horizon:
  // the weekly pattern and the dated events, known in advance, that bullwhip ratios divide out.
  // 1 on every day of a flat calendar, and for a node that serves no demand.
  [[nodiscard]] double calendar_factor(Index node, std::size_t day) const {
    return calendar_factor(calendars_[node], day);
  }
  // The same for the chain's consumer demand as a whole.
  [[nodiscard]] double chain_calendar_factor(std::size_t day) const {
    return calendar_factor(chain_calendar_, day);
  }

 private:
  void index_skus();
  void index_lanes();
  void index_market_lanes();
  void derive_prices();
  void derive_stocked_variants();
  void derive_calendars();

  // Expected demand on a day as a weighted sum of the markets' rates, over its mean.
  struct Calendar {
    std::vector<std::pair<Index, double>> weights;  // (market, weight)
    double mean = 0;                                // 0: flat (or no demand)
  };
  [[nodiscard]] double calendar_factor(const Calendar& c, std::size_t day) const;

  ChainSpec spec_;
  Index sku_count_ = 0;
  std::vector<Index> sku_offset_, sku_product_;
  std::vector<Index> supplier_lane_, supply_order_;
  std::vector<std::vector<Index>> market_lanes_;
  std::vector<std::vector<double>> market_share_cumulative_;
  // Each node's lanes into markets, sorted by market, node after node (compressed rows): a dense
  // node x market table would not fit in memory for large networks, where a node serves a few.
  std::vector<std::size_t> market_lanes_begin_;             // per node, and one past the last
  std::vector<std::pair<Index, Index>> node_market_lanes_;  // (market, lane)
  std::vector<Index> factory_nodes_, factory_of_node_;
  std::vector<double> purchase_cost_, price_, chain_cost_;  // node x product
  std::vector<double> market_rate_factor_;                  // per market
  std::vector<std::uint8_t> handles_, stocked_;             // node x product; node x sku
  std::vector<random::Categorical> variant_choice_;
  std::vector<Calendar> calendars_;  // per node
  Calendar chain_calendar_;
  double expected_customers_ = 0;
};

}  // namespace c2msim::model
