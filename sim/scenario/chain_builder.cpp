#include "sim/scenario/chain_builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/model/flow_counters.hpp"

namespace c2msim::scenario {
namespace {

using model::Index;

Index to_index(std::size_t i) {
  return static_cast<Index>(i);
}

// Opening stock when the file gives none: the policy's order-up-to level (0 for a forecast
// policy, which has no level before it has seen demand).
double default_initial_on_hand(const Policy& policy) {
  if (const auto* p = std::get_if<SsPolicy>(&policy)) return p->S;
  if (const auto* p = std::get_if<BaseStockPolicy>(&policy)) return p->level;
  if (const auto* p = std::get_if<RQPolicy>(&policy)) return p->r + p->Q;
  return 0.0;
}

model::StockSpec to_model(const Stock& stock) {
  model::StockSpec out;
  out.policy = stock.policy;
  out.constraints.min_order_qty = stock.min_order_qty;
  out.constraints.case_pack = static_cast<double>(stock.case_pack);
  out.initial_on_hand = stock.initial_on_hand.value_or(default_initial_on_hand(stock.policy));
  out.stocked_variants = stock.stocked_variants.top;
  for (std::uint32_t v : stock.stocked_variants.listed) out.stocked_variant_list.push_back(v);
  out.variants_given = stock.stocked_variants.given;
  out.shortage = stock.shortage;
  out.substitution_probability = stock.substitution_probability;
  out.backorder_cost_per_unit_day = stock.backorder_cost_per_unit_day;
  out.lost_sale_cost_per_unit = stock.lost_sale_cost_per_unit;
  return out;
}

bool echelon_default_opening(const Node& node) {
  if (!node.stock || node.stock->initial_on_hand) return false;
  const auto* p = std::get_if<BaseStockPolicy>(&node.stock->policy);
  return p != nullptr && p->position == StockPosition::kEchelon;
}

// An echelon base-stock node whose file gives no opening stock starts with its level less the
// opening stock of every node below it, so that its echelon position, like an installation
// position at its default, starts at the level. Nodes below are settled first.
void settle_echelon_opening_stock(const Arm& arm, model::ChainSpec& chain) {
  const std::size_t n = arm.nodes.size();
  std::vector<std::vector<std::size_t>> customers(n);
  for (const Lane& lane : arm.lanes) {
    if (!lane.to_market) customers[lane.from].push_back(lane.to);
  }
  std::vector<std::optional<double>> below_and_own(n);  // opening stock of the node and below
  const auto settle = [&](const auto& self, std::size_t node) -> double {
    if (below_and_own[node]) return *below_and_own[node];
    below_and_own[node] = 0.0;  // the loader has refused cycles; this only stops a runaway
    double below = 0;
    for (const std::size_t c : customers[node]) below += self(self, c);
    auto& stock = chain.nodes[node].stock;
    if (stock && echelon_default_opening(arm.nodes[node])) {
      stock->initial_on_hand =
          std::max(0.0, std::get<BaseStockPolicy>(stock->policy).level - below);
    }
    below_and_own[node] = below + (stock ? stock->initial_on_hand : 0.0);
    return *below_and_own[node];
  };
  for (std::size_t node = 0; node < n; ++node) {
    if (echelon_default_opening(arm.nodes[node])) settle(settle, node);
  }
}

std::vector<double> variant_weights(const VariantPreference& preference, std::uint32_t variants) {
  if (const auto* w = std::get_if<WeightedPreference>(&preference)) return w->weights;
  const double exponent = std::get<ZipfPreference>(preference).exponent;
  std::vector<double> weights(variants);
  for (std::uint32_t k = 0; k < variants; ++k) {
    weights[k] = std::pow(static_cast<double>(k + 1), -exponent);
  }
  return weights;
}

}  // namespace

std::vector<double> daily_multipliers(const Scenario& scenario, const Demand& demand,
                                      std::size_t days) {
  using std::chrono::sys_days;
  std::vector<double> m(days, 1.0);
  const sys_days start{scenario.start_date};
  for (std::size_t d = 0; d < days; ++d) {
    // Monday-first index of the day's weekday (c_encoding: Sunday = 0).
    const std::chrono::weekday wd{start + std::chrono::days{static_cast<int>(d)}};
    m[d] = demand.weekly_pattern[(wd.c_encoding() + 6) % 7];
  }
  // Days as 64-bit numbers: a day and a length in days cannot overflow when added (in int,
  // an event of 2^31 - 1 days from day 1 wrapped to nothing).
  auto scale = [&](std::int64_t first, std::uint32_t length, double factor) {
    const std::int64_t end = std::min(first + length, static_cast<std::int64_t>(days));
    for (std::int64_t d = std::max<std::int64_t>(first, 0); d < end; ++d) {
      m[static_cast<std::size_t>(d)] *= factor;
    }
  };
  for (const DemandEvent& e : demand.events) {
    const std::int64_t first = scenario.day_of(e.start);
    scale(first, e.days, e.multiplier);
    if (e.pre_event) scale(first - e.pre_event->days, e.pre_event->days, e.pre_event->multiplier);
    if (e.post_event) scale(first + e.days, e.post_event->days, e.post_event->multiplier);
  }
  return m;
}

namespace {

// The system bullwhip's bucket, the same in every arm of the scenario (whichever arms a command
// runs): the longest of any arm's nodes' buckets.
std::int64_t system_bucket_days(const Scenario& scenario) {
  std::int64_t days = 1;
  for (const Arm& a : scenario.arms) {
    for (const Node& node : a.nodes) {
      model::NodeSpec spec;
      if (node.stock) spec.stock = to_model(*node.stock);
      days = std::max(days, model::review_bucket_days(spec));
    }
  }
  return days;
}

}  // namespace

model::ChainSpec build_chain(const Scenario& scenario, const Arm& arm) {
  model::ChainSpec chain;
  chain.system_bucket_days = system_bucket_days(scenario);
  chain.arm = arm.name;
  chain.horizon_days = scenario.horizon_days;
  chain.warmup_days = scenario.warmup_days;
  chain.terminal_valuation = scenario.terminal_valuation;
  chain.service_target_days = scenario.compare.service_target_days;
  for (const Product& p : scenario.products) {
    model::ProductSpec out;
    out.id = p.id;
    out.unit_cost = p.unit_cost;
    out.variants = p.variants;
    if (p.season_end) out.season_end_day = static_cast<double>(scenario.day_of(*p.season_end));
    out.salvage_fraction = p.salvage_fraction;
    chain.products.push_back(out);
  }

  // One demand stream per (market, product); remember which streams each market became.
  const auto days = static_cast<std::size_t>(std::ceil(scenario.horizon_days));
  std::vector<std::vector<Index>> streams_of_market(scenario.markets.size());
  for (std::size_t mi = 0; mi < scenario.markets.size(); ++mi) {
    const Market& market = scenario.markets[mi];
    const std::vector<double> multipliers = daily_multipliers(scenario, market.demand, days);
    for (const MarketProduct& mp : market.products) {
      const Product& product = scenario.products[mp.product];
      model::MarketSpec out;
      out.id = market.products.size() == 1 ? market.id : market.id + "/" + product.id;
      out.product = to_index(mp.product);
      out.arrivals_per_day.resize(days);
      for (std::size_t d = 0; d < days; ++d) {
        out.arrivals_per_day[d] = market.demand.arrivals_per_day * mp.share * multipliers[d];
      }
      out.process = market.demand.process;
      out.dispersion = market.demand.dispersion;
      out.quantity = market.demand.quantity;
      out.variant_weights = variant_weights(market.demand.variant_preference, product.variants);
      out.patience_days = market.demand.patience_days;
      out.price_elasticity = market.demand.price_elasticity;
      out.reference_price = product.reference_price.value_or(0.0);
      streams_of_market[mi].push_back(to_index(chain.markets.size()));
      chain.markets.push_back(std::move(out));
    }
  }

  for (const Node& node : arm.nodes) {
    model::NodeSpec out;
    out.id = node.id;
    out.kind = node.kind;
    out.markup = node.markup;
    out.commission = node.commission;
    out.shares_pos = node.shares_pos;
    out.pos_delay_days = node.pos_delay_days;
    if (node.stock) {
      out.stock = to_model(*node.stock);
      out.holding_cost_rate_per_year = node.stock->holding_cost.rate_per_year;
      out.holding_cost_per_unit_day = node.stock->holding_cost.per_unit_day;
    }
    out.factory = node.production;
    // A factory selling its one product at a fixed price: the markup that gives that price.
    if (node.production && node.price && !scenario.products.empty()) {
      const std::size_t product = node.products.empty() ? 0 : node.products.front();
      const double cost =
          scenario.products[product].unit_cost * node.production->unit_cost_multiplier;
      out.markup = *node.price / cost - 1.0;
    }
    chain.nodes.push_back(std::move(out));
  }

  settle_echelon_opening_stock(arm, chain);

  for (const Lane& lane : arm.lanes) {
    model::LaneSpec out = lane;  // the lane's terms, without the ids
    if (!lane.to_market) {
      chain.lanes.push_back(out);
      continue;
    }
    for (Index stream : streams_of_market[lane.to]) {
      out.to = stream;
      chain.lanes.push_back(out);
    }
  }
  return chain;
}

}  // namespace c2msim::scenario
