#include "sim/scenario/scale_checks.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstdint>

#include "sim/model/arm_plan.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/limits.hpp"

namespace c2msim::scenario {
namespace {

// The value of `key` in the map `node`, else the map itself, for a problem about that key.
const SourceNode& key_or_node(const SourceNode& node, std::string_view key) {
  const SourceNode* value = node.find(key);
  return value ? *value : node;
}

}  // namespace

void check_node_state(ValueReader& reader, const Scenario& scenario, const Arm& arm,
                      const ArmSource& source) {
  std::uint64_t variants = 0;
  for (const Product& p : scenario.products) variants += p.variants;
  const std::uint64_t cells = arm.nodes.size() * variants;
  if (cells <= limits::kMaxNodeVariants || source.arm == nullptr) return;
  reader.error(key_or_node(*source.arm, "nodes"),
               fmt::format("arm '{}' has {} nodes and the products {} variants in all: {} node "
                           "and variant pairs, each with its own stock state; at most {} are "
                           "allowed",
                           arm.name, arm.nodes.size(), variants, cells, limits::kMaxNodeVariants));
}

void check_prices_and_rates(ValueReader& reader, const Scenario& scenario, const Arm& arm,
                            const ArmSource& source,
                            const std::vector<const SourceNode*>& market_sources) {
  // The arm as the model compiles it: its prices and price response are the model's own.
  const model::ArmPlan plan(build_chain(scenario, arm));
  const model::ChainSpec& chain = plan.spec();

  for (std::size_t n = 0; n < arm.nodes.size(); ++n) {
    const Node& node = arm.nodes[n];
    for (std::size_t p = 0; p < scenario.products.size(); ++p) {
      const double price = plan.price(static_cast<model::Index>(n), static_cast<model::Index>(p));
      if (!node.handles(p) || price <= limits::kMaxDerivedPrice) continue;
      const std::string_view key = node.kind == NodeKind::kPlatform ? "commission"
                                   : node.price                     ? "price"
                                                                    : "markup";
      reader.error(key_or_node(*source.nodes[n], key),
                   fmt::format("in arm '{}' the price of '{}' at this node reaches {:.3g}; the "
                               "prices the chain builds up must be at most {}",
                               arm.name, scenario.products[p].id, price,
                               bound_text(limits::kMaxDerivedPrice)));
      break;
    }
  }

  // The model's markets are the scenario's markets, one stream per product, in order.
  std::size_t stream = 0;
  for (std::size_t m = 0; m < scenario.markets.size(); ++m) {
    const Market& market = scenario.markets[m];
    const std::size_t first = stream;
    stream += market.products.size();
    double peak = 0.0;           // the busiest day, with price response
    double peak_unpriced = 0.0;  // and without
    const std::size_t days = first < stream ? chain.markets[first].arrivals_per_day.size() : 0;
    for (std::size_t d = 0; d < days; ++d) {
      double rate = 0.0;
      double unpriced = 0.0;
      for (std::size_t k = first; k < stream; ++k) {
        unpriced += chain.markets[k].arrivals_per_day[d];
        rate += chain.markets[k].arrivals_per_day[d] *
                plan.market_rate_factor(static_cast<model::Index>(k));
      }
      peak_unpriced = std::max(peak_unpriced, unpriced);
      // A NaN or an infinite factor is as bad as a huge one.
      if (!(rate <= peak)) peak = std::isnan(rate) ? HUGE_VAL : rate;
    }
    const SourceNode& demand = key_or_node(*market_sources[m], "demand");
    if (peak_unpriced > limits::kMaxArrivalsPerDay) {
      reader.error(key_or_node(demand, "arrivals_per_day"),
                   fmt::format("with the weekly pattern and events, the busiest day brings "
                               "{:.4g} customers; at most {} a day are allowed",
                               peak_unpriced, bound_text(limits::kMaxArrivalsPerDay)));
    } else if (peak > limits::kMaxArrivalsPerDay) {
      reader.error(key_or_node(demand, "price_elasticity"),
                   fmt::format("in arm '{}' the price response raises the busiest day to {:.4g} "
                               "customers; at most {} a day are allowed",
                               arm.name, peak, bound_text(limits::kMaxArrivalsPerDay)));
    }
  }
}

}  // namespace c2msim::scenario
