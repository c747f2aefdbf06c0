// Which variants a make-to-stock factory stocks when the scenario does not say.

#include <catch2/catch.hpp>

#include "sim/model/arm_plan.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/model/chain_fixtures.hpp"
#include "tests/scenario/scenario_test_support.hpp"

namespace c2msim::model {
namespace {

// factory -> warehouse (top 2 of 5 variants) -> retailer (variant 3 listed) -> consumers.
ChainSpec tiered_chain() {
  ChainSpec c = testing::traditional_chain(10.0, 30.0, ArrivalProcess::kPoisson);
  c.products = {testing::product(100.0, 5)};
  c.nodes.erase(c.nodes.begin() + 2);  // no distributor
  c.nodes[1].stock->stocked_variants = 2;
  c.nodes[2].stock->stocked_variant_list = {3};
  c.lanes = {testing::lane(0, 1, 2.0), testing::lane(1, 2, 1.0), testing::lane(2, 0, 0.5, true)};
  return c;
}

std::vector<bool> stocked(const ArmPlan& plan, Index node) {
  std::vector<bool> out;
  for (Index s = 0; s < plan.sku_count(); ++s) out.push_back(plan.stocks(node, s));
  return out;
}

TEST_CASE("a make-to-stock factory stocks by default what the nodes it supplies stock",
          "[model][stock]") {
  ChainSpec spec = tiered_chain();
  SECTION("the union of its downstream tiers' variants") {
    CHECK(stocked(ArmPlan(spec), 0) == std::vector<bool>{true, true, false, true, false});
  }
  SECTION("every variant when it serves a market directly") {
    spec.lanes.push_back(testing::lane(0, 0, 1.0, true));
    CHECK(stocked(ArmPlan(spec), 0) == std::vector<bool>(5, true));
  }
  SECTION("every variant when a node it supplies holds no stock") {
    spec.nodes[1].stock.reset();
    CHECK(stocked(ArmPlan(spec), 0) == std::vector<bool>(5, true));
  }
  SECTION("every variant when a stocking platform it supplies passes on what it does not keep") {
    spec.nodes[1].kind = NodeKind::kPlatform;  // keeps the top 2, forwards the rest to the factory
    CHECK(stocked(ArmPlan(spec), 0) == std::vector<bool>(5, true));
  }
  SECTION("what the scenario sets, when it sets it") {
    spec.nodes[0].stock->variants_given = true;  // `all`
    CHECK(stocked(ArmPlan(spec), 0) == std::vector<bool>(5, true));
    spec.nodes[0].stock->stocked_variants = 1;
    CHECK(stocked(ArmPlan(spec), 0) == std::vector<bool>{true, true, false, true, false});
  }
}

TEST_CASE("quickstart's traditional factory stocks only the four variants its tiers stock",
          "[model][stock]") {
  const auto loaded =
      scenario::load_scenario_file(c2msim::test::source_dir() / "scenarios" / "quickstart.yaml");
  REQUIRE(loaded.ok());
  const auto& arm = loaded.scenario->arms.front();
  REQUIRE(arm.name == "traditional");
  const ArmPlan plan(scenario::build_chain(*loaded.scenario, arm));
  REQUIRE(plan.node(0).id == "factory");
  CHECK(stocked(plan, 0) == std::vector<bool>{true, true, true, true, false, false});
}

}  // namespace
}  // namespace c2msim::model
