#pragma once
// Reads one merged arm: its nodes (factory production, stock and replenishment policy, platform
// terms) and its lanes, resolving the ids lanes name into node and market indices.

#include "sim/scenario/arm_inheritance.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

// Reads `resolved.merged` into `arm` (whose name is set) and records where each node and lane was
// written in `source`. `scenario` supplies the products and markets already read.
void read_arm(ValueReader& reader, const ResolvedArm& resolved, const Scenario& scenario, Arm& arm,
              ArmSource& source);

}  // namespace c2msim::scenario
