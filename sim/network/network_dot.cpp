#include "sim/network/network_dot.hpp"

#include <fmt/core.h>

#include <boost/graph/graphviz.hpp>
#include <string>
#include <string_view>

#include "sim/scenario/distribution_reader.hpp"

namespace c2msim::network {
namespace {

std::string_view shape_of(scenario::NodeKind kind) {
  switch (kind) {
    case scenario::NodeKind::kFactory:
      return "box3d";
    case scenario::NodeKind::kWarehouse:
      return "box";
    case scenario::NodeKind::kRetailer:
      return "house";
    case scenario::NodeKind::kPlatform:
      return "hexagon";
    case scenario::NodeKind::kMarket:
      break;
  }
  return "ellipse";
}

// A DOT double-quoted string; a newline becomes DOT's line break.
std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The second line of a node's label: its kind and what distinguishes it.
std::string kind_line(const scenario::Node& node) {
  std::string line(scenario::to_string(node.kind));
  if (node.production) line += fmt::format(", {}", scenario::to_string(node.production->mode));
  if (node.kind == scenario::NodeKind::kPlatform) line += node.stock ? ", stocked" : ", no stock";
  return line;
}

}  // namespace

void write_dot(std::ostream& out, const scenario::Scenario& scenario, const scenario::Arm& arm) {
  const SupplyNetwork net(scenario, arm);
  const SupplyGraph& g = net.graph();
  const auto vertex_attributes = [&](std::ostream& os, Vertex v) {
    const NodeProperties& p = g[v];
    const std::string second_line = p.kind == scenario::NodeKind::kMarket
                                        ? std::string("market")
                                        : kind_line(arm.nodes[p.index]);
    os << fmt::format("[label={}, shape={}]", dot_string(p.id + "\n" + second_line),
                      shape_of(p.kind));
  };
  const auto lane_attributes = [&](std::ostream& os, Edge e) {
    const scenario::Lane& lane = arm.lanes[g[e].index];
    std::string label = scenario::describe(lane.lead_time_days) + " d";
    if (lane.information_delay_days > 0.0) {
      label += fmt::format("\ninformation delay {} d", lane.information_delay_days);
    }
    os << fmt::format("[label={}]", dot_string(label));
  };
  const auto graph_attributes = [&](std::ostream& os) {
    os << fmt::format(
        "label={};\nrankdir=LR;\nnode [fontname=\"Helvetica\"];\n"
        "edge [fontname=\"Helvetica\", fontsize=10];\n",
        dot_string(scenario.name + ": arm " + arm.name));
  };
  boost::write_graphviz(out, g, vertex_attributes, lane_attributes, graph_attributes,
                        boost::get(&NodeProperties::id, g));
}

}  // namespace c2msim::network
