#pragma once
// The prices along an arm's supply chain and the price response of its markets, as a pure
// function of the ChainSpec: the model runs on them, and the scenario loader checks with them
// that no market's arrival rate becomes absurd once prices are applied.
//
// A factory's purchase cost is the product's unit cost x its production cost multiplier; every
// other node buys at its supplier's price. Each node sells at purchase cost x (1 + markup), a
// platform's markup being its commission. A market's rate scales with
// (share-weighted price of the nodes serving it / reference price)^(-elasticity).

#include <cstddef>
#include <vector>

#include "sim/model/chain_spec.hpp"

namespace c2msim::model {

struct Prices {
  std::size_t products = 0;
  std::vector<double> purchase_cost;  // [node * products + product]
  std::vector<double> price;          // [node * products + product]: what the node sells at
  std::vector<double> rate_factor;    // [market]: the multiplier of its arrival rate; 1 without
                                      // price response

  [[nodiscard]] double price_of(Index node, Index product) const {
    return price[node * products + product];
  }
};

// Throws std::invalid_argument for a chain whose prices cannot be derived: a node other than a
// factory without a supplier, a factory without production settings, or a cycle of suppliers.
Prices derive_prices(const ChainSpec& spec);

}  // namespace c2msim::model
