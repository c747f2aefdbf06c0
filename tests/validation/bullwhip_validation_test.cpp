// Validation: the bullwhip effect. A single stage against Chen, Drezner, Ryan and Simchi-Levi
// (2000) for several (p, L); the four-tier beer game forecasting on orders against forecasting on
// shared point-of-sale data. Assumptions and mapping: scenarios/bullwhip-moving-average.yaml and
// scenarios/beer-game.yaml.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "sim/analytic/bullwhip.hpp"
#include "validation/validation_support.hpp"

namespace an = c2msim::analytic;
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
    const double theory = an::chen_bullwhip(L, p);
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
  const auto traditional = v::chain(s, "traditional");
  const auto c2m = v::chain(s, "c2m");
  const auto runs = v::run(s, {{"traditional", traditional}, {"c2m", c2m}});

  // Theory: with no safety stock every tier's orders are a linear filter of consumer demand
  // (sim/analytic/bullwhip.hpp, serial_chain_orders). Each tier's cover, in review periods, is read
  // from the chain: (its replenishment time + R) / R, the replenishment time being the supplier
  // lane's lead time plus information delay, or a factory's unit_production_days (the model's
  // convention for a factory's own lead time).
  auto covers_and_window = [&](const c2msim::model::ChainSpec& chain, bool pos) {
    std::vector<double> covers;
    std::size_t p = 0;
    for (const auto& id : tiers) {
      const auto& n = v::node(chain, id);
      const auto* fp = std::get_if<ForecastPolicy>(&n.stock->policy);
      REQUIRE(fp != nullptr);
      REQUIRE(fp->safety_factor == 0.0);
      REQUIRE(fp->review_period_days == 1.0);
      REQUIRE(fp->method == c2msim::model::ForecastMethod::kMovingAverage);
      // The retailer's orders are its consumers' demand, what the shared data carry: it forecasts
      // on them in both arms (no node below it shares, so `signal: pos` would be refused).
      REQUIRE((fp->signal == c2msim::model::DemandSignal::kPos) == (pos && id != "retailer"));
      if (p == 0) p = static_cast<std::size_t>(fp->window_days);
      REQUIRE(static_cast<std::size_t>(fp->window_days) == p);
      double replenishment = 0;
      if (n.kind == c2msim::model::NodeKind::kFactory) {
        replenishment = n.factory->unit_production_days;
      } else {
        const auto& lane = v::supplier_lane(chain, id);
        replenishment = c2msim::random::mean(lane.lead_time_days) + lane.information_delay_days;
      }
      covers.push_back((replenishment + fp->review_period_days) / fp->review_period_days);
    }
    return std::make_pair(covers, p);
  };

  // Daily consumer demand: `quantity` units x Poisson(lambda) customers.
  const auto* units = std::get_if<c2msim::random::Constant>(&traditional.markets[0].quantity);
  REQUIRE(units != nullptr);
  const double demand_variance = units->value * units->value * v::arrival_rate(traditional);
  const double days = traditional.horizon_days - traditional.warmup_days;

  // Cumulative bullwhip of each tier: the variance of its daily orders over that of consumer
  // demand, the product of the per-tier ratios downstream of it and its own (a tier's orders
  // are its supplier's demand, in the same daily bucket).
  auto cumulative = [&](std::size_t arm, std::size_t tier) {
    return v::values(runs[arm], [&](const c2msim::model::ReplicationResult& r) {
      double product = 1.0;
      for (std::size_t t = 0; t <= tier; ++t) product *= r.get(tiers[t], "bullwhip");
      return product;
    });
  };

  std::vector<c2msim::montecarlo::Summary> summaries[2];
  for (std::size_t arm = 0; arm < 2; ++arm) {
    const bool pos = arm == 1;
    const auto [covers, p] = covers_and_window(pos ? c2m : traditional, pos);
    const auto filters = an::serial_chain_orders(covers, p, pos);
    for (std::size_t t = 0; t < tiers.size(); ++t) {
      const double theory = an::variance_ratio(filters[t]);
      // Allowance 1, the ratio of two sample variances over n days (first-order bias):
      // ratio (CV^2(demand variance) + CV(order variance) CV(demand variance)), with the CV^2
      // of a sample variance 2 (1 + 2 sum_k rho_k^2) / (n - 1) (Bartlett), rho the
      // autocorrelations of the filter (none for demand).
      double rho2 = 0;
      for (std::size_t k = 1; k < filters[t].size(); ++k) {
        const double r = an::autocorrelation(filters[t], k);
        rho2 += r * r;
      }
      const double cv2_demand = 2.0 / (days - 1.0);
      const double cv2_orders = 2.0 * (1.0 + 2.0 * rho2) / (days - 1.0);
      double bias = theory * (cv2_demand + std::sqrt(cv2_orders * cv2_demand));
      // Allowance 2, whole units: orders are rounded up to whole units, which adds to a tier's
      // order the change of a rounding error e in [0, 1) (variance at most 1/12 if, as usual,
      // it is uniform and unrelated to demand). Tier j's error reaches tier t through the
      // filters of the tiers between them (on orders) or unchanged (on POS): twice the
      // resulting variance, over that of demand.
      double rounding = 0;
      for (std::size_t j = 0; j <= t; ++j) {
        an::Filter path{1.0, -1.0};  // e_t - e_{t-1}
        if (!pos) {
          for (std::size_t i = j + 1; i <= t; ++i)
            path = an::filter_multiply(
                path, an::filter_add(an::Filter{1.0}, an::level_change(covers[i], p)));
        }
        rounding += an::variance_ratio(path) / 12.0;
      }
      bias += 2.0 * rounding / demand_variance;
      const auto sample = cumulative(arm, t);
      v::compare(fmt::format("beer game, forecast on {}", pos ? "POS" : "orders"),
                 tiers[t] + ": Var(orders) / Var(consumer demand)", theory, sample, bias);
      summaries[arm].push_back(c2msim::montecarlo::summarise(sample));
    }
  }
  const auto& orders = summaries[0];
  const auto& on_pos = summaries[1];

  // The factory's orders are the chain's production orders: the system metric says the same.
  const auto system = c2msim::montecarlo::summarise(v::values(runs[0], "system", "bullwhip"));
  CHECK(system.mean == Approx(orders.back().mean).epsilon(1e-9));
  // Forecasting on orders, bullwhip grows tier by tier, intervals separated.
  for (std::size_t t = 0; t + 1 < tiers.size(); ++t) {
    INFO("orders: " << tiers[t] << " " << orders[t].mean << " [" << orders[t].ci95_low << ", "
                    << orders[t].ci95_high << "] -> " << tiers[t + 1] << " " << orders[t + 1].mean
                    << " [" << orders[t + 1].ci95_low << ", " << orders[t + 1].ci95_high << "]");
    CHECK(orders[t + 1].ci95_low > orders[t].ci95_high);
  }
  // On shared POS data every tier above the retailer (which sees POS either way) has less.
  for (std::size_t t = 1; t < tiers.size(); ++t) {
    INFO(tiers[t] << ": on POS " << on_pos[t].mean << " [" << on_pos[t].ci95_low << ", "
                  << on_pos[t].ci95_high << "], on orders " << orders[t].mean << " ["
                  << orders[t].ci95_low << ", " << orders[t].ci95_high << "]");
    CHECK(on_pos[t].ci95_high < orders[t].ci95_low);
  }
}
