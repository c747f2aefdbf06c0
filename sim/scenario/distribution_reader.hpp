#pragma once
// Reads a distribution of a non-negative quantity (a lead time, a patience, a quantity per
// customer). A plain number is a constant; otherwise a map with one key naming the family:
//   {constant: 2}  {uniform: {min, max}}  {exponential: {mean}}  {normal: {mean, sd}}
//   {lognormal: {mean, sd}}  {gamma: {mean, sd}}  {triangular: {min, mode, max}}
//   {empirical: {values: [...], weights: [...]}}
// Lognormal and gamma take the mean and standard deviation of the quantity itself.

#include <optional>
#include <string>

#include "sim/random/distributions.hpp"
#include "sim/scenario/source_tree.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

// Every parameter (a constant, min, mode, max, mean, sd, the empirical values) is at most
// `max_value`, the bound of what the distribution is of (limits.hpp).
std::optional<random::Distribution> read_distribution(ValueReader& reader, const SourceNode& node,
                                                      double max_value);

// A short human description: "3", "lognormal(mean 3, sd 1)", "uniform(1, 4)".
std::string describe(const random::Distribution& distribution);

}  // namespace c2msim::scenario
