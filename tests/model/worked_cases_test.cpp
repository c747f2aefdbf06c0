// End-to-end cases worked by hand through run_replication: deterministic chains (constant lead
// times, one customer each time the cumulative rate passes a whole number) small enough that every
// sale, shipment and day of stock can be listed, and every node's money checked against the list.
//
// Customers come at 1.5, 2.5, 3.5, ...: the rate is 0.5 on day 0 and 1 after, so no arrival falls
// on a day's end, where the order of simultaneous events would matter.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "sim/model/replication.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::run_replication;

namespace {

constexpr Index kFactory = 0, kRetailer = 1;

std::vector<double> half_then_one(double days) {
  std::vector<double> rates(static_cast<std::size_t>(days), 1.0);
  rates[0] = 0.5;
  return rates;
}

// factory (10 units of opening stock bought at unit cost 10, never reorders: base stock level 0;
// markup 0.2, sells at 12; holding 3.65 a year of its stock's value, 0.01 a day per unit of value)
// -> lane: 1 day, 0.5 a unit ->
// retailer (5 units bought at 12; daily base stock 5; markup 0.5, sells at 18; holding 0.1 per
// unit and day) -> lane: 0.25 days, 0.2 a unit -> consumers, one unit each at 1.5, 2.5, 3.5, 4.5.
// Horizon 5 days; what is left then is valued at cost (terminal_valuation's default), though the
// product salvages at half its unit cost (season ends, terminal_valuation: salvage).
ChainSpec two_node_chain(double warmup_days = 0.0) {
  ChainSpec c;
  c.arm = "worked";
  c.horizon_days = 5.0;
  c.warmup_days = warmup_days;
  c.products = {product(10.0)};
  c.products[0].salvage_fraction = 0.5;
  MarketSpec m = market(1.0, 5.0, ArrivalProcess::kDeterministic);
  m.arrivals_per_day = half_then_one(5.0);
  c.markets = {m};
  NodeSpec f = stocked_factory("factory", 10.0);
  f.markup = 0.2;
  f.holding_cost_rate_per_year = 3.65;
  NodeSpec r = stock_node("retailer", NodeKind::kRetailer, 0.5, BaseStockPolicy{1.0, 5.0}, 5.0);
  r.holding_cost_per_unit_day = 0.1;
  c.nodes = {f, r};
  LaneSpec in = lane(kFactory, kRetailer, 1.0);
  in.cost_per_unit = 0.5;
  LaneSpec out = lane(kRetailer, 0, 0.25, true);
  out.cost_per_unit = 0.2;
  c.lanes = {in, out};
  return c;
}

}  // namespace

// The events of two_node_chain, in order:
//   1.5, 2.5, 3.5, 4.5  a customer buys a unit from the retailer (on hand 5 -> 4, then 4 -> 3
//                       each time), delivered 0.25 days later
//   2, 3, 4, 5          the day-end review finds the retailer's position at 4 and orders 1; the
//                       factory ships it at once (10 -> 9 -> 8 -> 7 -> 6), arriving a day later
//   3, 4, 5             a shipment arrives at the retailer (3 -> 4); the one sent at 5 is still
//                       in transit at the horizon
// Retailer on hand: 5 on [0, 1.5), 4 on [1.5, 2.5), then 3 and 4 by half days: 20 unit-days.
// Factory on hand: 10 on [0, 2), 9, 8, 7 a day each: 44 unit-days, 440 at its cost of 10.
// Left at 5: 6 at the factory and 4 at the retailer, and 1 in transit, kept at cost.

TEST_CASE("every node's money in a two-node chain matches the hand-worked books",
          "[model][worked]") {
  const auto r = run_replication(two_node_chain(), 1, 0);
  // Profit at cost (docs/model.md, Accounting): revenue - units sold x unit cost - salvage loss
  // - holding - transport; stock left at the horizon is not charged.
  // Retailer: 4 sales at 18, each costing it 12; holding 0.1 x 20; transport 4 x 0.2.
  CHECK(r.get("retailer", "revenue") == Approx(72.0));
  CHECK(r.get("retailer", "holding_cost") == Approx(2.0));
  CHECK(r.get("retailer", "transport_cost") == Approx(0.8));
  CHECK(r.get("retailer", "units_sold") == 4.0);
  CHECK(r.get("retailer", "profit") == Approx(72.0 - 4 * 12.0 - 2.0 - 0.8));
  // Factory: 4 sales at 12, each costing it 10; holding 3.65 x 440 / 365; transport 4 x 0.5.
  CHECK(r.get("factory", "revenue") == Approx(48.0));
  CHECK(r.get("factory", "holding_cost") == Approx(4.4));
  CHECK(r.get("factory", "transport_cost") == Approx(2.0));
  CHECK(r.get("factory", "units_sold") == 4.0);
  CHECK(r.get("factory", "profit") == Approx(48.0 - 4 * 10.0 - 4.4 - 2.0));
  // The chain: consumers paid 72 for 4 units that cost the chain 10 each (its factory's cost);
  // holding 6.4, transport 2.8 (what the nodes paid each other cancels out); nothing salvaged.
  CHECK(r.get("system", "profit") == Approx(72.0 - 4 * 10.0 - 6.4 - 2.8));
  CHECK(r.get("system", "consumer_spending") == Approx(72.0));
  CHECK(r.get("system", "salvage_revenue") == 0.0);
  // At the horizon, at cost: the factory's 6 at 10, the retailer's 4 at 12; the chain's 6 + 4 on
  // hand and 1 in transit at its cost of 10.
  CHECK(r.get("factory", "ending_inventory_value") == Approx(60.0));
  CHECK(r.get("retailer", "ending_inventory_value") == Approx(48.0));
  CHECK(r.get("system", "ending_inventory_value") == Approx(110.0));
}

TEST_CASE("a two-node chain's stock metrics match the hand-worked stock", "[model][worked]") {
  const auto r = run_replication(two_node_chain(), 1, 0);
  // Retailer: 20 unit-days x 12 over 5 days; cost of goods 4 x 12 over 5 days, per year.
  CHECK(r.get("retailer", "average_inventory_value") == Approx(48.0));
  CHECK(r.get("retailer", "inventory_turnover") == Approx(48.0 * 73.0 / 48.0));
  CHECK(r.get("retailer", "days_of_inventory") == Approx(5.0));
  CHECK(r.get("factory", "average_inventory_value") == Approx(88.0));
  CHECK(r.get("factory", "inventory_turnover") == Approx(40.0 * 73.0 / 88.0));
  // The chain at unit cost: (44 + 20) x 10 on hand, 3 unit-days in transit (the shipments on
  // [2, 3), [3, 4), [4, 5)) and 4 x 0.25 unit-days on the way to consumers, over 5 days: 128 + 6
  // + 2; consumer units 4 x 10 over 5 days, per year.
  CHECK(r.get("system", "inventory_turnover") == Approx(40.0 * 73.0 / (128.0 + 6.0 + 2.0)));
  CHECK(r.get("system", "units_sold") == 4.0);
  CHECK(r.get("system", "units_demanded") == 4.0);
  CHECK(r.get("system", "customers") == 4.0);
  // Unsold: the units salvaged in the window; the horizon's stock is kept at cost.
  CHECK(r.get("system", "unsold_units") == 0.0);
  CHECK(r.get("system", "unsold_value") == 0.0);
}

TEST_CASE("a two-node chain's markups and service match the hand-worked ones", "[model][worked]") {
  const auto r = run_replication(two_node_chain(), 1, 0);
  CHECK(r.get("system", "list_markup") == Approx(1.8));
  CHECK(r.get("factory", "markup_step") == Approx(0.2));
  CHECK(r.get("retailer", "markup_step") == Approx(0.6));
  // Consumer revenue / (units sold to consumers x unit cost): 72 / (4 x 10).
  CHECK(r.get("system", "realised_markup") == Approx(72.0 / 40.0));
  CHECK(r.get("system", "fill_rate") == 1.0);
  CHECK(r.get("retailer", "fill_rate") == 1.0);
  CHECK(r.get("system", "lost_sales_rate") == 0.0);
  CHECK(r.get("system", "match_rate") == 1.0);
  CHECK(r.get("system", "lead_time_mean") == Approx(0.25));
  CHECK(r.get("system", "lead_time_p95") == Approx(0.25));
  CHECK(r.get("system", "backorders_mean") == 0.0);
  CHECK(std::isnan(r.get("factory", "fill_rate")));  // no consumer buys from the factory
}

TEST_CASE("a two-node chain's bullwhip books a day-end review's orders to the day that ends",
          "[model][worked]") {
  const auto r = run_replication(two_node_chain(), 1, 0);
  // Retailer, by day (ending at 1 .. 5): asked for 0, 1, 1, 1, 1; the reviews at 2 .. 5 order 1
  // each, booked to the day they end: 0, 1, 1, 1, 1, the same series (each day divided by the
  // same calendar factor), a ratio of 1.
  CHECK(r.get("retailer", "bullwhip") == Approx(1.0));
  // The factory is asked for 0, 0, 1, 1, 1 and orders nothing.
  CHECK(r.get("factory", "bullwhip") == 0.0);
  CHECK(r.get("system", "bullwhip") == 0.0);
  CHECK(std::isnan(r.get("retailer", "bullwhip_weekly")));  // not a single week closed
}

TEST_CASE("the warm-up's end opens the measured books at its exact time", "[model][worked]") {
  // Warm-up 2 days: the first customer (1.5) and the opening stock fall before it; the review at
  // 2 and the factory's shipment at 2 fall after it.
  const auto r = run_replication(two_node_chain(2.0), 1, 0);
  // Profit at cost: stock carried in from the warm-up is charged when sold, stock left is not.
  // Retailer: 3 sales at 18, costing 12 each; holding 0.1 x 10.5 unit-days on [2, 5) (4 on
  // [2, 2.5), then 3 and 4 by half days); transport 3 x 0.2.
  CHECK(r.get("retailer", "revenue") == Approx(54.0));
  CHECK(r.get("retailer", "holding_cost") == Approx(1.05));
  CHECK(r.get("retailer", "transport_cost") == Approx(0.6));
  CHECK(r.get("retailer", "profit") == Approx(54.0 - 3 * 12.0 - 1.05 - 0.6));
  // Factory: 4 sales at 12 (the first at 2), costing 10 each; 24 unit-days on [2, 5) at 10, at
  // 3.65 a year; transport 4 x 0.5.
  CHECK(r.get("factory", "revenue") == Approx(48.0));
  CHECK(r.get("factory", "holding_cost") == Approx(2.4));
  CHECK(r.get("factory", "profit") == Approx(48.0 - 4 * 10.0 - 2.4 - 2.0));
  // The chain: 54 from consumers for 3 units at its cost of 10; holding 1.05 + 2.4, transport
  // 0.6 + 2.0.
  CHECK(r.get("system", "profit") == Approx(54.0 - 3 * 10.0 - 3.45 - 2.6));
  CHECK(r.get("system", "customers") == 3.0);
  CHECK(r.get("system", "units_demanded") == 3.0);
  // Turnover over the 3 measured days: retailer 3 x 12 sold, 10.5 x 12 / 3 held.
  CHECK(r.get("retailer", "average_inventory_value") == Approx(42.0));
  CHECK(r.get("retailer", "inventory_turnover") == Approx(36.0 * 365.0 / 3.0 / 42.0));
}

TEST_CASE("the first measured day is the one that starts at the end of the warm-up",
          "[model][worked]") {
  // By day (ending at 1 .. 5) the retailer is asked for 0, 1, 1, 1, 1 and its day-end review
  // orders the same; the order reaches the factory at once, so the factory is asked for 0, 1, 1,
  // 1, 1 on the same days, and orders nothing.
  // No warm-up: days 1 to 5 count. The retailer's orders vary as its demand does: a ratio of 1;
  // the factory's demand varies and its orders do not: a ratio of 0. (Leaving out day 1 would
  // leave 1, 1, 1, 1 and no ratio.)
  const auto none = run_replication(two_node_chain(0.0), 1, 0);
  CHECK(none.get("retailer", "bullwhip") == Approx(1.0));
  CHECK(none.get("factory", "bullwhip") == 0.0);
  // Warm-up 1: days 2 to 5 count, 1, 1, 1, 1 at both: no variance, no ratio (counting day 1 too
  // would give 1 and 0 again).
  const auto one = run_replication(two_node_chain(1.0), 1, 0);
  CHECK(std::isnan(one.get("retailer", "bullwhip")));
  CHECK(std::isnan(one.get("factory", "bullwhip")));
}

namespace {

// consumers -> platform (commission 0.1) -> factory making to order on one line, 0.75 days a unit;
// lanes: factory -> platform 1 day at 0.3 a unit, platform -> consumers 0.5 days at 0.1 a unit.
// Customers at 1.5, 2.5, 3.5, 4.5 (one unit each); horizon 5.
ChainSpec make_to_order_chain(double warmup_days = 0.0) {
  ChainSpec c;
  c.arm = "c2m";
  c.horizon_days = 5.0;
  c.warmup_days = warmup_days;
  c.products = {product(10.0)};
  MarketSpec m = market(1.0, 5.0, ArrivalProcess::kDeterministic);
  m.arrivals_per_day = half_then_one(5.0);
  c.markets = {m};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToOrder, 0.75);
  f.markup = 0.2;
  NodeSpec p;
  p.id = "platform";
  p.kind = NodeKind::kPlatform;
  p.commission = 0.1;
  c.nodes = {f, p};
  LaneSpec up = lane(0, 1, 1.0);
  up.cost_per_unit = 0.3;
  LaneSpec down = lane(1, 0, 0.5, true);
  down.cost_per_unit = 0.1;
  c.lanes = {up, down};
  return c;
}

}  // namespace

TEST_CASE("every node's money in a make-to-order chain matches the hand-worked books",
          "[model][worked]") {
  const auto r = run_replication(make_to_order_chain(), 1, 0);
  // Jobs on [1.5, 2.25), [2.5, 3.25), [3.5, 4.25), [4.5, 5.25): the last is not done by 5.
  // Factory: 3 sold to the platform at 12, produced at 10, shipped at 0.3.
  CHECK(r.get("factory", "revenue") == Approx(36.0));
  CHECK(r.get("factory", "transport_cost") == Approx(0.9));
  CHECK(r.get("factory", "profit") == Approx(36.0 - 30.0 - 0.9));
  // Platform: 3 sold at 13.2, bought at 12, delivered at 0.1.
  CHECK(r.get("platform", "revenue") == Approx(39.6));
  CHECK(r.get("platform", "transport_cost") == Approx(0.3));
  CHECK(r.get("platform", "profit") == Approx(39.6 - 36.0 - 0.3));
  CHECK(r.get("system", "profit") == Approx(39.6 - 30.0 - 1.2));
  CHECK(r.get("system", "list_markup") == Approx(1.32));
  CHECK(r.get("platform", "markup_step") == Approx(0.12));
  CHECK(r.get("system", "realised_markup") == Approx(1.32));
  CHECK(r.get("system", "units_sold") == 3.0);
  CHECK(r.get("system", "unsold_units") == 0.0);
  CHECK(r.get("system", "unsold_value") == 0.0);
  // No stock, but work in process and goods on their way, at unit cost 10: the jobs, 0.75 +
  // 0.75 + 0.75 + 0.5 unit-days by 5; factory -> platform [2.25, 3.25), [3.25, 4.25), [4.25, 5):
  // 2.75; platform -> consumers [3.25, 3.75), [4.25, 4.75): 1. 6.5 x 10 / 5 = 13 held; 3 x 10
  // sold over 5 days, 73 times a year. Nothing shipped from a stock: a fill rate of 0.
  CHECK(r.get("system", "inventory_turnover") == Approx(30.0 * 73.0 / 13.0));
  CHECK(r.get("system", "fill_rate") == 0.0);
  // Made at the end of the job, then 1 + 0.5 days of transport: 0.75 + 1.5 after arrival.
  CHECK(r.get("system", "lead_time_mean") == Approx(2.25));
}

TEST_CASE("utilisation is busy time within the window over lines x measured days",
          "[model][worked]") {
  // Busy 0.75 x 3 + 0.5 of the job running past the horizon, over 5 days.
  const auto r = run_replication(make_to_order_chain(), 1, 0);
  CHECK(r.get("factory", "utilisation") == Approx(2.75 / 5.0));
  CHECK(r.get("system", "utilisation") == Approx(2.75 / 5.0));
  CHECK(r.get("factory", "job_wait_mean") == 0.0);
  // Jobs in the system 0.75 x 3 + 0.5 job-days over 5 days.
  CHECK(r.get("factory", "jobs_in_system_mean") == Approx(2.75 / 5.0));
  // Warm-up 2: the job of 1.5 still runs 0.25 of a day after it; 2.25 busy over 3 days x 2 lines.
  ChainSpec two_lines = make_to_order_chain(2.0);
  two_lines.nodes[0].factory->lines = 2;
  const auto w = run_replication(two_lines, 1, 0);
  CHECK(w.get("factory", "utilisation") == Approx(2.25 / 6.0));
}

namespace {

// The make-to-order chain with customers twice a day (1.25, 1.75, 2.25, ...) and no transport:
// the queue grows by 0.25 days a customer. Customer k (from 0) arrives at 1.25 + 0.5 k, starts at
// 1.25 + 0.75 k and is served at 2 + 0.75 k: lead time 0.75 + 0.25 k. By the horizon 6 customers
// 0 to 5 are served (0.75, 1, 1.25, 1.5, 1.75, 2).
ChainSpec growing_queue() {
  ChainSpec c = make_to_order_chain();
  c.horizon_days = 6.0;
  c.markets[0].arrivals_per_day.assign(6, 2.0);
  c.markets[0].arrivals_per_day[0] = 0.5;
  c.lanes[0].lead_time_days = c2msim::random::Constant{0.0};
  c.lanes[1].lead_time_days = c2msim::random::Constant{0.0};
  return c;
}

}  // namespace

TEST_CASE("lead-time quantiles are the waits at their nearest ranks", "[model][worked]") {
  const auto r = run_replication(growing_queue(), 1, 0);
  CHECK(r.get("system", "lead_time_mean") == Approx(1.375));
  // n = 6, rank ceil(q n): p05 -> 1st, p25 -> 2nd, p50 -> 3rd, p75 -> 5th, p95 and p99 -> 6th.
  CHECK(r.get("system", "lead_time_p05") == Approx(0.75));
  CHECK(r.get("system", "lead_time_p25") == Approx(1.0));
  CHECK(r.get("system", "lead_time_p50") == Approx(1.25));
  CHECK(r.get("system", "lead_time_p75") == Approx(1.75));
  CHECK(r.get("system", "lead_time_p95") == Approx(2.0));
  CHECK(r.get("system", "lead_time_p99") == Approx(2.0));
}

TEST_CASE("a growing queue's waits, jobs in system and utilisation match the hand-worked ones",
          "[model][worked]") {
  const auto r = run_replication(growing_queue(), 1, 0);
  // Jobs 0 to 6 start before 6 (job 6 at 5.75, running past the horizon): waits 0.25 k.
  CHECK(r.get("factory", "job_wait_mean") == Approx(0.75));
  CHECK(r.get("factory", "utilisation") == Approx((6 * 0.75 + 0.25) / 6.0));
  // Customers 0-5 are in the system 0.75 + 0.25 k each (8.25 job-days); 6-9 (arriving 4.25 to
  // 5.75) until the horizon: 1.75 + 1.25 + 0.75 + 0.25.
  CHECK(r.get("factory", "jobs_in_system_mean") == Approx((8.25 + 4.0) / 6.0));
  CHECK(r.get("system", "customers") == 10.0);
}

namespace {

// A make-to-stock factory selling straight to consumers (1.5, 2.5, ...) from 10 units of stock.
ChainSpec factory_direct() {
  ChainSpec c;
  c.horizon_days = 5.0;
  c.products = {product(10.0)};
  MarketSpec m = market(1.0, 5.0, ArrivalProcess::kDeterministic);
  m.arrivals_per_day = half_then_one(5.0);
  c.markets = {m};
  c.nodes = {stocked_factory("factory", 10.0)};
  c.lanes = {lane(0, 0, 0.0, true)};
  return c;
}

}  // namespace

// Main counted a direct customer's units as demand at the factory twice (on arrival and on
// reaching the factory), in timeseries.csv's demand_received, the bullwhip denominators and a
// forecast policy's order signal.
TEST_CASE("a factory selling straight to consumers is asked once for each unit",
          "[model][worked]") {
  std::vector<double> demand;
  const auto r = run_replication(
      factory_direct(), 1, 0, [&](const DailySnapshot& s) { demand.push_back(s.demand_received); });
  CHECK(r.get("system", "units_demanded") == 4.0);
  CHECK(demand == std::vector<double>{0, 1, 1, 1, 1});
}

TEST_CASE("transport is paid per unit, and a customer's quantity is a whole number",
          "[model][worked]") {
  // two_node_chain with customers wanting 2.4 units, rounded to 2: the retailer sells 8 and the
  // factory ships it 2 at each of the reviews at 2, 3, 4 and 5.
  ChainSpec spec = two_node_chain();
  spec.markets[0].quantity = c2msim::random::Constant{2.4};
  const auto r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "units_demanded") == 8.0);
  CHECK(r.get("system", "units_sold") == 8.0);
  CHECK(r.get("retailer", "revenue") == Approx(8 * 18.0));
  CHECK(r.get("retailer", "transport_cost") == Approx(8 * 0.2));
  CHECK(r.get("factory", "revenue") == Approx(8 * 12.0));
  CHECK(r.get("factory", "transport_cost") == Approx(8 * 0.5));
  // A draw below 1 is one unit.
  spec.markets[0].quantity = c2msim::random::Constant{0.3};
  CHECK(run_replication(spec, 1, 0).get("system", "units_demanded") == 4.0);
}

TEST_CASE("a make-to-order factory pays production cost per unit, at its cost multiplier",
          "[model][worked]") {
  // make_to_order_chain with 2 units per customer and production costing 1.5 x the unit cost:
  // factory price 15 x 1.2 = 18, platform price 19.8. Jobs take 1.5 days: [1.5, 3), [3, 4.5),
  // [4.5, 6) (not done by 5), and the customer of 4.5 waits.
  ChainSpec spec = make_to_order_chain();
  spec.markets[0].quantity = c2msim::random::Constant{2.0};
  spec.nodes[0].factory->unit_cost_multiplier = 1.5;
  const auto r = run_replication(spec, 1, 0);
  CHECK(r.get("factory", "revenue") == Approx(2 * 2 * 18.0));
  CHECK(r.get("factory", "profit") == Approx(72.0 - 2 * 2 * 15.0 - 4 * 0.3));
  CHECK(r.get("platform", "profit") == Approx(4 * 19.8 - 72.0 - 4 * 0.1));
  CHECK(r.get("system", "profit") == Approx(79.2 - 60.0 - 1.6));
  CHECK(r.get("system", "list_markup") == Approx(1.98));
  // Done at 3 and 4.5, then 1.5 days of transport.
  CHECK(r.get("system", "lead_time_mean") == Approx((3.0 + 3.5) / 2));
  // Busy 1.5 + 1.5 + 0.5 of the running job; waits 0, 0.5 and 1 of the jobs started.
  CHECK(r.get("factory", "utilisation") == Approx(3.5 / 5.0));
  CHECK(r.get("factory", "job_wait_mean") == Approx(0.5));
}

namespace {

// A retailer with no stock that never reorders, supplied by a large factory; customers at 1.5,
// 2.5, ..., 39.5 wait 2 days and leave. Horizon 40, warm-up 10.
// Customers for one unit at 1.5, 2.5, ... who wait `patience` days at most.
MarketSpec impatient_market(double days, double patience) {
  MarketSpec m = market(1.0, days, ArrivalProcess::kDeterministic);
  m.arrivals_per_day = half_then_one(days);
  m.patience_days = c2msim::random::Constant{patience};
  return m;
}

ChainSpec impatient_customers() {
  ChainSpec c;
  c.horizon_days = 40.0;
  c.warmup_days = 10.0;
  c.products = {product(10.0)};
  c.markets = {impatient_market(40.0, 2.0)};
  c.nodes = {stocked_factory("factory", 100.0),
             stock_node("retailer", NodeKind::kRetailer, 0.5, SsPolicy{1.0, -1e9, 0.0}, 0.0)};
  c.lanes = {lane(0, 1, 1.0), lane(1, 0, 0.0, true)};
  return c;
}

}  // namespace

TEST_CASE("service metrics count the customers who arrive after the warm-up", "[model][worked]") {
  const auto r = run_replication(impatient_customers(), 1, 0);
  // Arrivals 10.5 to 39.5 are measured: 30; those up to 37.5 are lost by 40: 28. The customers of
  // 8.5 and 9.5, lost at 10.5 and 11.5, arrived in the warm-up and do not count.
  CHECK(r.get("system", "customers") == 30.0);
  CHECK(r.get("system", "lost_sales_rate") == Approx(28.0 / 30.0));
  // Units owed from 10: the customers of 8.5 and 9.5 for 0.5 and 1.5 days, 28 for 2 days, those of
  // 38.5 and 39.5 for 1.5 and 0.5: 60 unit-days over 30 days.
  CHECK(r.get("retailer", "backorders_mean") == Approx(2.0));
  CHECK(r.get("system", "backorders_mean") == Approx(2.0));
}

TEST_CASE("backordered customers' fill rate, waits and lead times match the hand-worked run",
          "[model][worked]") {
  // backordering_chain (see tests/output/timeseries_csv_test.cpp for its days): the customers of
  // 1.5 and 2.5 get 2 and 1 units at once (3 of the 10 asked from stock); 2.5 gets its last unit
  // at 4.25 and 3.5 at 5.25; 4.5 and 5.5 are still waiting at 6.
  const auto r = run_replication(backordering_chain(), 1, 0);
  CHECK(r.get("retailer", "fill_rate") == Approx(0.3));
  CHECK(r.get("system", "fill_rate") == Approx(0.3));
  CHECK(r.get("system", "units_sold") == 7.0);
  CHECK(r.get("system", "lost_sales_rate") == 0.0);
  // Lead times 0, 1.75, 1.75.
  CHECK(r.get("system", "lead_time_mean") == Approx(3.5 / 3.0));
  CHECK(r.get("system", "lead_time_p05") == 0.0);
  CHECK(r.get("system", "lead_time_p50") == Approx(1.75));
  // Owed to consumers: 1 on [2.5, 3.5), 3 on [3.5, 4.25), 1 on [4.25, 4.5), 3 on [4.5, 5.25),
  // 1 on [5.25, 5.5), 3 on [5.5, 6): 7.5 unit-days over 6 days.
  CHECK(r.get("retailer", "backorders_mean") == Approx(1.25));
}

// unsold_units and unsold_value are one population: the units salvaged in the window, valued at
// the chain's cost (docs/model.md, Accounting); main counted value at each salvage and units at
// the horizon only, and disagreed here (0 units worth 118).
TEST_CASE("unsold units and unsold value count the same stock", "[model][worked]") {
  // two_node_chain whose season ends at 5, a day before the horizon: the season end clears the
  // factory's 7 units and the retailer's 3, and the unit arriving at 5 is cleared on arrival
  // (no review orders more): 11 units at 5, at the chain's cost of 10; nothing is left at the
  // horizon (kept at cost, not salvaged).
  ChainSpec spec = two_node_chain();
  spec.horizon_days = 6.0;
  spec.markets[0].arrivals_per_day = half_then_one(5.0);
  spec.products[0].season_end_day = 5.0;
  const auto r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "salvage_revenue") == Approx(55.0));  // 11 x 5
  CHECK(r.get("system", "unsold_units") == 11.0);
  CHECK(r.get("system", "unsold_value") == Approx(110.0));
}

// Shortage costs (docs/model.md, "Metrics"): backorder_cost_per_unit_day x the unit-days a stock
// owed consumers in the window, lost_sale_cost_per_unit x the window's customers' units it lost.
TEST_CASE("shortage costs charge the window's unit-days owed and units lost, and add up",
          "[model][worked]") {
  ChainSpec spec = impatient_customers();
  spec.nodes[kFactory].holding_cost_per_unit_day = 0.01;
  spec.nodes[kRetailer].stock->backorder_cost_per_unit_day = 0.5;
  spec.nodes[kRetailer].stock->lost_sale_cost_per_unit = 4.0;
  const auto r = run_replication(spec, 1, 0);
  // 60 unit-days owed from 10 to 40 (the 2 owed in the warm-up are not charged) and 28 units of
  // the window's customers lost (not those of 8.5 and 9.5, lost at 10.5 and 11.5: they arrived
  // in the warm-up); the factory holds its 100 units for the 30 measured days.
  CHECK(r.get("retailer", "backorder_cost") == Approx(60.0 * 0.5));
  CHECK(r.get("retailer", "lost_sales_cost") == Approx(28.0 * 4.0));
  CHECK(r.get("retailer", "total_cost") == Approx(30.0 + 112.0));
  CHECK(r.get("factory", "backorder_cost") == 0.0);
  CHECK(r.get("factory", "lost_sales_cost") == 0.0);
  CHECK(r.get("factory", "holding_cost") == Approx(100.0 * 30.0 * 0.01));
  CHECK(r.get("factory", "total_cost") == Approx(30.0));
  CHECK(r.get("system", "backorder_cost") == Approx(30.0));
  CHECK(r.get("system", "lost_sales_cost") == Approx(112.0));
  CHECK(r.get("system", "total_cost") ==
        Approx(r.get("factory", "total_cost") + r.get("retailer", "total_cost")));
  // Costs, not cash: profit is what it was without them.
  const auto free = run_replication(impatient_customers(), 1, 0);
  CHECK(r.get("retailer", "profit") == free.get("retailer", "profit"));
  CHECK(r.get("system", "profit") ==
        Approx(free.get("system", "profit") - r.get("factory", "holding_cost")));
  CHECK(free.get("system", "total_cost") == 0.0);
}

TEST_CASE("a unit turned away for lack of stock is charged its lost-sale cost at the stock",
          "[model][worked]") {
  // backordering_chain with lost sales: the customer of 1.5 takes 2 of the 3 units; 2.5 gets 1
  // of 2; 3.5 finds none (the order of day 2 arrives at 4.25); 4.5 gets the 2 that came; 5.5
  // gets the 1 of 5.25 of 2. Lost: 1 + 2 + 1 units of the 10 asked.
  ChainSpec spec = backordering_chain();
  spec.nodes[kRetailer].stock->shortage = ShortageMode::kLostSales;
  spec.nodes[kRetailer].stock->lost_sale_cost_per_unit = 3.0;
  spec.nodes[kRetailer].stock->backorder_cost_per_unit_day = 100.0;  // nothing waits
  const auto r = run_replication(spec, 1, 0);
  REQUIRE(r.get("system", "lost_sales_rate") == Approx(0.4));
  CHECK(r.get("retailer", "lost_sales_cost") == Approx(4.0 * 3.0));
  CHECK(r.get("retailer", "backorder_cost") == 0.0);
  CHECK(r.get("system", "lost_sales_cost") == Approx(12.0));
}

TEST_CASE("backorder cost is the unit-days owed to consumers, from the warm-up's end",
          "[model][worked]") {
  // backordering_chain owes consumers 7.5 unit-days over [0, 6], 0.5 of them (1 unit on
  // [2.5, 3)) before a warm-up of 3 days.
  ChainSpec spec = backordering_chain();
  spec.nodes[kRetailer].stock->backorder_cost_per_unit_day = 2.0;
  CHECK(run_replication(spec, 1, 0).get("retailer", "backorder_cost") == Approx(7.5 * 2.0));
  spec.warmup_days = 3.0;
  const auto r = run_replication(spec, 1, 0);
  CHECK(r.get("retailer", "backorder_cost") == Approx(7.0 * 2.0));
  CHECK(r.get("system", "backorder_cost") == Approx(14.0));
  CHECK(r.get("system", "total_cost") ==
        Approx(r.get("factory", "total_cost") + r.get("retailer", "total_cost")));
}

TEST_CASE("a platform's customers waiting for a factory's stock are charged at the factory",
          "[model][worked]") {
  // consumers -> platform (no stock: it forwards every order) -> factory with 1 unit that never
  // makes more and ships direct. Customers at 1.5, 2.5, 3.5, 4.5 with a day's patience: 1.5 is
  // served; 2.5 and 3.5 wait a day at the factory and are lost; 4.5 waits to the horizon at 5.
  ChainSpec c;
  c.horizon_days = 5.0;
  c.products = {product(10.0)};
  c.markets = {impatient_market(5.0, 1.0)};
  NodeSpec f = stocked_factory("factory", 1.0);
  f.stock->policy = SsPolicy{1.0, -1e9, 0.0};  // never makes more, backorders or not
  f.stock->variants_given = true;
  f.stock->backorder_cost_per_unit_day = 2.0;
  f.stock->lost_sale_cost_per_unit = 3.0;
  NodeSpec platform;
  platform.id = "platform";
  platform.kind = NodeKind::kPlatform;
  c.nodes = {f, platform};
  c.lanes = {lane(0, 1, 1.0), lane(1, 0, 0.0, true)};
  const auto r = run_replication(c, 1, 0);
  REQUIRE(r.get("system", "units_sold") == 1.0);
  CHECK(r.get("factory", "backorder_cost") == Approx((1.0 + 1.0 + 0.5) * 2.0));
  CHECK(r.get("factory", "lost_sales_cost") == Approx(2.0 * 3.0));
  CHECK(r.get("platform", "backorder_cost") == 0.0);
  CHECK(r.get("platform", "lost_sales_cost") == 0.0);
  CHECK(r.get("system", "backorder_cost") == Approx(5.0));
  CHECK(r.get("system", "lost_sales_cost") == Approx(6.0));
}
