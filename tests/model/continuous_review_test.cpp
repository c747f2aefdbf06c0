// Continuous review (r, Q) acts on every change of the inventory position, sales from stock
// included. Deterministic demand of one unit a day against a 0.5-day lead time: ordering Q as
// soon as the position reaches r, a shop never runs out.

#include <catch2/catch.hpp>

#include "sim/model/replication.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim;
using c2msim::testing::ArrivalProcess;

namespace {

model::ChainSpec one_unit_a_day(model::ShortageMode shortage) {
  model::ChainSpec c;
  c.arm = "rq";
  c.horizon_days = 60.0;
  c.products = {testing::product(10.0)};
  c.markets = {testing::market(1.0, 60.0, ArrivalProcess::kDeterministic)};
  model::NodeSpec supplier =
      testing::factory_node("supplier", model::FactoryMode::kMakeToStock, 1.0);
  model::StockSpec big;
  big.policy = model::BaseStockPolicy{1.0, 0.0};  // never reorders
  big.initial_on_hand = 1000.0;
  supplier.stock = big;
  model::NodeSpec shop =
      testing::stock_node("shop", model::NodeKind::kRetailer, 0.0, model::RQPolicy{2.0, 3.0}, 5.0);
  shop.stock->shortage = shortage;
  c.nodes = {supplier, shop};
  c.lanes = {testing::lane(0, 1, 0.5), testing::lane(1, 0, 0.0, true)};
  return c;
}

}  // namespace

TEST_CASE("(r, Q) reorders after sales from stock, with lost sales", "[model]") {
  const auto r = model::run_replication(one_unit_a_day(model::ShortageMode::kLostSales), 1, 0);
  CHECK(r.get("system", "units_demanded") >= 59.0);
  CHECK(r.get("shop", "lost_sales_rate") == 0.0);
  CHECK(r.get("shop", "fill_rate") == 1.0);
}

TEST_CASE("(r, Q) reorders after sales from stock, with backorders", "[model]") {
  const auto r = model::run_replication(one_unit_a_day(model::ShortageMode::kBackorder), 1, 0);
  CHECK(r.get("system", "units_demanded") >= 59.0);
  CHECK(r.get("shop", "fill_rate") == 1.0);
  CHECK(r.get("shop", "backorders_mean") == 0.0);
}
