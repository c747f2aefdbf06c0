#include "sim/model/synthetic_chain.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/random/random_stream.hpp"

namespace c2msim::model {
namespace {

using random::RandomStream;

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
      f.safety_factor = 1.65;  // the generated chains have always carried safety stock
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

LaneSpec make_lane(Index from, Index to, bool to_market, RandomStream& rng) {
  LaneSpec l;
  l.from = from;
  l.to = to;
  l.to_market = to_market;
  l.lead_time_days = random_lead_time(rng);
  l.cost_per_unit = to_market ? 0.5 : 1.0;
  l.information_delay_days = !to_market && rng.below(2) == 1 ? 0.5 : 0.0;
  l.share = to_market ? 1.0 + rng.uniform01() : 1.0;
  // One lane in four is capacity-bound, at 5 to 50 units a day.
  if (rng.below(4) == 0) l.capacity_per_day = 5.0 + 45.0 * rng.uniform01();
  return l;
}

StockSpec random_stock(RandomStream& rng, double per_day) {
  StockSpec s;
  s.policy = random_policy(rng, per_day);
  s.constraints.min_order_qty = static_cast<double>(rng.below(5));
  s.constraints.case_pack = static_cast<double>(1 + rng.below(4));
  s.initial_on_hand = static_cast<double>(rng.below(40));
  s.stocked_variants = static_cast<Index>(rng.below(3));
  s.shortage = rng.below(2) == 0 ? ShortageMode::kBackorder : ShortageMode::kLostSales;
  s.substitution_probability = rng.uniform01();
  return s;
}

ChainSpec build(const SyntheticChainOptions& o) {
  RandomStream rng({o.seed, 0, 99, 0});
  ChainSpec c;
  c.arm = "synthetic";
  c.horizon_days =
      std::round(o.min_horizon_days + (o.max_horizon_days - o.min_horizon_days) * rng.uniform01());
  c.warmup_days = std::round(c.horizon_days * 0.15 * rng.uniform01());
  const auto products = 1 + rng.below(o.max_products);
  for (std::uint64_t p = 0; p < products; ++p) {
    ProductSpec ps;
    ps.id = "p" + std::to_string(p);
    ps.unit_cost = 50.0 + 100.0 * rng.uniform01();
    ps.variants = static_cast<Index>(1 + rng.below(4));
    ps.salvage_fraction = 0.3;
    if (rng.below(3) == 0) ps.season_end_day = std::round(c.horizon_days * 0.7);
    c.products.push_back(ps);
  }
  const auto markets = 1 + rng.below(o.max_markets);
  for (std::uint64_t m = 0; m < markets; ++m) {
    MarketSpec ms;
    ms.id = "m" + std::to_string(m);
    ms.product = static_cast<Index>(rng.below(products));
    ms.arrivals_per_day.assign(static_cast<std::size_t>(c.horizon_days),
                               1.0 + 20.0 * rng.uniform01());
    ms.process = static_cast<ArrivalProcess>(rng.below(3));
    ms.dispersion = 2.0;
    ms.quantity = random::Uniform(1.0, 3.0);
    ms.variant_weights = {4.0, 2.0, 1.0, 1.0};
    if (rng.below(2) == 0)
      ms.patience_days = random::Exponential(1.0 / (1.0 + 5.0 * rng.uniform01()));
    c.markets.push_back(ms);
  }
  const auto factories = 1 + rng.below(o.max_factories);
  for (std::uint64_t f = 0; f < factories; ++f) {
    NodeSpec n;
    n.id = "f" + std::to_string(f);
    n.kind = NodeKind::kFactory;
    n.markup = 0.2;
    n.holding_cost_rate_per_year = 0.2;
    FactorySpec fs;
    fs.mode = static_cast<FactoryMode>(rng.below(3));
    fs.to_order_share = fs.mode == FactoryMode::kHybrid ? rng.uniform01() : 0.0;
    fs.unit_production_days = 0.01 + 0.05 * rng.uniform01();
    fs.lines = static_cast<Index>(1 + rng.below(3));
    fs.changeover_days = 0.1 * rng.uniform01();
    fs.batching_window_days = rng.below(4) == 0 ? 1.0 : 0.0;
    n.factory = fs;
    if (fs.mode != FactoryMode::kMakeToOrder) n.stock = random_stock(rng, 20.0);
    c.nodes.push_back(n);
  }
  // Each market gets channels, each a path of stocking tiers below a factory that ends at a
  // retailer or a platform (which may hold no stock and forward orders to its factory).
  for (Index m = 0; m < c.markets.size(); ++m) {
    const auto channels = 1 + rng.below(o.max_channels_per_market);
    for (std::uint64_t ch = 0; ch < channels; ++ch) {
      Index upstream = static_cast<Index>(rng.below(factories));
      const auto tiers = 1 + rng.below(o.max_tiers);
      for (std::uint64_t t = 1; t <= tiers; ++t) {
        NodeSpec n;
        n.id = "n" + std::to_string(c.nodes.size());
        n.kind = t < tiers ? NodeKind::kWarehouse
                           : (rng.below(2) == 0 ? NodeKind::kRetailer : NodeKind::kPlatform);
        n.markup = 0.1 + 0.4 * rng.uniform01();
        n.commission = 0.05;
        n.holding_cost_rate_per_year = 0.25;
        const bool forwards = n.kind == NodeKind::kPlatform && rng.below(2) == 0 &&
                              c.nodes[upstream].kind == NodeKind::kFactory;
        if (!forwards) n.stock = random_stock(rng, 10.0);
        c.nodes.push_back(n);
        const auto here = static_cast<Index>(c.nodes.size() - 1);
        c.lanes.push_back(make_lane(upstream, here, false, rng));
        upstream = here;
        if (forwards) break;
      }
      c.lanes.push_back(make_lane(upstream, m, true, rng));
    }
  }
  return c;
}

}  // namespace

ChainSpec synthetic_chain(const SyntheticChainOptions& options) {
  return build(options);
}

}  // namespace c2msim::model
