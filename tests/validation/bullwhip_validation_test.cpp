// Validation: the bullwhip effect. A single stage against Chen, Drezner, Ryan and Simchi-Levi
// (2000) for several (p, L); the four-tier beer game forecasting on orders against forecasting on
// shared point-of-sale data. Assumptions and mapping: scenarios/bullwhip-moving-average.yaml and
// scenarios/beer-game.yaml.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "validation/theory.hpp"
#include "validation/validation_support.hpp"

namespace th = c2msim::validation::theory;
namespace v = c2msim::validation;
using c2msim::model::ForecastPolicy;

TEST_CASE("bullwhip of a moving-average order-up-to policy matches Chen et al. (2000)",
          "[validation]") {
  const auto s = v::load("bullwhip-moving-average.yaml");
  for (const std::string arm : {"traditional", "c2m", "p10-L3", "p2-L2"}) {
    const auto chain = v::chain(s, arm);
    const auto& shop = v::node(chain, "shop");
    const auto* fp = std::get_if<ForecastPolicy>(&shop.stock->policy);
    REQUIRE(fp != nullptr);
    REQUIRE(fp->method == c2msim::model::ForecastMethod::kMovingAverage);
    REQUIRE(fp->safety_factor == 0.0);
    const auto& lane = v::supplier_lane(chain, "shop");
    const double R = fp->review_period_days;
    // Chen et al.'s period is the review period; the level covers lead time + review period.
    const double p = fp->window_days / R;
    const double L =
        (c2msim::random::mean(lane.lead_time_days) + lane.information_delay_days + R) / R;
    const double theory = th::chen_bullwhip(L, p);
    // The metric is a ratio of two sample variances over n days. To first order its bias is
    // ratio x (CV^2(var^D) - cov(var^q, var^D) / (var q var D)) with CV the coefficient of
    // variation of a sample variance: 2/(n-1) for i.i.d. near-normal daily demand, at most
    // 3/(n-1) for the orders (a two-tap filter of it: autocorrelation at most 1/2 in size). So
    // |bias| <= ratio (2 + sqrt(6)) / (n - 1).
    const double days = chain.horizon_days - chain.warmup_days;
    const double bias = theory * (2.0 + std::sqrt(6.0)) / (days - 1.0);
    const auto runs = v::run(s, {{arm, chain}})[0];
    v::compare(fmt::format("bullwhip, moving average p = {}, L = {}", p, L),
               "Var(orders) / Var(demand)", theory, v::values(runs, "shop", "bullwhip"), bias);
  }
}

TEST_CASE("beer game: bullwhip grows upstream on orders and is damped by shared POS data",
          "[validation]") {
  const auto s = v::load("beer-game.yaml");
  const std::vector<std::string> tiers{"retailer", "wholesaler", "distributor", "factory"};
  const auto runs = v::run(s, {{"traditional", v::chain(s, "traditional")},
                               {"c2m", v::chain(s, "c2m")}});
  // Cumulative bullwhip of each tier: the variance of its daily orders over that of consumer
  // demand, the product of the per-tier ratios downstream of it and its own.
  auto cumulative = [&](std::size_t arm, std::size_t tier) {
    return v::values(runs[arm], [&](const c2msim::model::ReplicationResult& r) {
      double product = 1.0;
      for (std::size_t t = 0; t <= tier; ++t) product *= r.get(tiers[t], "bullwhip");
      return product;
    });
  };
  std::vector<c2msim::montecarlo::Summary> orders, pos;
  for (std::size_t t = 0; t < tiers.size(); ++t) {
    orders.push_back(c2msim::montecarlo::summarise(cumulative(0, t)));
    pos.push_back(c2msim::montecarlo::summarise(cumulative(1, t)));
    for (const auto* arm : {&orders, &pos}) {
      const auto& m = arm->back();
      v::append_row(fmt::format("beer game, {}\t{}: Var(orders) / Var(consumer demand)\t-\t{:.6g}\t{:.6g}\t{:.6g}\t-\t-\t{}\t-",
                                arm == &orders ? "forecast on orders" : "forecast on POS",
                                tiers[t], m.mean, m.ci95_low, m.ci95_high, m.n));
    }
  }
  // The factory's orders are the chain's production orders: the system metric says the same.
  const auto system = c2msim::montecarlo::summarise(v::values(runs[0], "system", "bullwhip"));
  CHECK(system.mean == Approx(orders.back().mean).epsilon(1e-9));
  for (std::size_t t = 0; t + 1 < tiers.size(); ++t) {
    INFO("orders: " << tiers[t] << " " << orders[t].mean << " [" << orders[t].ci95_low << ", "
                    << orders[t].ci95_high << "] -> " << tiers[t + 1] << " " << orders[t + 1].mean
                    << " [" << orders[t + 1].ci95_low << ", " << orders[t + 1].ci95_high << "]");
    CHECK(orders[t + 1].ci95_low > orders[t].ci95_high);
  }
  for (std::size_t t = 1; t < tiers.size(); ++t) {
    INFO(tiers[t] << ": on POS " << pos[t].mean << " [" << pos[t].ci95_low << ", "
                  << pos[t].ci95_high << "], on orders " << orders[t].mean << " ["
                  << orders[t].ci95_low << ", " << orders[t].ci95_high << "]");
    CHECK(pos[t].ci95_high < orders[t].ci95_low);
  }
}
