#pragma once
// An arm's network in GraphViz DOT, written through Boost.Graph's write_graphviz: one vertex per
// node and market, shaped by kind (factory box3d, warehouse box, retailer house, platform hexagon,
// market ellipse), one edge per lane labelled with its lead time in days.

#include <ostream>

#include "sim/network/supply_network.hpp"
#include "sim/scenario/scenario.hpp"

namespace c2msim::network {

void write_dot(std::ostream& out, const scenario::Scenario& scenario, const scenario::Arm& arm);

}  // namespace c2msim::network
