// A replication's memory must not grow with the number of customers it sees: lost customers are
// freed even while a long stock-out keeps them in a backlog.

#include <catch2/catch.hpp>

#include "sim/model/replication.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;

TEST_CASE("customers lost in a long stock-out do not stay in memory", "[model][memory]") {
  // A retailer with no stock, supplied by a factory that makes one unit every ten days: nearly
  // every customer waits in the retailer's backlog until its patience of half a day runs out.
  ChainSpec c;
  c.horizon_days = 60;
  c.products = {product(10.0)};
  MarketSpec m = market(1000.0, 60, ArrivalProcess::kPoisson);
  m.patience_days = c2msim::random::Constant{0.5};
  c.markets = {m};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToStock, 10.0);
  StockSpec fs;
  fs.policy = BaseStockPolicy{1.0, 0.0};
  f.stock = fs;
  c.nodes = {f, stock_node("shop", NodeKind::kRetailer, 0.5, BaseStockPolicy{1.0, 0.0}, 0.0)};
  c.lanes = {lane(0, 1, 1.0), lane(1, 0, 0.0, true)};
  const auto r = run_replication(c, 1, 0);
  REQUIRE(r.get("system", "customers") > 55000);
  CHECK(r.get("system", "lost_sales_rate") > 0.99);
  // About 500 customers wait at any time; the backlog may hold as many lost ones again before it
  // drops them. Without that, all 60,000 would be held.
  CHECK(r.peak_customer_records < 2000);
}

TEST_CASE("a shop's customers served or lost on arrival take no record", "[model][memory]") {
  // A shop whose stock always covers the day's demand (a daily base stock far above it, resupplied
  // overnight) serves every customer at once: none needs a record. Under lost sales with no stock
  // at all, every customer is lost at once: none needs one either. Backordered, with no stock,
  // every customer waits for the next morning's delivery, each in a record of its own (about a
  // day's 50 customers at once).
  const auto shop_chain = [](double level, ShortageMode shortage) {
    ChainSpec c;
    c.horizon_days = 30;
    c.products = {product(10.0)};
    c.markets = {market(50.0, 30, ArrivalProcess::kPoisson)};
    NodeSpec shop =
        stock_node("shop", NodeKind::kRetailer, 0.5, BaseStockPolicy{1.0, level}, level);
    shop.stock->shortage = shortage;
    c.nodes = {stocked_factory("factory", 1e9), shop};
    c.lanes = {lane(0, 1, 0.0), lane(1, 0, 0.0, true)};
    return c;
  };
  const auto served = run_replication(shop_chain(500.0, ShortageMode::kBackorder), 1, 0);
  REQUIRE(served.get("system", "customers") > 1000);
  REQUIRE(served.get("shop", "fill_rate") == 1.0);
  CHECK(served.peak_customer_records == 0);
  const auto lost = run_replication(shop_chain(0.0, ShortageMode::kLostSales), 1, 0);
  REQUIRE(lost.get("system", "lost_sales_rate") == 1.0);
  CHECK(lost.peak_customer_records == 0);
  const auto waiting = run_replication(shop_chain(0.0, ShortageMode::kBackorder), 1, 0);
  CHECK(waiting.peak_customer_records > 30);
}
