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
