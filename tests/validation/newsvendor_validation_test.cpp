// Validation: the newsvendor, one season, normal and Poisson demand: the optimal quantity and
// the expected profit. Assumptions and mapping: scenarios/newsvendor-*.yaml.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "sim/analytic/newsvendor.hpp"
#include "validation/validation_support.hpp"

namespace an = c2msim::analytic;
namespace v = c2msim::validation;
using c2msim::model::ChainSpec;

namespace {

// Price, cost and salvage value of the shop, from the chain built from the file.
an::NewsvendorPrices prices(const ChainSpec& chain) {
  const auto& shop = v::node(chain, "shop");
  const auto& supplier = v::node(chain, "supplier");
  REQUIRE(supplier.markup == 0.0);
  REQUIRE(shop.holding_cost_rate_per_year == 0.0);
  REQUIRE(shop.holding_cost_per_unit_day == 0.0);
  REQUIRE(chain.warmup_days == 0.0);
  REQUIRE(shop.stock->shortage == c2msim::model::ShortageMode::kLostSales);
  const auto& product = chain.products.at(0);
  const double cost = product.unit_cost;
  return {cost * (1.0 + shop.markup), cost, cost * product.salvage_fraction};
}

// The shop's season profit for opening stocks Q + delta, delta in `deltas`, one arm each, with
// common random numbers (every arm sees the same season's demand).
std::vector<std::vector<c2msim::model::ReplicationResult>> seasons(
    const c2msim::scenario::Scenario& s, const std::vector<double>& quantities) {
  std::vector<c2msim::montecarlo::ArmChain> arms;
  for (double q : quantities) {
    ChainSpec chain = v::chain(s, "traditional");
    v::node(chain, "shop").stock->initial_on_hand = q;
    arms.push_back({"Q=" + std::to_string(q), chain});
  }
  return v::run(s, arms);
}

std::vector<double> differences(const std::vector<c2msim::model::ReplicationResult>& a,
                                const std::vector<c2msim::model::ReplicationResult>& b) {
  std::vector<double> out;
  for (std::size_t i = 0; i < a.size(); ++i)
    out.push_back(a[i].get("shop", "profit") - b[i].get("shop", "profit"));
  return out;
}

}  // namespace

TEST_CASE("newsvendor, normal demand: optimal quantity and expected profit", "[validation]") {
  const auto s = v::load("newsvendor-normal.yaml");
  const ChainSpec chain = v::chain(s, "traditional");
  const an::NewsvendorPrices k = prices(chain);
  const auto* demand = std::get_if<c2msim::random::Normal>(&chain.markets[0].quantity);
  REQUIRE(demand != nullptr);
  REQUIRE(chain.markets[0].process == c2msim::model::ArrivalProcess::kDeterministic);
  const double mean = demand->mu, sd = demand->sigma;
  const double q_star = an::newsvendor_normal_quantity(k, mean, sd);
  const double q_file = v::node(chain, "shop").stock->initial_on_hand;
  // The file's opening stock is the optimal quantity, rounded to a whole unit.
  CHECK(q_file == std::round(q_star));

  // Demand is rounded to whole units: min(Q, D) moves by at most 1/2, the profit by (p - v)/2.
  const double bias = (k.price - k.salvage) / 2.0;
  const double delta = sd / 2.0;
  const auto runs = seasons(s, {q_file - delta, q_file, q_file + delta});
  const std::string name = fmt::format("newsvendor, normal({}, {}), Q* = {:.1f}", mean, sd, q_star);
  // The season's demand is max(1, round(N(mean, sd))): rounding moves it by at most 1/2.
  v::compare(name, "season demand (all arms)", mean, v::values(runs[1], "system", "units_demanded"),
             0.5);
  for (std::size_t i = 0; i < 3; ++i) {
    const double q = q_file + (static_cast<double>(i) - 1.0) * delta;
    v::compare(name, fmt::format("expected profit at Q = {}", q),
               an::newsvendor_normal_profit(k, mean, sd, q), v::values(runs[i], "shop", "profit"),
               bias);
  }
  // Q* is the best: its paired profit advantage over Q* -/+ sd/2 is what the formula says, and
  // positive. Each of the two profits moves by at most 1/2 unit of (p - v) under rounding.
  for (std::size_t i : {std::size_t{0}, std::size_t{2}}) {
    const double q = q_file + (static_cast<double>(i) - 1.0) * delta;
    const double gain = an::newsvendor_normal_profit(k, mean, sd, q_file) -
                        an::newsvendor_normal_profit(k, mean, sd, q);
    REQUIRE(gain > 0);
    const auto d = differences(runs[1], runs[i]);
    v::compare(name, fmt::format("profit(Q*) - profit({})", q), gain, d, 2.0 * bias);
    const auto summary = c2msim::montecarlo::summarise(d);
    CHECK(summary.ci95_low > 0.0);
  }
}

TEST_CASE("newsvendor, Poisson demand: optimal quantity and expected profit", "[validation]") {
  const auto s = v::load("newsvendor-poisson.yaml");
  const ChainSpec chain = v::chain(s, "traditional");
  const an::NewsvendorPrices k = prices(chain);
  REQUIRE(chain.markets[0].process == c2msim::model::ArrivalProcess::kPoisson);
  const auto* units = std::get_if<c2msim::random::Constant>(&chain.markets[0].quantity);
  REQUIRE((units != nullptr && units->value == 1.0));
  // The season's demand is Poisson with the rate integrated over the run.
  double mean = 0;
  for (double r : chain.markets[0].arrivals_per_day) mean += r;
  REQUIRE(static_cast<double>(chain.markets[0].arrivals_per_day.size()) == chain.horizon_days);
  const int q_star = an::newsvendor_poisson_quantity(k, mean);
  const double q_file = v::node(chain, "shop").stock->initial_on_hand;
  CHECK(q_file == q_star);

  const int delta = static_cast<int>(std::round(std::sqrt(mean)));  // one sd
  const auto runs = seasons(s, {static_cast<double>(q_star - delta), static_cast<double>(q_star),
                                static_cast<double>(q_star + delta)});
  const std::string name = fmt::format("newsvendor, Poisson({}), Q* = {}", mean, q_star);
  v::compare(name, "season demand (all arms)", mean,
             v::values(runs[1], "system", "units_demanded"));
  for (int i = 0; i < 3; ++i) {
    const int q = q_star + (i - 1) * delta;
    v::compare(name, fmt::format("expected profit at Q = {}", q),
               an::newsvendor_poisson_profit(k, mean, q),
               v::values(runs[static_cast<std::size_t>(i)], "shop", "profit"));
  }
  for (int i : {0, 2}) {
    const int q = q_star + (i - 1) * delta;
    const double gain =
        an::newsvendor_poisson_profit(k, mean, q_star) - an::newsvendor_poisson_profit(k, mean, q);
    REQUIRE(gain > 0);
    const auto d = differences(runs[1], runs[static_cast<std::size_t>(i)]);
    v::compare(name, fmt::format("profit(Q*) - profit({})", q), gain, d);
    CHECK(c2msim::montecarlo::summarise(d).ci95_low > 0.0);
  }
}
