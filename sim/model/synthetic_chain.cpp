#include "sim/model/synthetic_chain.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/random/random_stream.hpp"

namespace c2msim::model {
namespace {

using random::RandomStream;

// The longest review period random_policy draws.
constexpr double kLongestReviewDays = 3.0;

// A policy for a node that sells `per_day` units a day whose orders take `cover_days` to arrive
// (0: levels of 2 to 10 days of demand, whatever the lead time).
ReplenishmentPolicy random_policy(RandomStream& rng, double per_day, double cover_days) {
  const double level = per_day * (cover_days + 2.0 + 8.0 * rng.uniform01());
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

// A lane expected to carry `flow_per_day` units a day (0: not known).
LaneSpec make_lane(Index from, Index to, bool to_market, RandomStream& rng, double flow_per_day) {
  LaneSpec l;
  l.from = from;
  l.to = to;
  l.to_market = to_market;
  l.lead_time_days = random_lead_time(rng);
  l.cost_per_unit = to_market ? 0.5 : 1.0;
  l.information_delay_days = !to_market && rng.below(2) == 1 ? 0.5 : 0.0;
  l.share = to_market ? 1.0 + rng.uniform01() : 1.0;
  // One lane in four is capacity-bound: at 5 to 50 units a day, or at 2 to 3 times its flow.
  if (rng.below(4) == 0) {
    const double u = rng.uniform01();
    l.capacity_per_day = flow_per_day > 0 ? flow_per_day * (2.0 + u) : 5.0 + 45.0 * u;
  }
  return l;
}

StockSpec random_stock(RandomStream& rng, double per_day, double cover_days) {
  StockSpec s;
  s.policy = random_policy(rng, per_day, cover_days);
  s.constraints.min_order_qty = static_cast<double>(rng.below(5));
  s.constraints.case_pack = static_cast<double>(1 + rng.below(4));
  s.initial_on_hand = static_cast<double>(rng.below(40));
  s.stocked_variants = static_cast<Index>(rng.below(3));
  s.shortage = rng.below(2) == 0 ? ShortageMode::kBackorder : ShortageMode::kLostSales;
  s.substitution_probability = rng.uniform01();
  return s;
}

NodeSpec random_factory(std::string id, RandomStream& rng) {
  NodeSpec n;
  n.id = std::move(id);
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
  return n;
}

// The units a customer of a generated market asks for, on average (Uniform(1, 3), rounded).
constexpr double kUnitsPerCustomer = 2.0;

// The units a day one line of a factory makes. Building to order, every job is one customer's and
// may change the variant over; building to stock, jobs are replenishment orders of many units,
// whose changeovers a balanced network leaves out.
double line_capacity_per_day(const FactorySpec& f) {
  const double changeover_per_unit =
      f.mode == FactoryMode::kMakeToStock ? 0.0 : f.changeover_days / kUnitsPerCustomer;
  return 1.0 / (f.unit_production_days + changeover_per_unit);
}

// Balance rule (target_utilisation u > 0): each channel is expected to carry its market's
// customers a day x kUnitsPerCustomer / its number of channels; its channels go to the open
// factory while that one's expected load stays within u x its capacity, else to a new factory
// (with lines enough for the channel). Every node stocks for the flow it carries, with levels
// that cover its replenishment lead time and the longest review period, and a capacity-bound lane
// carries 2 to 3 times its flow. So factories, stock and capacity all grow with the demand.
class Balance {
 public:
  explicit Balance(double target_utilisation) : target_(target_utilisation) {}

  // The factory for a channel of `flow` units a day, added to `chain` when none has room.
  Index factory_for(ChainSpec& chain, double flow, RandomStream& rng) {
    if (open_ == kNone || load_[open_] + flow > target_ * capacity(chain.nodes[open_])) {
      NodeSpec f = random_factory("f" + std::to_string(factories_++), rng);
      const double lines = std::ceil(flow / (target_ * line_capacity_per_day(*f.factory)));
      f.factory->lines = std::max(f.factory->lines, static_cast<Index>(lines));
      open_ = static_cast<Index>(chain.nodes.size());
      chain.nodes.push_back(std::move(f));
    }
    load_.resize(chain.nodes.size(), 0.0);
    load_[open_] += flow;
    return open_;
  }
  // Stock for the factories that make to stock, once their load is known.
  void stock_factories(ChainSpec& chain, RandomStream& rng) const {
    for (Index n = 0; n < chain.nodes.size(); ++n) {
      NodeSpec& node = chain.nodes[n];
      if (node.kind != NodeKind::kFactory || node.factory->mode == FactoryMode::kMakeToOrder) {
        continue;
      }
      node.stock = random_stock(rng, load_[n], 1.0 + kLongestReviewDays);
    }
  }

 private:
  static double capacity(const NodeSpec& factory) {
    return static_cast<double>(factory.factory->lines) * line_capacity_per_day(*factory.factory);
  }
  double target_;
  std::vector<double> load_;  // per node, expected units a day
  Index open_ = kNone;
  std::uint64_t factories_ = 0;
};

ChainSpec build(const SyntheticChainOptions& o) {
  if (o.min_markets < 1 || o.min_markets > o.max_markets) {
    throw std::invalid_argument("synthetic_chain: min_markets must be in [1, max_markets]");
  }
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
  const auto markets = o.min_markets + rng.below(o.max_markets - o.min_markets + 1);
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
  const bool balanced = o.target_utilisation > 0;
  Balance balance(o.target_utilisation);
  const auto factories = balanced ? 0 : 1 + rng.below(o.max_factories);
  for (std::uint64_t f = 0; f < factories; ++f) {
    c.nodes.push_back(random_factory("f" + std::to_string(f), rng));
    if (c.nodes.back().factory->mode != FactoryMode::kMakeToOrder) {
      c.nodes.back().stock = random_stock(rng, 20.0, 0.0);
    }
  }
  // Each market gets channels, each a path of stocking tiers below a factory that ends at a
  // retailer or a platform (which may hold no stock and forward orders to its factory).
  for (Index m = 0; m < c.markets.size(); ++m) {
    const auto channels = 1 + rng.below(o.max_channels_per_market);
    const double flow =
        c.markets[m].arrivals_per_day.front() * kUnitsPerCustomer / static_cast<double>(channels);
    const double lane_flow = balanced ? flow : 0.0;
    for (std::uint64_t ch = 0; ch < channels; ++ch) {
      Index upstream =
          balanced ? balance.factory_for(c, flow, rng) : static_cast<Index>(rng.below(factories));
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
        const auto here = static_cast<Index>(c.nodes.size());
        // A balanced node's levels cover its supply lane's lead time, so the lane comes first.
        std::optional<LaneSpec> supply;
        if (balanced) supply = make_lane(upstream, here, false, rng, lane_flow);
        if (!forwards) {
          const double cover = balanced
                                   ? supply->information_delay_days +
                                         random::mean(supply->lead_time_days) + kLongestReviewDays
                                   : 0.0;
          n.stock = random_stock(rng, balanced ? flow : 10.0, cover);
        }
        c.nodes.push_back(n);
        if (!balanced) supply = make_lane(upstream, here, false, rng, lane_flow);
        c.lanes.push_back(*supply);
        upstream = here;
        if (forwards) break;
      }
      c.lanes.push_back(make_lane(upstream, m, true, rng, lane_flow));
    }
  }
  if (balanced) balance.stock_factories(c, rng);
  return c;
}

}  // namespace

ChainSpec synthetic_chain(const SyntheticChainOptions& options) {
  return build(options);
}

}  // namespace c2msim::model
