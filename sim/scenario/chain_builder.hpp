#pragma once
// Turns one arm of a loaded Scenario into the model's ChainSpec: calendar dates become simulated
// days, the weekly pattern and dated events become a rate per day, names become dense indices,
// and a market that buys several products becomes one demand stream per product.

#include "sim/model/chain_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace c2msim::scenario {

// The demand multiplier of each simulated day 0..days-1: weekly pattern x every event phase
// covering the day (overlapping multipliers multiply).
std::vector<double> daily_multipliers(const Scenario& scenario, const Demand& demand,
                                      std::size_t days);

model::ChainSpec build_chain(const Scenario& scenario, const Arm& arm);

}  // namespace c2msim::scenario
