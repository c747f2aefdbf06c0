#pragma once
// Synthetic supply networks drawn at random: a forest of supply trees in which factories (to
// stock, to order or hybrid) feed tiers of warehouses and a retailer or platform per channel,
// with random policies, lead-time distributions, order constraints and demand. They drive the
// conservation tests over many shapes and the benchmark on networks of any size.

#include <cstdint>

#include "sim/model/chain_spec.hpp"

namespace c2msim::model {

struct SyntheticChainOptions {
  std::uint64_t seed = 1;
  std::uint32_t max_products = 2;
  std::uint32_t min_markets = 1;  // markets drawn uniformly from [min_markets, max_markets]
  std::uint32_t max_markets = 3;
  std::uint32_t max_factories = 2;
  std::uint32_t max_channels_per_market = 2;  // paths from a factory to each market
  std::uint32_t max_tiers = 4;                // stocking tiers on a path, the last included
  double min_horizon_days = 60.0;
  double max_horizon_days = 120.0;
  // 0: 1 to max_factories factories, drawn first, and policy levels and lane capacities on fixed
  // scales, whatever the demand (small networks of every shape, often short of capacity). Above
  // 0, a balanced network: factories are added as the markets need them, each carrying at most
  // this share of its capacity, and every stock policy and capacity-bound lane is scaled to the
  // demand it serves (see synthetic_chain.cpp); max_factories is then unused.
  double target_utilisation = 0.0;
};

ChainSpec synthetic_chain(const SyntheticChainOptions& options);

}  // namespace c2msim::model
