// MarketArrivals alone: when customers come under each arrival process, how a price response
// scales the rate, and what each customer draws.

#include "sim/model/market_arrivals.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::Calendar;
using c2msim::model::EventKind;
using c2msim::model::MarketArrivals;

namespace {

// A factory selling at 10 x 1.25 = 12.5 straight to one market.
ChainSpec one_market(ArrivalProcess process, double per_day, double days) {
  ChainSpec c;
  c.horizon_days = days;
  c.products = {product(10.0, 2)};
  c.markets = {market(per_day, days, process)};
  NodeSpec f = factory_node("factory", FactoryMode::kMakeToOrder, 0.1);
  f.markup = 0.25;
  c.nodes = {f};
  c.lanes = {lane(0, 0, 0.0, true)};
  return c;
}

// Every customer arrival until the horizon, as a replication would schedule them.
std::vector<double> arrivals(const ChainSpec& spec) {
  const ArmPlan plan(spec);
  Calendar calendar;
  MarketArrivals markets(plan, 3, 0, calendar);
  markets.start();
  std::vector<double> times;
  calendar.run_until(spec.horizon_days, [&](const Calendar::Event& e) {
    if (e.payload.kind == EventKind::kDailyArrivals) {
      markets.draw_day(e.payload.target);
    } else {
      REQUIRE(e.payload.kind == EventKind::kCustomerArrival);
      times.push_back(e.time);
      if (!e.payload.drawn_with_day) markets.schedule_next(e.payload.target);
    }
  });
  return times;
}

}  // namespace

TEST_CASE("deterministic customers come each time the cumulative rate passes a whole number",
          "[model][arrivals]") {
  ChainSpec spec = one_market(ArrivalProcess::kDeterministic, 0.5, 7.0);
  spec.markets[0].arrivals_per_day = {0.5, 0.5, 2.0, 0.0, 1.0, 0.5, 0.5};
  // Cumulative rate 0.5, 1 (at 2), 3 (at 3: customers at 2.5 and 3), 3, 4 (at 5), 4.5, 5 (at 7).
  CHECK(arrivals(spec) == std::vector<double>{2.0, 2.5, 3.0, 5.0, 7.0});
}

TEST_CASE("deterministic customers keep to their days however long the horizon",
          "[model][arrivals]") {
  // 10 a day, each 0.1 of a day: a tenth is not exact in binary, so adding it up arrival by
  // arrival drifts and some days get 9 customers or 11. Each day has exactly 10, its last at the
  // day's end.
  const double days = 1000.0;
  const std::vector<double> times = arrivals(one_market(ArrivalProcess::kDeterministic, 10, days));
  REQUIRE(times.size() == 10000);
  for (std::size_t k = 0; k < times.size(); ++k) {
    const double day = std::floor(static_cast<double>(k) / 10.0);
    INFO("customer " << k << " at " << times[k]);
    REQUIRE(times[k] > day);
    REQUIRE(times[k] <= day + 1.0);
    if (k % 10 == 9) REQUIRE(times[k] == day + 1.0);
  }
}

TEST_CASE("a price response scales the rate of deterministic customers", "[model][arrivals]") {
  ChainSpec spec = one_market(ArrivalProcess::kDeterministic, 1.0, 3.0);
  // Price 12.5 against a reference of 25 with elasticity 1: (1/2)^-1 = twice the rate.
  spec.markets[0].reference_price = 25.0;
  spec.markets[0].price_elasticity = 1.0;
  CHECK(ArmPlan(spec).market_rate_factor(0) == Approx(2.0));
  CHECK(arrivals(spec) == std::vector<double>{0.5, 1.0, 1.5, 2.0, 2.5, 3.0});
}

TEST_CASE("over-dispersed customers come within their day, at the price-scaled rate",
          "[model][arrivals]") {
  ChainSpec spec = one_market(ArrivalProcess::kNegativeBinomial, 50.0, 20.0);
  spec.markets[0].dispersion = 1e6;  // nearly Poisson: 20 days x 50 a day, sd about 32
  const std::vector<double> base = arrivals(spec);
  CHECK(std::fabs(static_cast<double>(base.size()) - 1000.0) < 5 * 32.0);
  CHECK(std::is_sorted(base.begin(), base.end()));
  CHECK(base.front() >= 0.0);
  CHECK(base.back() < 20.0);
  spec.markets[0].reference_price = 25.0;
  spec.markets[0].price_elasticity = 1.0;
  const std::vector<double> doubled = arrivals(spec);
  CHECK(std::fabs(static_cast<double>(doubled.size()) - 2000.0) < 5 * 45.0);
}

TEST_CASE(
    "a customer's quantity is rounded to a whole number of at least 1, its patience is "
    "never negative",
    "[model][arrivals]") {
  ChainSpec spec = one_market(ArrivalProcess::kDeterministic, 1.0, 3.0);
  spec.markets[0].quantity = c2msim::random::Constant{2.6};
  spec.markets[0].patience_days = c2msim::random::Constant{-1.0};
  const ArmPlan plan(spec);
  Calendar calendar;
  MarketArrivals markets(plan, 3, 0, calendar);
  CHECK(markets.quantity(0, 0) == 3.0);
  CHECK(markets.patience_days(0, 0) == 0.0);
  CHECK(markets.variant(0, 0) < 2);
  ChainSpec small = spec;
  small.markets[0].quantity = c2msim::random::Constant{0.2};
  small.markets[0].patience_days.reset();
  const ArmPlan small_plan(small);
  MarketArrivals small_markets(small_plan, 3, 0, calendar);
  CHECK(small_markets.quantity(0, 0) == 1.0);
  CHECK(std::isinf(small_markets.patience_days(0, 0)));
}

TEST_CASE(
    "the k-th customer of a market is the same person whichever attributes the arm draws and "
    "in whatever order",
    "[model][arrivals]") {
  // Two arms of one market: the second also gives customers a patience drawn by rejection (a
  // gamma takes a varying number of words). Each customer's variant, quantity and uniforms must
  // not move, and drawing customer 7's attributes first must give what drawing them in order
  // gives: attributes are keyed by (market, k), not by their place in one stream.
  ChainSpec spec = one_market(ArrivalProcess::kPoisson, 5.0, 10.0);
  spec.products = {product(10.0, 6)};
  spec.markets[0].variant_weights = {6, 5, 4, 3, 2, 1};
  spec.markets[0].quantity = c2msim::random::Gamma::from_mean_sd(3.0, 2.0);
  ChainSpec patient = spec;
  patient.markets[0].patience_days = c2msim::random::Gamma::from_mean_sd(2.0, 1.5);
  const ArmPlan plan(spec), patient_plan(patient);
  Calendar calendar;
  MarketArrivals a(plan, 11, 4, calendar), b(patient_plan, 11, 4, calendar);
  const double out_of_order = b.substitution_draw(0, 7) + b.quantity(0, 7);
  std::vector<double> variants;
  for (std::uint64_t k = 0; k < 200; ++k) {
    CHECK(b.patience_days(0, k) >= 0.0);
    CHECK(a.variant(0, k) == b.variant(0, k));
    CHECK(a.quantity(0, k) == b.quantity(0, k));
    CHECK(a.substitution_draw(0, k) == b.substitution_draw(0, k));
    CHECK(a.customisation_draw(0, k) == b.customisation_draw(0, k));
    CHECK(std::isinf(a.patience_days(0, k)));
    variants.push_back(a.variant(0, k));
  }
  CHECK(out_of_order == a.substitution_draw(0, 7) + a.quantity(0, 7));
  // Another replication is other people; the attributes are not all alike.
  MarketArrivals other(plan, 11, 5, calendar);
  int same = 0;
  for (std::uint64_t k = 0; k < 200; ++k) same += other.variant(0, k) == a.variant(0, k);
  CHECK(same < 120);
  CHECK(std::count(variants.begin(), variants.end(), variants.front()) < 200);
  // The substitution, customisation and channel draws of one customer are distinct streams.
  CHECK(a.substitution_draw(0, 3) != a.customisation_draw(0, 3));
}

TEST_CASE("numbers a market's customers in the order they arrive", "[model][arrivals]") {
  const ChainSpec spec = one_market(ArrivalProcess::kPoisson, 5.0, 10.0);
  const ArmPlan plan(spec);
  Calendar calendar;
  MarketArrivals markets(plan, 3, 0, calendar);
  CHECK(markets.next_customer(0) == 0);
  CHECK(markets.next_customer(0) == 1);
  CHECK(markets.next_customer(0) == 2);
}
