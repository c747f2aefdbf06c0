#pragma once
// The structural rules on the network of one arm (a DAG; every market's demand reachable from a
// factory; every node but a factory supplied), reported at the text of the lane, node or market
// concerned. The graph algorithms themselves live in network/supply_network.hpp.

#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

// `arm` must have been read without problems (its lanes name existing nodes and markets).
void check_network(ValueReader& reader, const Scenario& scenario, const Arm& arm,
                   const ArmSource& source, const std::vector<const SourceNode*>& market_sources);

}  // namespace c2msim::scenario
