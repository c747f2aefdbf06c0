#pragma once
// The checks of an arm as the model will run it, beyond each value's own range (limits.hpp):
// the state the model keeps per node and variant, the prices the markups of a chain build up to,
// and each market's busiest arrival rate once the weekly pattern, its events and the price
// response of the arm's prices are applied.

#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

// Nodes x variants of all products, reported at the arm's `nodes`. Needs only the arm's nodes.
void check_node_state(ValueReader& reader, const Scenario& scenario, const Arm& arm,
                      const ArmSource& source);

// Prices and peak arrival rates, from the arm as the model compiles it (model::ArmPlan): the whole
// scenario must have been read without problems.
void check_prices_and_rates(ValueReader& reader, const Scenario& scenario, const Arm& arm,
                            const ArmSource& source,
                            const std::vector<const SourceNode*>& market_sources);

}  // namespace c2msim::scenario
