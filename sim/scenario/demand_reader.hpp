#pragma once
// Reads the top-level `products` and `markets`: what is sold, and the customers of each market
// (arrivals, quantity, variant preference, patience, price response, weekly pattern, events).

#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/source_tree.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

std::vector<Product> read_products(ValueReader& reader, const SourceNode& list, Date start_date);

// `sources` receives the map each market was read from (one per returned market).
std::vector<Market> read_markets(ValueReader& reader, const SourceNode& list,
                                 const std::vector<Product>& products,
                                 std::vector<const SourceNode*>& sources);

// The index of the product named by `v`, reporting an unknown one with a suggestion.
std::optional<std::size_t> read_product_reference(ValueReader& reader, const SourceNode& v,
                                                  const std::vector<Product>& products);

}  // namespace c2msim::scenario
