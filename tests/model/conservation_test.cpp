// Units and money are conserved in every replication: run_replication checks it at the end and
// throws ConservationError otherwise. These tests drive that check over many random networks.

#include <catch2/catch.hpp>
#include <string>

#include "sim/model/chain_model.hpp"
#include "sim/random/random_stream.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::run_replication;
using c2msim::random::RandomStream;

namespace {

ReplenishmentPolicy random_policy(RandomStream& rng, double per_day) {
  const double level = per_day * (2.0 + 8.0 * rng.uniform01());
  const double period = static_cast<double>(1 + rng.below(3));
  switch (rng.below(4)) {
    case 0:
      return SsPolicy{period, level * 0.4, level};
    case 1:
      return BaseStockPolicy{period, level};
    case 2:
      return RQPolicy{level * 0.5, std::max(1.0, std::round(per_day * 2))};
    default: {
      ForecastPolicy f;
      f.review_period_days = period;
      f.method = rng.below(2) == 0 ? ForecastMethod::kMovingAverage
                                   : ForecastMethod::kExponentialSmoothing;
      f.window_days = static_cast<int>(2 + rng.below(10));
      f.signal = rng.below(2) == 0 ? DemandSignal::kOrders : DemandSignal::kPos;
      return f;
    }
  }
}

c2msim::random::Distribution random_lead_time(RandomStream& rng) {
  const double mean = 0.5 + 4.0 * rng.uniform01();
  switch (rng.below(3)) {
    case 0:
      return c2msim::random::Constant{std::round(mean)};
    case 1:
      return c2msim::random::Gamma::from_mean_sd(mean, mean * 0.5);
    default:
      return c2msim::random::Uniform(0.0, 2 * mean);
  }
}

// A random forest of supply trees: factories (to stock, to order or hybrid) feeding tiers of
// warehouses, retailers and platforms that serve shared markets.
ChainSpec random_chain(std::uint64_t seed) {
  RandomStream rng({seed, 0, 99, 0});
  ChainSpec c;
  c.horizon_days = 60.0 + static_cast<double>(rng.below(60));
  c.warmup_days = static_cast<double>(rng.below(20));
  const auto products = 1 + rng.below(2);
  for (std::uint64_t p = 0; p < products; ++p) {
    ProductSpec ps = product(50.0 + 100.0 * rng.uniform01(), static_cast<Index>(1 + rng.below(4)));
    ps.id = "p" + std::to_string(p);
    ps.salvage_fraction = 0.3;
    if (rng.below(3) == 0) ps.season_end_day = c.horizon_days * 0.7;
    c.products.push_back(ps);
  }
  const auto markets = 1 + rng.below(3);
  for (std::uint64_t m = 0; m < markets; ++m) {
    const double per_day = 1.0 + 20.0 * rng.uniform01();
    MarketSpec ms = market(per_day, c.horizon_days, static_cast<ArrivalProcess>(rng.below(3)));
    ms.id = "m" + std::to_string(m);
    ms.product = static_cast<Index>(rng.below(products));
    ms.quantity = c2msim::random::Uniform(1.0, 3.0);
    ms.variant_weights = {4.0, 2.0, 1.0, 1.0};
    if (rng.below(2) == 0)
      ms.patience_days = c2msim::random::Exponential(1.0 / (1.0 + 5.0 * rng.uniform01()));
    c.markets.push_back(ms);
  }
  const auto factories = 1 + rng.below(2);
  for (std::uint64_t f = 0; f < factories; ++f) {
    const auto mode = static_cast<FactoryMode>(rng.below(3));
    NodeSpec n =
        factory_node("", mode, 0.01 + 0.05 * rng.uniform01(), static_cast<Index>(1 + rng.below(3)));
    n.id = "f" + std::to_string(f);
    n.markup = 0.2;
    n.holding_cost_rate_per_year = 0.2;
    n.factory->changeover_days = 0.1 * rng.uniform01();
    n.factory->batching_window_days = rng.below(4) == 0 ? 1.0 : 0.0;
    if (mode != FactoryMode::kMakeToOrder) {
      StockSpec s;
      s.policy = random_policy(rng, 20.0);
      s.initial_on_hand = 50.0;
      s.stocked_variants = static_cast<Index>(rng.below(3));
      n.stock = s;
    }
    c.nodes.push_back(n);
  }
  // Each market gets one or two channels, each a path of 0-3 stocking tiers below a factory,
  // ending at a retailer or a platform.
  for (Index m = 0; m < c.markets.size(); ++m) {
    const auto channels = 1 + rng.below(2);
    for (std::uint64_t ch = 0; ch < channels; ++ch) {
      Index upstream = static_cast<Index>(rng.below(factories));
      const auto tiers = rng.below(4);
      for (std::uint64_t t = 0; t <= tiers; ++t) {
        const bool last = t == tiers;
        NodeKind kind = last ? (rng.below(2) == 0 ? NodeKind::kRetailer : NodeKind::kPlatform)
                             : NodeKind::kWarehouse;
        NodeSpec n;
        n.id = "n" + std::to_string(c.nodes.size());
        n.kind = kind;
        n.markup = 0.1 + 0.4 * rng.uniform01();
        n.commission = 0.05;
        n.holding_cost_rate_per_year = 0.25;
        const bool platform_without_stock = kind == NodeKind::kPlatform && rng.below(2) == 0 &&
                                            c.nodes[upstream].kind == NodeKind::kFactory;
        if (!platform_without_stock) {
          StockSpec s;
          s.policy = random_policy(rng, 10.0);
          s.constraints.min_order_qty = static_cast<double>(rng.below(5));
          s.constraints.case_pack = static_cast<double>(1 + rng.below(4));
          s.initial_on_hand = static_cast<double>(rng.below(40));
          s.stocked_variants = static_cast<Index>(rng.below(3));
          s.shortage = rng.below(2) == 0 ? ShortageMode::kBackorder : ShortageMode::kLostSales;
          s.substitution_probability = rng.uniform01();
          n.stock = s;
        }
        c.nodes.push_back(n);
        const Index here = static_cast<Index>(c.nodes.size() - 1);
        LaneSpec l = lane(upstream, here, 0.0);
        l.lead_time_days = random_lead_time(rng);
        l.cost_per_unit = 1.0;
        l.information_delay_days = rng.below(2) == 0 ? 0.0 : 0.5;
        c.lanes.push_back(l);
        upstream = here;
        if (platform_without_stock) break;
      }
      LaneSpec out = lane(upstream, m, 0.0, true);
      out.lead_time_days = random_lead_time(rng);
      out.cost_per_unit = 0.5;
      out.share = 1.0 + rng.uniform01();
      c.lanes.push_back(out);
    }
  }
  return c;
}

}  // namespace

TEST_CASE("units and money are conserved on randomly generated networks", "[model][conservation]") {
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    const ChainSpec spec = random_chain(seed);
    INFO("network seed " << seed << ": " << spec.nodes.size() << " nodes, " << spec.markets.size()
                         << " markets");
    c2msim::model::ReplicationResult r;
    REQUIRE_NOTHROW(r = run_replication(spec, seed, 0));
    // Every customer is served, lost, or still waiting at the horizon.
    const double demanded = r.get("system", "units_demanded");
    CHECK(r.get("system", "lost_sales_rate") <= 1.0);
    CHECK(demanded >= 0.0);
    CHECK(r.events_processed > 0);
  }
}
