// ArmPlan alone: prices along the chain, which lane serves a customer by the lanes' shares, and
// which variants each node stocks.

#include "sim/model/arm_plan.hpp"

#include <catch2/catch.hpp>

#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;

namespace {

// factory (unit cost 10 x multiplier 1.5, markup 0.2) -> warehouse (markup 0.25) -> two retailers
// (markups 0.5 and 0.1) and a platform (commission 0.08, its own markup ignored) -> one market.
// Shares of the market's customers: 3, 1 and 4.
ChainSpec branching() {
  ChainSpec c;
  c.horizon_days = 10.0;
  c.products = {product(10.0, 3)};
  c.markets = {market(1.0, 10.0, ArrivalProcess::kDeterministic)};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToStock, 0.5);
  f.markup = 0.2;
  f.factory->unit_cost_multiplier = 1.5;
  f.stock = StockSpec{};
  f.stock->stocked_variants = 1;
  NodeSpec w = stock_node("warehouse", NodeKind::kWarehouse, 0.25, BaseStockPolicy{}, 0.0);
  w.stock->stocked_variants = 1;
  NodeSpec a = stock_node("shop-a", NodeKind::kRetailer, 0.5, BaseStockPolicy{}, 0.0);
  a.stock->stocked_variant_list = {2};
  NodeSpec b = stock_node("shop-b", NodeKind::kRetailer, 0.1, BaseStockPolicy{}, 0.0);
  b.stock->stocked_variants = 2;
  NodeSpec p;
  p.id = "platform";
  p.kind = NodeKind::kPlatform;
  p.markup = 5.0;
  p.commission = 0.08;
  c.nodes = {f, w, a, b, p};
  LaneSpec to_a = lane(2, 0, 0.0, true);
  to_a.share = 3.0;
  LaneSpec to_b = lane(3, 0, 0.0, true);
  to_b.share = 1.0;
  LaneSpec to_p = lane(4, 0, 0.0, true);
  to_p.share = 4.0;
  c.lanes = {lane(0, 1, 1.0), lane(1, 2, 1.0), lane(1, 3, 1.0), lane(0, 4, 1.0), to_a, to_b, to_p};
  return c;
}

}  // namespace

TEST_CASE("each node sells at its purchase cost x (1 + markup), a platform at its commission",
          "[model][plan]") {
  const ArmPlan plan(branching());
  CHECK(plan.purchase_cost(0, 0) == Approx(15.0));  // unit cost x the production multiplier
  CHECK(plan.price(0, 0) == Approx(18.0));
  CHECK(plan.purchase_cost(1, 0) == Approx(18.0));
  CHECK(plan.price(1, 0) == Approx(22.5));
  CHECK(plan.price(2, 0) == Approx(33.75));
  CHECK(plan.price(3, 0) == Approx(24.75));
  CHECK(plan.purchase_cost(4, 0) == Approx(18.0));  // the platform buys from the factory
  CHECK(plan.price(4, 0) == Approx(19.44));
}

TEST_CASE("a market's customers are shared among its lanes in proportion to their shares",
          "[model][plan]") {
  const ArmPlan plan(branching());
  // Shares 3 : 1 : 4 of 8: lanes 4 on [0, 0.375), 5 on [0.375, 0.5), 6 on [0.5, 1).
  CHECK(plan.channel_lane(0, 0.0) == 4);
  CHECK(plan.channel_lane(0, 0.37) == 4);
  CHECK(plan.channel_lane(0, 0.375) == 5);
  CHECK(plan.channel_lane(0, 0.49) == 5);
  CHECK(plan.channel_lane(0, 0.5) == 6);
  CHECK(plan.channel_lane(0, 0.999) == 6);
}

TEST_CASE("a node stocks its top or listed variants and whatever the nodes it supplies stock",
          "[model][plan]") {
  const ArmPlan plan(branching());
  auto stocked = [&](Index node) {
    std::vector<Index> v;
    for (Index s = 0; s < plan.sku_count(); ++s) {
      if (plan.stocks(node, s)) v.push_back(s);
    }
    return v;
  };
  CHECK(stocked(2) == std::vector<Index>{2});     // listed
  CHECK(stocked(3) == std::vector<Index>{0, 1});  // the top 2
  // Its own top 1, plus what the shops keep; the factory likewise through the warehouse.
  CHECK(stocked(1) == std::vector<Index>{0, 1, 2});
  CHECK(stocked(0) == std::vector<Index>{0, 1, 2});
  CHECK(stocked(4).empty());  // no stock
  CHECK(plan.forwards_to_factory(4, 0));
  CHECK_FALSE(plan.forwards_to_factory(2, 0));
}

TEST_CASE("finds each node's lane into a market in a network too large for a node x market table",
          "[model][arm_plan]") {
  // One factory and 100,000 shops, each the only seller to a market of its own: a dense table of
  // every node against every market would take 40 GB.
  constexpr Index kShops = 100'000;
  ChainSpec c;
  c.horizon_days = 10.0;
  c.products = {product(10.0)};
  c.nodes = {factory_node("factory", FactoryMode::kMakeToOrder, 0.1)};
  for (Index s = 0; s < kShops; ++s) {
    c.markets.push_back(market(1.0, 10.0, ArrivalProcess::kDeterministic));
    c.nodes.push_back(stock_node("shop", NodeKind::kRetailer, 0.1, BaseStockPolicy{}, 0.0));
    c.lanes.push_back(lane(0, s + 1, 1.0));
  }
  // Listed from the last market to the first, so that no order of the lanes is assumed.
  for (Index shop = kShops; shop > 0; --shop) c.lanes.push_back(lane(shop, shop - 1, 0.0, true));
  const ArmPlan plan(c);
  for (const Index s : {Index{0}, Index{1}, kShops / 2, kShops - 1}) {
    INFO("shop " << s);
    CHECK(plan.lane_to_market(s + 1, s) == 2 * kShops - 1 - s);
    CHECK(plan.lane_to_market(s + 1, (s + 1) % kShops) == kNone);
  }
  CHECK(plan.lane_to_market(0, 0) == kNone);  // the factory sells to no market
}

TEST_CASE("a node's lanes into several markets are each found, the later of two into one market",
          "[model][arm_plan]") {
  ChainSpec c = small_chain();
  c.markets = {market(1.0, 10.0, ArrivalProcess::kDeterministic),
               market(1.0, 10.0, ArrivalProcess::kDeterministic),
               market(1.0, 10.0, ArrivalProcess::kDeterministic)};
  // factory -> retailer; the retailer sells into markets 2, 0 and 2 again, the factory into 1.
  c.lanes = {lane(0, 1, 1.0), lane(1, 2, 0.0, true), lane(1, 0, 0.0, true), lane(1, 2, 0.0, true),
             lane(0, 1, 0.0, true)};
  const ArmPlan plan(c);
  CHECK(plan.lane_to_market(1, 0) == 2);
  CHECK(plan.lane_to_market(1, 2) == 3);
  CHECK(plan.lane_to_market(0, 1) == 4);
  CHECK(plan.lane_to_market(1, 1) == kNone);
  CHECK(plan.lane_to_market(0, 0) == kNone);
}
