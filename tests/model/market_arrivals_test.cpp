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
  const auto c = markets.draw_customer(0);
  CHECK(c.quantity == 3.0);
  CHECK(c.patience_days == 0.0);
  CHECK(c.variant < 2);
  ChainSpec small = spec;
  small.markets[0].quantity = c2msim::random::Constant{0.2};
  small.markets[0].patience_days.reset();
  const ArmPlan small_plan(small);
  MarketArrivals small_markets(small_plan, 3, 0, calendar);
  const auto d = small_markets.draw_customer(0);
  CHECK(d.quantity == 1.0);
  CHECK(std::isinf(d.patience_days));
}
