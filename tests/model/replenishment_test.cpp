// The information a replenishment policy acts on: the echelon inventory position, and the
// point-of-sale data a node sees from the sharing nodes below it, worked by hand on tiny chains.

#include "sim/model/replenishment.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <utility>
#include <vector>

#include "model/chain_fixtures.hpp"
#include "sim/model/arm_plan.hpp"
#include "sim/model/books.hpp"
#include "sim/model/production.hpp"
#include "sim/model/stock.hpp"

namespace {

using namespace c2msim::testing;

// A chain's plan, books and stock, and the replenishment acting on them.
struct Chain {
  explicit Chain(ChainSpec spec) : plan(std::move(spec)) {}
  ArmPlan plan;
  Books books{plan};
  Stock stock{plan, books};
  Calendar calendar;
  Production production{plan, calendar};
  Replenishment replenishment{plan, stock, production};
};
const std::vector<std::uint8_t> kInSeason{1};
void no_orders(Index, Index, double) {}

// factory (0) -> warehouse (1) -> retailer (2) -> consumers, every stage on daily base stock.
ChainSpec serial_chain(StockPosition warehouse_position) {
  ChainSpec c;
  c.horizon_days = 10;
  c.products = {product(1.0)};
  c.markets = {market(1.0, 10, ArrivalProcess::kPoisson)};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToStock, 0.01);
  StockSpec fs;
  fs.policy = BaseStockPolicy{1.0, 0.0};
  f.stock = fs;
  c.nodes = {f,
             stock_node("warehouse", NodeKind::kWarehouse, 0.0,
                        BaseStockPolicy{1.0, 25.0, warehouse_position}, 0.0),
             stock_node("retailer", NodeKind::kRetailer, 0.0,
                        BaseStockPolicy{1.0, 15.0, StockPosition::kEchelon}, 0.0)};
  c.lanes = {lane(0, 1, 3.0), lane(1, 2, 2.0), lane(2, 0, 0.0, true)};
  return c;
}

// The state of the worked example: the warehouse has 10 on hand and 5 on order from the factory;
// the retailer has 3 on hand, 4 on their way to it, 6 more ordered that the warehouse owes it,
// and owes 2 to its consumers.
void set_worked_state(Stock& stock) {
  stock.set_on_hand(0, 1, 0, 10);
  stock.add_on_order(1, 0, 5);
  stock.set_on_hand(0, 2, 0, 3);
  stock.add_on_order(2, 0, 4 + 6);
  stock.add_in_transit(2, 0, 4);
  stock.add_backorders(0, 1, 0, 6, /*consumer=*/false);
  stock.add_backorders(0, 2, 0, 2, /*consumer=*/true);
}

}  // namespace

TEST_CASE("echelon position adds the stock below and in transit to it, less consumers' backorders",
          "[model][replenishment]") {
  Chain chain(serial_chain(StockPosition::kEchelon));
  set_worked_state(chain.stock);
  const Replenishment& replenishment = chain.replenishment;
  const Stock& stock = chain.stock;
  // Warehouse: 10 on hand + 5 on order + the retailer's 3 on hand + 4 in transit - 2 owed to
  // consumers = 20. The 6 it owes the retailer are in neither stage's stock: not counted.
  CHECK(replenishment.echelon_position(1, 0) == 20.0);
  CHECK(stock.position(1, 0) == 10.0 + 5.0 - 6.0);
  // The retailer, the last stage: its echelon position is its installation position,
  // 3 + (4 + 6) - 2 = 11.
  CHECK(replenishment.echelon_position(2, 0) == 11.0);
  CHECK(stock.position(2, 0) == 11.0);
}

TEST_CASE("echelon base stock orders up to its level on the echelon position",
          "[model][replenishment]") {
  for (const StockPosition position : {StockPosition::kInstallation, StockPosition::kEchelon}) {
    Chain chain(serial_chain(position));
    set_worked_state(chain.stock);
    std::vector<double> warehouse_orders, retailer_orders;
    chain.replenishment.review(1, 1.0, kInSeason, [&](Index node, Index, double units) {
      if (node == 1) warehouse_orders.push_back(units);
      if (node == 2) retailer_orders.push_back(units);
    });
    REQUIRE(warehouse_orders.size() == 1);
    REQUIRE(retailer_orders.size() == 1);
    // Level 25: on the echelon position 20 the warehouse orders 5; on its own position 9, 16.
    CHECK(warehouse_orders[0] == (position == StockPosition::kEchelon ? 5.0 : 16.0));
    CHECK(retailer_orders[0] == 15.0 - 11.0);
  }
}

namespace {

// factory (0) -> warehouse (1, forecasting on POS) -> retailers 2 and 3 -> one market each.
ChainSpec two_retailers(bool first_shares, double first_delay, bool second_shares) {
  ChainSpec c;
  c.horizon_days = 10;
  c.products = {product(1.0)};
  MarketSpec east = market(1.0, 10, ArrivalProcess::kPoisson);
  MarketSpec west = east;
  west.id = "west";
  c.markets = {east, west};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToStock, 0.01);
  StockSpec fs;
  fs.policy = BaseStockPolicy{1.0, 0.0};
  f.stock = fs;
  ForecastPolicy pos;
  pos.signal = DemandSignal::kPos;
  pos.window_days = 1;
  NodeSpec a = stock_node("retailer-a", NodeKind::kRetailer, 0.0, BaseStockPolicy{1.0, 5.0}, 0.0);
  a.shares_pos = first_shares;
  a.pos_delay_days = first_delay;
  NodeSpec b = stock_node("retailer-b", NodeKind::kRetailer, 0.0, BaseStockPolicy{1.0, 5.0}, 0.0);
  b.shares_pos = second_shares;
  c.nodes = {f, stock_node("warehouse", NodeKind::kWarehouse, 0.0, pos, 0.0), a, b};
  c.lanes = {lane(0, 1, 1.0), lane(1, 2, 1.0), lane(1, 3, 1.0), lane(2, 0, 0.0, true),
             lane(3, 1, 0.0, true)};
  return c;
}

}  // namespace

TEST_CASE("point-of-sale data carry the consumer demand of the sharing nodes below, after delay",
          "[model][replenishment]") {
  SECTION("without delay, a sharer's demand is seen at the review of its day; others' never") {
    Chain chain(two_retailers(true, 0.0, false));
    Replenishment& r = chain.replenishment;
    r.review(0, 0.0, kInSeason, no_orders);
    r.record_consumer_demand(2, 0, 5.0);
    r.record_consumer_demand(3, 0, 7.0);  // retailer-b does not share
    r.review(1, 1.0, kInSeason, no_orders);
    CHECK(r.pos_signal(1, 1, 0) == 5.0);
    // A retailer's own point-of-sale data are its own consumers' demand.
    CHECK(r.pos_signal(1, 3, 0) == 7.0);
  }
  SECTION("with a 2-day delay, the data of day d arrive at the end of day d + 2") {
    Chain chain(two_retailers(true, 2.0, true));
    Replenishment& r = chain.replenishment;
    r.review(0, 0.0, kInSeason, no_orders);
    // Day 1: retailer-a (delay 2) sells 5, retailer-b (no delay) 7; day 2: retailer-a 3.
    r.record_consumer_demand(2, 0, 5.0);
    r.record_consumer_demand(3, 0, 7.0);
    r.review(1, 1.0, kInSeason, no_orders);
    CHECK(r.pos_signal(1, 1, 0) == 7.0);
    r.record_consumer_demand(2, 0, 3.0);
    r.review(2, 2.0, kInSeason, no_orders);
    CHECK(r.pos_signal(2, 1, 0) == 7.0);  // a's data up to the end of day 0: none
    r.review(3, 3.0, kInSeason, no_orders);
    CHECK(r.pos_signal(3, 1, 0) == 7.0 + 5.0);  // up to the end of day 1
    r.review(4, 4.0, kInSeason, no_orders);
    CHECK(r.pos_signal(4, 1, 0) == 7.0 + 5.0 + 3.0);
  }
}
