#pragma once
// Small chains built directly as ChainSpecs, for the model's tests.

#include <vector>

#include "sim/model/chain_spec.hpp"

namespace c2msim::testing {

using namespace c2msim::model;

inline LaneSpec lane(Index from, Index to, double lead_time_days, bool to_market = false) {
  LaneSpec l;
  l.from = from;
  l.to = to;
  l.to_market = to_market;
  l.lead_time_days = random::Constant{lead_time_days};
  return l;
}

inline NodeSpec factory_node(const char* id, FactoryMode mode, double unit_days, Index lines = 1) {
  NodeSpec n;
  n.id = id;
  n.kind = NodeKind::kFactory;
  FactorySpec f;
  f.mode = mode;
  f.unit_production_days = unit_days;
  f.lines = lines;
  n.factory = f;
  return n;
}

inline NodeSpec stock_node(const char* id, NodeKind kind, double markup, ReplenishmentPolicy policy,
                           double initial) {
  NodeSpec n;
  n.id = id;
  n.kind = kind;
  n.markup = markup;
  StockSpec s;
  s.policy = policy;
  s.initial_on_hand = initial;
  n.stock = s;
  return n;
}

// A make-to-stock factory holding `initial` units of each variant under `policy`.
inline NodeSpec stocking_factory(const char* id, double markup, ReplenishmentPolicy policy,
                                 double initial, double unit_days = 0.01) {
  NodeSpec n = stock_node(id, NodeKind::kFactory, markup, policy, initial);
  n.factory = factory_node(id, FactoryMode::kMakeToStock, unit_days).factory;
  return n;
}

// A make-to-stock factory holding `initial` units that never reorders (base stock level 0).
inline NodeSpec stocked_factory(const char* id, double initial, double unit_days = 0.1) {
  NodeSpec f = factory_node(id, FactoryMode::kMakeToStock, unit_days);
  StockSpec s;
  s.policy = BaseStockPolicy{1.0, 0.0};
  s.initial_on_hand = initial;
  f.stock = s;
  return f;
}

inline MarketSpec market(double per_day, double days, ArrivalProcess process) {
  MarketSpec m;
  m.id = "consumers";
  m.product = 0;
  m.arrivals_per_day.assign(static_cast<std::size_t>(days), per_day);
  m.process = process;
  return m;
}

inline ProductSpec product(double unit_cost, Index variants = 1) {
  ProductSpec p;
  p.id = "monitor";
  p.unit_cost = unit_cost;
  p.variants = variants;
  return p;
}

// factory -> brand warehouse -> distributor -> retailer -> consumers, every tier on base stock.
inline ChainSpec traditional_chain(double demand_per_day, double days, ArrivalProcess process) {
  ChainSpec c;
  c.arm = "traditional";
  c.horizon_days = days;
  c.products = {product(100.0)};
  c.markets = {market(demand_per_day, days, process)};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToStock, 0.01, 2);
  StockSpec fs;
  fs.policy = BaseStockPolicy{1.0, 6 * demand_per_day};
  fs.initial_on_hand = 6 * demand_per_day;
  f.stock = fs;
  f.markup = 0.1;
  c.nodes = {f,
             stock_node("brand_dc", NodeKind::kWarehouse, 0.2,
                        BaseStockPolicy{1.0, 8 * demand_per_day}, 8 * demand_per_day),
             stock_node("distributor", NodeKind::kWarehouse, 0.25,
                        BaseStockPolicy{1.0, 6 * demand_per_day}, 6 * demand_per_day),
             stock_node("retailer", NodeKind::kRetailer, 0.5,
                        BaseStockPolicy{1.0, 5 * demand_per_day}, 5 * demand_per_day)};
  c.lanes = {lane(0, 1, 2.0), lane(1, 2, 2.0), lane(2, 3, 1.0), lane(3, 0, 0.5, true)};
  return c;
}

// consumers -> platform -> factory making to order and shipping direct.
inline ChainSpec c2m_chain(double demand_per_day, double days, ArrivalProcess process) {
  ChainSpec c;
  c.arm = "c2m";
  c.horizon_days = days;
  c.products = {product(100.0)};
  c.markets = {market(demand_per_day, days, process)};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToOrder, 0.5 / demand_per_day, 1);
  f.markup = 0.1;
  NodeSpec platform;
  platform.id = "platform";
  platform.kind = NodeKind::kPlatform;
  platform.commission = 0.08;
  platform.shares_pos = true;
  c.nodes = {f, platform};
  c.lanes = {lane(0, 1, 2.0), lane(1, 0, 0.0, true)};
  return c;
}

// A make-to-order factory selling straight to one market (one customer a day) of one product at
// unit cost 10, for the tests that drive Production by hand.
struct FactoryShape {
  Index lines = 1;
  Index variants = 1;
  double unit_days = 0.1;
  double changeover_days = 0;
  double batching_window_days = 0;
  double days = 100.0;
  double warmup_days = 0;
};
inline ChainSpec lone_factory(const FactoryShape& shape) {
  ChainSpec c;
  c.horizon_days = shape.days;
  c.warmup_days = shape.warmup_days;
  c.products = {product(10.0, shape.variants)};
  c.markets = {market(1.0, shape.days, ArrivalProcess::kDeterministic)};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToOrder, shape.unit_days, shape.lines);
  f.factory->changeover_days = shape.changeover_days;
  f.factory->batching_window_days = shape.batching_window_days;
  c.nodes = {f};
  c.lanes = {lane(0, 0, 0.0, true)};
  return c;
}

// factory (make to stock, no opening stock, markup 0.2: sells at 12) -> lane: 1 day -> retailer
// (markup 0.5) -> consumers; one product of `variants` variants at unit cost 10. The smallest
// chain with stock at both ends, for the tests of the parts.
inline ChainSpec small_chain(Index variants = 1, double days = 10.0) {
  ChainSpec c;
  c.horizon_days = days;
  c.products = {product(10.0, variants)};
  c.markets = {market(1.0, days, ArrivalProcess::kDeterministic)};
  NodeSpec f = stocked_factory("factory", 0.0, 0.5);
  f.markup = 0.2;
  c.nodes = {f, stock_node("retailer", NodeKind::kRetailer, 0.5, BaseStockPolicy{}, 0.0)};
  c.lanes = {lane(0, 1, 1.0), lane(1, 0, 0.0, true)};
  return c;
}

// factory (20 units, never reorders) -> lane: 2.25 days -> retailer (daily base stock 3, opening
// stock 3, backorders) -> consumers wanting 2 units each at 1.5, 2.5, 3.5, 4.5, 5.5; 6 days.
inline ChainSpec backordering_chain() {
  ChainSpec c;
  c.arm = "traditional";
  c.horizon_days = 6.0;
  c.products = {product(10.0)};
  MarketSpec m = market(1.0, 6.0, ArrivalProcess::kDeterministic);
  m.arrivals_per_day[0] = 0.5;
  m.quantity = c2msim::random::Constant{2.0};
  c.markets = {m};
  c.nodes = {stocked_factory("factory", 20.0),
             stock_node("retailer", NodeKind::kRetailer, 0.5, BaseStockPolicy{1.0, 3.0}, 3.0)};
  c.lanes = {lane(0, 1, 2.25), lane(1, 0, 0.0, true)};
  return c;
}

}  // namespace c2msim::testing
