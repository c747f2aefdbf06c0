#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/model/replication.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::run_replication;

namespace {

// A retailer supplied by a warehouse that never runs out, with constant lead time.
ChainSpec single_stage(ReplenishmentPolicy policy, double initial, double lead_time_days,
                       double per_day, double days, ArrivalProcess process) {
  ChainSpec c;
  c.horizon_days = days;
  c.products = {product(10.0)};
  c.markets = {market(per_day, days, process)};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToStock, 1e-6);
  StockSpec fs;
  fs.policy = BaseStockPolicy{1.0, 1e7};
  fs.initial_on_hand = 1e7;
  f.stock = fs;
  c.nodes = {f, stock_node("retailer", NodeKind::kRetailer, 0.5, policy, initial)};
  c.lanes = {lane(0, 1, lead_time_days), lane(1, 0, 0.0, true)};
  return c;
}

std::vector<double> on_hand_path(const ChainSpec& spec, Index node) {
  std::vector<double> path;
  run_replication(spec, 1, 0, [&](const DailySnapshot& s) {
    if (s.node == node) path.push_back(s.on_hand);
  });
  return path;
}

// One customer a day at a make-to-order factory, the two variants equally likely: a job takes
// 0.1 days, plus a 0.3-day changeover when it follows the other variant; delivery is immediate.
ChainSpec alternating_variants_chain() {
  ChainSpec spec = c2m_chain(1.0, 400.0, ArrivalProcess::kDeterministic);
  spec.products[0].variants = 2;
  spec.markets[0].variant_weights = {1.0, 1.0};
  spec.nodes[0].factory->unit_production_days = 0.1;
  spec.nodes[0].factory->changeover_days = 0.3;
  spec.lanes[0].lead_time_days = c2msim::random::Constant{0.0};
  return spec;
}

}  // namespace

TEST_CASE("(s,S) under a demand of one a day follows the hand-computed inventory path", "[model]") {
  // s = 2, S = 5, daily review, zero lead time: the day-end stock runs 4, 3, 2, then the review
  // at the end of the day that left 2 orders 3, which arrive at once: 4, 3, 2, ...
  const ChainSpec spec =
      single_stage(SsPolicy{1.0, 2.0, 5.0}, 5.0, 0.0, 1.0, 30.0, ArrivalProcess::kDeterministic);
  const std::vector<double> path = on_hand_path(spec, 1);
  REQUIRE(path.size() == 30);
  for (std::size_t d = 0; d < path.size(); ++d) {
    INFO("day " << d + 1);
    CHECK(path[d] == 4.0 - static_cast<double>(d % 3));
  }
  // On hand is 5, 4, 3 for a day each: a time average of 4 units at the retailer's cost of 10.
  const auto result = run_replication(spec, 1, 0);
  CHECK(result.get("retailer", "average_inventory_value") == Approx(4.0 * 10.0));
  CHECK(result.get("retailer", "fill_rate") == 1.0);
}

TEST_CASE("(s,S) with a lead time keeps ordering while the position is at or below s", "[model]") {
  // S = 6, s = 3, lead time 2 days: at day 3 the position is 3 -> order 3 (arrives day 5).
  const ChainSpec spec =
      single_stage(SsPolicy{1.0, 3.0, 6.0}, 6.0, 2.0, 1.0, 12.0, ArrivalProcess::kDeterministic);
  const std::vector<double> path = on_hand_path(spec, 1);
  const std::vector<double> expected{5, 4, 3, 2, 4, 3, 2, 4, 3, 2, 4, 3};
  CHECK(path == expected);
}

TEST_CASE("a backordering retailer without stock serves customers late, in arrival order",
          "[model]") {
  // Base stock 0: every customer is backordered and served by the order placed at the next review.
  const ChainSpec spec =
      single_stage(BaseStockPolicy{1.0, 0.0}, 0.0, 1.0, 1.0, 40.0, ArrivalProcess::kDeterministic);
  const auto r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "fill_rate") == 0.0);
  CHECK(r.get("system", "lost_sales_rate") == 0.0);
  // Arrives at day d, ordered at the day-end review at d, received at d + 1 and shipped at once.
  CHECK(r.get("system", "lead_time_mean") == Approx(1.0));
  CHECK(r.get("system", "lead_time_p95") == Approx(1.0));
}

TEST_CASE("a customer whose patience runs out while backordered is lost", "[model]") {
  // The retailer has no stock and never reorders (s far below any position): every customer waits
  // two days and leaves.
  ChainSpec spec =
      single_stage(SsPolicy{1.0, -1e9, 0.0}, 0.0, 1.0, 1.0, 40.0, ArrivalProcess::kDeterministic);
  spec.markets[0].patience_days = c2msim::random::Constant{2.0};
  const auto r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "customers") == 40.0);
  // The customers of days 39 and 40 are still waiting at the horizon: neither served nor lost.
  CHECK(r.get("system", "lost_sales_rate") == Approx(38.0 / 40.0));
  CHECK(r.get("system", "units_sold") == 0.0);
  // Customer k (arriving at day k) is owed one unit for min(2, 40 - k) days: 77 unit-days.
  CHECK(r.get("retailer", "backorders_mean") == Approx(77.0 / 40.0));
}

TEST_CASE("a make-to-order quote beyond the customer's patience loses the sale", "[model]") {
  ChainSpec spec = c2m_chain(1.0, 60.0, ArrivalProcess::kDeterministic);
  spec.nodes[0].factory->unit_production_days = 0.5;
  spec.lanes[0].lead_time_days = c2msim::random::Constant{0.0};
  spec.markets[0].patience_days = c2msim::random::Constant{0.6};
  auto r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "lost_sales_rate") == 0.0);
  CHECK(r.get("system", "lead_time_mean") == Approx(0.5));
  spec.markets[0].patience_days = c2msim::random::Constant{0.4};
  r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "lost_sales_rate") == 1.0);
  CHECK(r.get("factory", "utilisation") == 0.0);
}

TEST_CASE("a changeover adds its time when the next job is another variant", "[model]") {
  ChainSpec spec = alternating_variants_chain();
  const auto r = run_replication(spec, 7, 0);
  // Each job takes 0.1 days, plus 0.3 when the variant differs from the previous job's, which
  // happens with probability 1/2 for independent equally likely variants.
  const double n = r.get("system", "customers");
  const double mean = r.get("system", "lead_time_mean");
  CHECK(r.get("system", "lead_time_p95") == Approx(0.4));
  CHECK(std::fabs(mean - 0.25) < 5.0 * 0.15 / std::sqrt(n));
  const double busy_per_day = r.get("factory", "utilisation");
  CHECK(busy_per_day == Approx(mean).epsilon(0.02));
}

TEST_CASE("lead-time quantiles trace the distribution of the customers' waits", "[model]") {
  // As above: half the jobs take 0.1 days, the other half 0.4 (with a changeover); no queue.
  ChainSpec spec = alternating_variants_chain();
  const auto r = run_replication(spec, 7, 0);
  // About half of 400 waits at each value: the lower quartile is 0.1 and the upper 0.4, with
  // each share many standard errors (0.025) away from 1/4 and 3/4.
  CHECK(r.get("system", "lead_time_p05") == Approx(0.1));
  CHECK(r.get("system", "lead_time_p25") == Approx(0.1));
  CHECK(r.get("system", "lead_time_p75") == Approx(0.4));
  CHECK(r.get("system", "lead_time_p99") == Approx(0.4));
}

TEST_CASE("markups compound along the chain", "[model]") {
  const auto r = run_replication(traditional_chain(5.0, 60.0, ArrivalProcess::kPoisson), 1, 0);
  CHECK(r.get("system", "list_markup") == Approx(1.1 * 1.2 * 1.25 * 1.5));
  // The waterfall: what each tier adds, in multiples of the factory unit cost, sums to the markup.
  double sum = 1.0;
  for (const char* node : {"factory", "brand_dc", "distributor", "retailer"}) {
    sum += r.get(node, "markup_step");
  }
  CHECK(sum == Approx(r.get("system", "list_markup")));
  CHECK(r.get("factory", "markup_step") == Approx(0.1));
  CHECK(r.get("retailer", "markup_step") == Approx(1.1 * 1.2 * 1.25 * 0.5));
  // C2M: factory price x (1 + commission).
  const auto c = run_replication(c2m_chain(5.0, 60.0, ArrivalProcess::kPoisson), 1, 0);
  CHECK(c.get("system", "list_markup") == Approx(1.1 * 1.08));
}

TEST_CASE("a customer whose variant is not stocked substitutes at the given rate", "[model]") {
  ChainSpec spec =
      single_stage(BaseStockPolicy{1.0, 1e6}, 1e6, 0.0, 50.0, 365.0, ArrivalProcess::kPoisson);
  spec.products[0].variants = 2;
  spec.markets[0].variant_weights = {1.0, 1.0};
  spec.nodes[1].stock->stocked_variants = 1;
  spec.nodes[1].stock->substitution_probability = 0.3;
  const auto r = run_replication(spec, 3, 0);
  const double n = r.get("system", "customers");
  // Half want the unstocked variant; 30% of those take the stocked one, the rest are lost.
  const double lost = r.get("system", "lost_sales_rate");
  CHECK(std::fabs(lost - 0.35) < 5.0 * std::sqrt(0.35 * 0.65 / n));
  const double match = r.get("system", "match_rate");
  const double expected_match = 0.5 / 0.65;
  CHECK(std::fabs(match - expected_match) <
        5.0 * std::sqrt(expected_match * (1 - expected_match) / (0.65 * n)));
}

TEST_CASE("arms of a comparison see the same customers", "[model]") {
  for (std::uint64_t rep : {0u, 1u, 2u}) {
    const auto t =
        run_replication(traditional_chain(10.0, 120.0, ArrivalProcess::kPoisson), 42, rep);
    const auto c = run_replication(c2m_chain(10.0, 120.0, ArrivalProcess::kPoisson), 42, rep);
    CHECK(t.get("system", "customers") == c.get("system", "customers"));
    CHECK(t.get("system", "units_demanded") == c.get("system", "units_demanded"));
  }
}

TEST_CASE("a price response changes how many customers come", "[model]") {
  ChainSpec spec = c2m_chain(20.0, 200.0, ArrivalProcess::kPoisson);
  const double base = run_replication(spec, 5, 0).get("system", "customers");
  spec.markets[0].reference_price = 100.0 * 1.1 * 1.08 * 1.5;  // C2M is a third cheaper
  spec.markets[0].price_elasticity = 1.5;
  const double more = run_replication(spec, 5, 0).get("system", "customers");
  const double factor = std::pow(1.0 / 1.5, -1.5);
  CHECK(more / base == Approx(factor).epsilon(0.05));
}

TEST_CASE("the same seed gives the same results, another replication different ones", "[model]") {
  const ChainSpec spec = traditional_chain(10.0, 100.0, ArrivalProcess::kPoisson);
  const auto a = run_replication(spec, 9, 3);
  const auto b = run_replication(spec, 9, 3);
  REQUIRE(a.metrics.size() == b.metrics.size());
  for (std::size_t i = 0; i < a.metrics.size(); ++i) {
    const double x = a.metrics[i].value, y = b.metrics[i].value;
    CHECK(((std::isnan(x) && std::isnan(y)) || x == y));
  }
  CHECK(a.events_processed == b.events_processed);
  const auto c = run_replication(spec, 9, 4);
  CHECK(c.get("system", "customers") != a.get("system", "customers"));
}

TEST_CASE("lost-sales retailers lose what they cannot serve from stock", "[model]") {
  ChainSpec spec =
      single_stage(BaseStockPolicy{1.0, 0.0}, 3.0, 1.0, 1.0, 30.0, ArrivalProcess::kDeterministic);
  spec.nodes[1].stock->shortage = ShortageMode::kLostSales;
  const auto r = run_replication(spec, 1, 0);
  // Three units of opening stock serve the first three customers; base stock 0 never reorders.
  CHECK(r.get("system", "units_sold") == 3.0);
  CHECK(r.get("system", "lost_sales_rate") == Approx(27.0 / 30.0));
}

TEST_CASE("stock left at the season end is salvaged and sales stop", "[model]") {
  ChainSpec spec = single_stage(BaseStockPolicy{1.0, 10.0}, 10.0, 1.0, 1.0, 30.0,
                                ArrivalProcess::kDeterministic);
  spec.products[0].season_end_day = 10.0;
  spec.products[0].salvage_fraction = 0.25;
  spec.nodes[0].stock->initial_on_hand = 100.0;
  spec.nodes[0].stock->policy = BaseStockPolicy{1.0, 0.0};
  const auto r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "units_sold") == 9.0);  // customers at days 1..9
  // Left at day 10: 91 at the factory, 10 at the retailer (9 sold and replaced; the one sold at
  // day 9 was reordered and is still in transit, salvaged when it arrives).
  CHECK(r.get("system", "salvage_revenue") == Approx((91.0 + 10.0) * 10.0 * 0.25));
}

TEST_CASE("customers who come after the season end are no demand", "[model]") {
  // As above: one customer a day, the season over at day 10 of 30. The customers of days 10 to 29
  // find the product gone; they are neither demand nor lost sales.
  ChainSpec spec = single_stage(BaseStockPolicy{1.0, 10.0}, 10.0, 1.0, 1.0, 30.0,
                                ArrivalProcess::kDeterministic);
  spec.products[0].season_end_day = 10.0;
  spec.nodes[0].stock->initial_on_hand = 100.0;
  spec.nodes[0].stock->policy = BaseStockPolicy{1.0, 0.0};
  const auto r = run_replication(spec, 1, 0);
  CHECK(r.get("system", "units_demanded") == 9.0);
  CHECK(r.get("system", "units_sold") == 9.0);
  CHECK(r.get("system", "lost_sales_rate") == 0.0);
}

TEST_CASE(
    "customers' arrivals, a platform's immediate forwards and the lines' completions take "
    "no trip through the heap",
    "[model]") {
  // Each market's arrivals are one recurring timer, each factory line's completions another, and
  // an event due at once skips the heap, so on a stocked chain the heap carries the tiers'
  // shipments and the days' ends, not the customers, and on a make-to-order chain little at all.
  const auto traditional =
      run_replication(traditional_chain(20.0, 100.0, ArrivalProcess::kPoisson), 5, 0);
  REQUIRE(traditional.customers > 1500);
  CHECK(traditional.calendar_operations < traditional.customers / 2);
  // C2M: arrival, forward (no information delay) and the job's completion of every customer
  // are no heap operation: the heap holds the days' ends (one a day).
  const auto c2m = run_replication(c2m_chain(20.0, 100.0, ArrivalProcess::kPoisson), 5, 0);
  REQUIRE(c2m.customers > 1500);
  REQUIRE(c2m.get("system", "units_sold") > 1500);  // each made to order
  CHECK(c2m.events_processed - c2m.calendar_operations >= 3 * c2m.customers);
  CHECK(c2m.calendar_operations < c2m.customers / 10);
  // The counts are the run's: the customers are those of the chain's metrics.
  CHECK(static_cast<double>(c2m.customers) == c2m.get("system", "customers"));
}
