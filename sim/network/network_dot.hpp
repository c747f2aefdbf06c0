#pragma once
// A supply network in GraphViz DOT, written through Boost.Graph's write_graphviz: one vertex per
// node and market, shaped by kind (factory box3d, warehouse box, retailer house, platform hexagon,
// market ellipse) and labelled with its id over a line of detail, one edge per lane with its label.

#include <ostream>
#include <string>
#include <vector>

#include "sim/network/supply_network.hpp"

namespace c2msim::network {

struct DotLabels {
  std::string title;
  std::vector<std::string> vertex_details;  // the second line of each vertex's label, by vertex
  std::vector<std::string> lane_labels;     // by lane index
};

void write_dot(std::ostream& out, const SupplyNetwork& network, const DotLabels& labels);

}  // namespace c2msim::network
