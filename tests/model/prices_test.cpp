// The prices along a chain and the markets' price response, as the model and the loader use them.

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "model/chain_fixtures.hpp"
#include "sim/model/arm_plan.hpp"

using namespace c2msim::testing;

namespace {

// factory -> warehouse -> retailer -> market, and factory -> platform -> the same market.
ChainSpec two_channels() {
  ChainSpec spec;
  spec.products.push_back(product(100.0));
  NodeSpec plant = factory_node("plant", FactoryMode::kMakeToStock, 0.01);
  plant.markup = 0.1;
  plant.factory->unit_cost_multiplier = 1.5;
  spec.nodes.push_back(plant);
  spec.nodes.push_back(stock_node("dc", NodeKind::kWarehouse, 0.2, BaseStockPolicy{}, 0));
  spec.nodes.push_back(stock_node("shop", NodeKind::kRetailer, 0.5, BaseStockPolicy{}, 0));
  NodeSpec platform;
  platform.id = "platform";
  platform.kind = NodeKind::kPlatform;
  platform.markup = 9.0;  // not used: a platform's markup is its commission
  platform.commission = 0.05;
  spec.nodes.push_back(platform);
  MarketSpec m = market(10, 10, ArrivalProcess::kPoisson);
  m.price_elasticity = 2.0;
  m.reference_price = 200.0;
  spec.markets.push_back(m);
  spec.lanes = {lane(0, 1, 1), lane(1, 2, 1), lane(2, 0, 0, true), lane(0, 3, 1),
                lane(3, 0, 0, true)};
  spec.lanes[2].share = 3.0;
  spec.lanes[4].share = 1.0;
  return spec;
}

}  // namespace

TEST_CASE("each node sells at its purchase cost times one plus its markup, down the chain",
          "[model][prices]") {
  const ArmPlan p(two_channels());
  REQUIRE(p.product_count() == 1);
  CHECK(p.purchase_cost(0, 0) == Approx(150.0));  // unit cost x production multiplier
  CHECK(p.price(0, 0) == Approx(165.0));
  CHECK(p.purchase_cost(1, 0) == Approx(165.0));
  CHECK(p.price(1, 0) == Approx(198.0));
  CHECK(p.price(2, 0) == Approx(297.0));
  CHECK(p.price(3, 0) == Approx(165.0 * 1.05));  // the commission, not the markup
}

TEST_CASE("a market's rate factor is the share-weighted consumer price against the reference",
          "[model][prices]") {
  const ArmPlan p(two_channels());
  const double weighted = (3.0 * 297.0 + 1.0 * 165.0 * 1.05) / 4.0;
  CHECK(p.market_rate_factor(0) == Approx(std::pow(weighted / 200.0, -2.0)));
  ChainSpec no_response = two_channels();
  no_response.markets[0].price_elasticity = 0;
  CHECK(ArmPlan(no_response).market_rate_factor(0) == 1.0);
}

TEST_CASE("prices cannot be derived for a node without a supplier or a cycle of suppliers",
          "[model][prices]") {
  ChainSpec orphan = two_channels();
  orphan.lanes.erase(orphan.lanes.begin() + 1);  // dc -> shop
  CHECK_THROWS_AS(ArmPlan(orphan), std::invalid_argument);
  ChainSpec cycle = two_channels();
  cycle.lanes[0].from = 2;  // shop -> dc, dc -> shop
  CHECK_THROWS_AS(ArmPlan(cycle), std::invalid_argument);
}
