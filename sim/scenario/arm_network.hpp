#pragma once
// An arm of a scenario as a supply network (sim/network/): its nodes, the scenario's markets and
// the arm's lanes, for the loader's structural checks and for drawing it in GraphViz DOT.

#include <ostream>

#include "sim/network/supply_network.hpp"
#include "sim/scenario/scenario.hpp"

namespace c2msim::scenario {

// The arm's lanes must name existing nodes and markets (the loader has checked them).
network::SupplyNetwork arm_network(const Scenario& scenario, const Arm& arm);

// The arm in DOT, as `c2msim graph` prints it: nodes labelled with their kind (and a factory's
// mode, whether a platform holds stock), lanes with their lead time and information delay.
void write_arm_dot(std::ostream& out, const Scenario& scenario, const Arm& arm);

}  // namespace c2msim::scenario
