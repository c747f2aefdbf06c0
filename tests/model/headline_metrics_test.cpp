// What the headline service and bullwhip metrics count (docs/model.md, "What the headline
// metrics count"), on cases worked by hand: the service level against a target, for stock and
// make-to-order arms alike; bullwhip in review-period buckets with the known calendar divided
// out; a make-to-order factory's requests, taken or turned away.

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/model/flow_counters.hpp"
#include "sim/model/replication.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/model/chain_fixtures.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using namespace c2msim::testing;
using c2msim::model::run_replication;

TEST_CASE("the service level counts units delivered within the target, lost units as late",
          "[model][service]") {
  // A shop with 40 units and lost sales, never reordering, serves two markets of one customer a
  // day each (days 1..30): delivery takes 2 days to the near one and 5 to the far one. The stock
  // lasts the first 20 days; the customers of days 21..30 are lost. Target: 3 days, so the
  // service level counts the customers of days 1..27 (54 units), and of those only the near
  // market's first 20 are delivered within it.
  ChainSpec c;
  c.horizon_days = 30.0;
  c.service_target_days = 3.0;
  c.products = {product(10.0)};
  MarketSpec near = market(1.0, 30.0, ArrivalProcess::kDeterministic);
  MarketSpec far = near;
  far.id = "far";
  c.markets = {near, far};
  NodeSpec f = stocking_factory("factory", 0.0, SsPolicy{1.0, -1e9, 0.0}, 0.0, 0.01);
  NodeSpec shop = stock_node("shop", NodeKind::kRetailer, 0.5, SsPolicy{1.0, -1e9, 0.0}, 40.0);
  shop.stock->shortage = ShortageMode::kLostSales;
  c.nodes = {f, shop};
  c.lanes = {lane(0, 1, 0.0), lane(1, 0, 2.0, true), lane(1, 1, 5.0, true)};
  const auto r = run_replication(c, 1, 0);
  REQUIRE(r.get("system", "customers") == 60.0);
  CHECK(r.get("system", "service_level") == Approx(20.0 / 54.0));
  CHECK(r.get("shop", "service_level") == Approx(20.0 / 54.0));
  // The other measures count every customer of the window.
  CHECK(r.get("system", "fill_rate") == Approx(40.0 / 60.0));
  CHECK(r.get("system", "lost_sales_rate") == Approx(20.0 / 60.0));
  CHECK(r.get("system", "lead_time_coverage") == Approx(40.0 / 60.0));
  CHECK(r.get("system", "lead_time_mean") == Approx((20.0 * 2.0 + 20.0 * 5.0) / 40.0));
  // A target of 5 days takes in the far market's deliveries and the customers of days 1..25.
  c.service_target_days = 5.0;
  CHECK(run_replication(c, 1, 0).get("system", "service_level") == Approx(40.0 / 50.0));
}

TEST_CASE("a make-to-order arm has a service level though it ships nothing from stock",
          "[model][service]") {
  // One customer a day (days 1..60); each unit is made in half a day and delivered 2 days later:
  // 2.5 days from the order.
  ChainSpec spec = c2m_chain(1.0, 60.0, ArrivalProcess::kDeterministic);
  spec.nodes[0].factory->unit_production_days = 0.5;
  spec.service_target_days = 3.0;
  auto r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "fill_rate") == 0.0);
  CHECK(r.get("system", "service_level") == 1.0);
  // The customer of day 60 is still on the line at the horizon: 59 of 60 served in full.
  CHECK(r.get("system", "lead_time_coverage") == Approx(59.0 / 60.0));
  CHECK(r.get("system", "lead_time_mean") == Approx(2.5));
  spec.service_target_days = 2.0;
  r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "service_level") == 0.0);
}

namespace {

// A shop supplied by a factory that never runs out, facing Poisson demand of 10 a day over
// `days`, ordering on base stock. Its opening stock is the base-stock level, so its first review
// orders nothing: the two-week warm-up keeps that start out of the measured buckets.
ChainSpec base_stock_shop(double review_period_days, double days) {
  ChainSpec c;
  c.horizon_days = days;
  c.warmup_days = 14.0;
  c.products = {product(10.0)};
  c.markets = {market(10.0, days, ArrivalProcess::kPoisson)};
  NodeSpec f = stocking_factory("factory", 0.0, SsPolicy{1.0, -1e9, 0.0}, 1e7, 1e-6);
  c.nodes = {f, stock_node("shop", NodeKind::kRetailer, 0.5,
                           BaseStockPolicy{review_period_days, 2000.0}, 2000.0)};
  c.lanes = {lane(0, 1, 1.0), lane(1, 0, 0.0, true)};
  return c;
}

}  // namespace

TEST_CASE("a weekly-review base-stock node passes its demand through: bullwhip near 1",
          "[model][bullwhip]") {
  // Each weekly order is the week's demand: in daily buckets the orders are 0 six days in seven
  // and a week's demand on the seventh (variance about (70 + 70^2) / 7 - 10^2 = 610 against 10),
  // while in weekly buckets they are the same bucket's demand (the review on its last day answers
  // its seven days): exactly 1.
  const auto r = run_replication(base_stock_shop(7.0, 714.0), 3, 0);
  CHECK(r.get("shop", "bullwhip_daily") > 30.0);
  CHECK(r.get("shop", "bullwhip") == Approx(1.0));
  CHECK(r.get("shop", "bullwhip_weekly") == Approx(1.0));
}

namespace {

// The same shop over 364 days with a festival quadrupling demand on days 301..311, known in
// advance (it is in the market's daily rates).
ChainSpec festival_shop(double review_period_days) {
  ChainSpec c = base_stock_shop(review_period_days, 364.0);
  for (std::size_t d = 300; d < 311; ++d) c.markets[0].arrivals_per_day[d] = 40.0;
  return c;
}

}  // namespace

// Lot for lot (daily base stock) orders the day's demand at the day's end, weekly review the
// week's: orders and demand are the same series in those buckets, festival included. The raw
// ratios are 1, and so is the headline one: docs/model.md divides the calendar out "so that
// a festival that raises demand and orders alike does not count as amplification", each bucket by
// its mean calendar factor. (Dividing each day by its own factor gave 1.27 for lot for lot and
// 2.8..6.5 for weekly review here, the festival's edges counted as amplification.)
TEST_CASE("a pass-through node's bullwhip is 1 through a dated festival: raw or not",
          "[model][bullwhip]") {
  for (std::uint64_t rep : {0u, 1u, 2u}) {
    INFO("replication " << rep);
    const auto daily = run_replication(festival_shop(1.0), 3, rep);
    CHECK(daily.get("shop", "bullwhip_daily") == Approx(1.0));
    CHECK(daily.get("shop", "bullwhip") == Approx(1.0));
    const auto weekly = run_replication(festival_shop(7.0), 3, rep);
    CHECK(weekly.get("shop", "bullwhip_weekly") == Approx(1.0));
    CHECK(weekly.get("shop", "bullwhip") == Approx(1.0));
  }
}

TEST_CASE("a make-to-order factory counts every request as an order, taken or turned away",
          "[model][bullwhip]") {
  // Poisson demand of 5 a day at a platform; the factory makes a unit in 0.1 days and turns away
  // a customer whose quote exceeds a patience of 0.25 days. Every request is an order the day it
  // arrives, so orders equal demand in every bucket.
  ChainSpec spec = c2m_chain(5.0, 400.0, ArrivalProcess::kPoisson);
  spec.nodes[0].factory->unit_production_days = 0.1;
  spec.lanes[0].lead_time_days = c2msim::random::Constant{0.0};
  spec.markets[0].patience_days = c2msim::random::Constant{0.25};
  const auto r = run_replication(spec, 5, 0);
  const double share = r.get("factory", "turned_away_share");
  REQUIRE(share > 0.0);
  REQUIRE(share < 1.0);
  for (const char* metric : {"bullwhip", "bullwhip_daily", "bullwhip_weekly"}) {
    INFO(metric);
    CHECK(r.get("factory", metric) == Approx(1.0));
    CHECK(r.get("system", metric) == Approx(1.0));
  }
  // A customer taken is never lost afterwards: the turned-away units are the lost ones.
  CHECK(share == Approx(r.get("system", "lost_sales_rate")));
  CHECK(r.get("system", "turned_away_share") == Approx(share));
}

TEST_CASE("the system bullwhip has the same buckets in every arm of a scenario",
          "[model][bullwhip]") {
  // example-monitors with every traditional tier on daily review: its own longest review period
  // is a day, but the C2M arms' nodes without periodic review bucket by the week, and every arm's
  // system buckets are the longest of any arm's.
  const auto loaded = c2msim::scenario::load_scenario_file(c2msim::test::source_dir() /
                                                           "scenarios" / "example-monitors.yaml");
  REQUIRE(loaded.ok());
  c2msim::scenario::Scenario scenario = *loaded.scenario;
  for (auto& arm : scenario.arms) {
    if (arm.name != "traditional") continue;
    for (auto& node : arm.nodes) {
      if (node.stock) node.stock->policy = BaseStockPolicy{1.0, 100.0};
    }
  }
  for (const auto& arm : scenario.arms) {
    INFO(arm.name);
    const ArmPlan plan(c2msim::scenario::build_chain(scenario, arm));
    CHECK(c2msim::model::FlowCounters(plan).chain_bucket_days() == 7);
  }
  // An arm of daily reviews alone would bucket by the day.
  ChainSpec daily = base_stock_shop(1.0, 70.0);
  CHECK(c2msim::model::FlowCounters(ArmPlan(daily)).chain_bucket_days() == 1);
  daily.system_bucket_days = 7;
  CHECK(c2msim::model::FlowCounters(ArmPlan(daily)).chain_bucket_days() == 7);
}

TEST_CASE("a customer at the very end of a day is in that day's review", "[model][bullwhip]") {
  // 10 customers a day, the 10th at exactly the day's end; the shop reviews daily (base stock).
  // Its first day-end review sees all 10 and orders 10, as its demand that day says.
  ChainSpec spec = base_stock_shop(1.0, 30.0);
  spec.warmup_days = 0.0;
  spec.markets[0].process = ArrivalProcess::kDeterministic;
  std::vector<c2msim::model::DailySnapshot> days;
  run_replication(spec, 1, 0, [&](const c2msim::model::DailySnapshot& s) {
    if (s.node == 1) days.push_back(s);
  });
  REQUIRE(days.size() >= 2);
  CHECK(days[0].demand_received == 10.0);
  CHECK(days[0].orders_placed == 10.0);
}
