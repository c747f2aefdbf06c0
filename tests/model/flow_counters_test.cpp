// FlowCounters alone: a day's demand and orders close into daily buckets, seven days into weekly
// ones (days 1-7, 8-14, ...), only measured days count, and the chain's buckets are consumer
// demand against the factories' production orders.

#include "sim/model/flow_counters.hpp"

#include <catch2/catch.hpp>

#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::FlowCounters;

namespace {

ArmPlan two_nodes() {
  return ArmPlan(small_chain(2, 30.0));
}

}  // namespace

TEST_CASE("a day's flows are reported until the day closes", "[model][flows]") {
  const ArmPlan plan = two_nodes();
  FlowCounters flows(plan);
  flows.demand(1, 3.0);
  flows.demand(1, 1.0);
  flows.order(1, 5.0);
  flows.received(1, 2.0);
  flows.received(0, 7.0);
  CHECK(flows.demand_today(1) == 4.0);
  CHECK(flows.orders_today(1) == 5.0);
  CHECK(flows.received_today(1) == 2.0);
  CHECK(flows.received_today(0) == 7.0);
  CHECK(flows.demand_today(0) == 0.0);
  flows.end_day(1, true);
  CHECK(flows.demand_today(1) == 0.0);
  CHECK(flows.orders_today(1) == 0.0);
  CHECK(flows.received_today(1) == 0.0);
  CHECK(flows.node(1).daily.demand.mean() == 4.0);
  CHECK(flows.node(1).daily.orders.mean() == 5.0);
}

TEST_CASE("daily buckets count measured days, weekly ones only weeks all measured (days 1-7, ...)",
          "[model][flows]") {
  const ArmPlan plan = two_nodes();
  FlowCounters flows(plan);
  // Day d asks the retailer for d units, and it orders 2d; days 1 and 2 are the warm-up.
  for (std::int64_t day = 1; day <= 15; ++day) {
    flows.demand(1, static_cast<double>(day));
    flows.order(1, 2.0 * static_cast<double>(day));
    flows.end_day(day, day >= 3);
  }
  const auto& v = flows.node(1);
  // Days 3..15: 13 days of mean 9.
  CHECK(v.daily.demand.count() == 13);
  CHECK(v.daily.demand.mean() == Approx(9.0));
  CHECK(v.daily.orders.mean() == Approx(18.0));
  // Week 1-7 holds the warm-up's days 1 and 2: a bucket counts only when all its days are
  // measured. Week 8-14 counts (8 + ... + 14 = 77, orders 154); day 15 starts a week not closed
  // yet.
  CHECK(v.weekly.demand.count() == 1);
  CHECK(v.weekly.demand.mean() == Approx(77.0));
  CHECK(v.weekly.orders.mean() == Approx(154.0));
}

TEST_CASE("a week whose last day is not measured is not counted", "[model][flows]") {
  const ArmPlan plan = two_nodes();
  FlowCounters flows(plan);
  for (std::int64_t day = 1; day <= 14; ++day) {
    flows.demand(1, 1.0);
    flows.end_day(day, day >= 8);
  }
  // Week 1 closed in the warm-up; week 2 (7 units) counts.
  CHECK(flows.node(1).weekly.demand.count() == 1);
  CHECK(flows.node(1).weekly.demand.mean() == 7.0);
  CHECK(flows.node(1).daily.demand.count() == 7);
}

TEST_CASE("the chain's buckets are consumer demand of every sku and production orders",
          "[model][flows]") {
  const ArmPlan plan = two_nodes();
  FlowCounters flows(plan);
  for (std::int64_t day = 1; day <= 7; ++day) {
    flows.consumer_demand(1.0);                       // of one sku
    flows.consumer_demand(static_cast<double>(day));  // of another
    flows.factory_order(day % 2 == 0 ? 4.0 : 0.0);
    flows.demand(1, 100.0);  // a node's demand is not the chain's
    flows.end_day(day, true);
  }
  const auto& c = flows.chain();
  // Consumer demand 1 + d: days 2..8, mean 5; production orders 0,4,0,4,0,4,0: mean 12/7.
  CHECK(c.daily.demand.count() == 7);
  CHECK(c.daily.demand.mean() == Approx(5.0));
  CHECK(c.daily.orders.mean() == Approx(12.0 / 7.0));
  CHECK(c.weekly.demand.mean() == Approx(35.0));
  CHECK(c.weekly.orders.mean() == Approx(12.0));
}

TEST_CASE("the chain's week restarts after it closes", "[model][flows]") {
  const ArmPlan plan = two_nodes();
  FlowCounters flows(plan);
  for (std::int64_t day = 1; day <= 14; ++day) {
    flows.consumer_demand(day <= 7 ? 1.0 : 3.0);
    flows.factory_order(day <= 7 ? 2.0 : 1.0);
    flows.end_day(day, true);
  }
  CHECK(flows.chain().weekly.demand.mean() == Approx((7.0 + 21.0) / 2));
  CHECK(flows.chain().weekly.demand.variance() == Approx(14.0 * 14.0 / 2));
  CHECK(flows.chain().weekly.orders.mean() == Approx((14.0 + 7.0) / 2));
}

TEST_CASE("days closed in the warm-up count in no bucket", "[model][flows]") {
  const ArmPlan plan = two_nodes();
  FlowCounters flows(plan);
  for (std::int64_t day = 1; day <= 7; ++day) {
    flows.demand(1, 1.0);
    flows.consumer_demand(1.0);
    flows.end_day(day, false);
  }
  CHECK(flows.node(1).daily.demand.count() == 0);
  CHECK(flows.node(1).weekly.demand.count() == 0);
  CHECK(flows.node(1).review.demand.count() == 0);
  CHECK(flows.chain().daily.demand.count() == 0);
  CHECK(flows.chain().weekly.demand.count() == 0);
  CHECK(flows.chain().review.demand.count() == 0);
}

TEST_CASE("a bucket's calendar is the mean expected demand of its days, closed days at 0",
          "[model][flows]") {
  // A retailer reviewing every 3 days serves a market closed on every 7th day (rate 0) and open
  // at 6 on the others, for 63 days. Demand exactly as expected, divided by the bucket's mean
  // factor, is 3 days of the mean rate in every bucket, closed day or not: no variance is left.
  // (Counting a closed day's factor as 1 would put a bucket with a closed day at 12 / (10 / 9) =
  // 10.8 against 18 / (7 / 6) = 15.4 for the others.)
  ChainSpec spec = small_chain(1, 63.0);
  for (std::size_t d = 0; d < 63; ++d) spec.markets[0].arrivals_per_day[d] = d % 7 == 6 ? 0.0 : 6.0;
  spec.nodes[1].stock->policy = BaseStockPolicy{3.0, 0.0};
  const ArmPlan plan(spec);
  FlowCounters flows(plan);
  for (std::int64_t day = 1; day <= 63; ++day) {
    flows.demand(1, spec.markets[0].arrivals_per_day[static_cast<std::size_t>(day - 1)]);
    flows.order(1, static_cast<double>(day % 2));
    flows.end_day(day, true);
  }
  const auto& review = flows.node(1).review;
  REQUIRE(review.demand.count() == 21);
  CHECK(review.demand.mean() == Approx(3.0 * 6.0 * 6.0 / 7.0));
  CHECK(review.demand.variance() == Approx(0.0).margin(1e-9));
}

TEST_CASE("the opening review's orders are in the day's snapshot but in no bucket",
          "[model][flows]") {
  const ArmPlan plan = two_nodes();
  FlowCounters flows(plan);
  flows.order(1, 40.0);  // the review at time 0 fills the opening position
  flows.opening_review_done();
  for (std::int64_t day = 1; day <= 7; ++day) {
    flows.demand(1, 2.0);
    flows.order(1, 2.0);
    if (day == 1) CHECK(flows.orders_today(1) == 42.0);
    flows.end_day(day, true);
  }
  CHECK(flows.node(1).daily.orders.mean() == Approx(2.0));
  CHECK(flows.node(1).daily.orders.variance() == Approx(0.0));
  CHECK(flows.node(1).weekly.orders.mean() == Approx(14.0));
}
