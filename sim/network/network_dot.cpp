#include "sim/network/network_dot.hpp"

#include <fmt/core.h>

#include <boost/graph/graphviz.hpp>
#include <string>
#include <string_view>

namespace c2msim::network {
namespace {

std::string_view shape_of(NodeKind kind) {
  switch (kind) {
    case NodeKind::kFactory:
      return "box3d";
    case NodeKind::kWarehouse:
      return "box";
    case NodeKind::kRetailer:
      return "house";
    case NodeKind::kPlatform:
      return "hexagon";
    case NodeKind::kMarket:
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

}  // namespace

void write_dot(std::ostream& out, const SupplyNetwork& network, const DotLabels& labels) {
  const SupplyGraph& g = network.graph();
  const auto vertex_attributes = [&](std::ostream& os, Vertex v) {
    const NodeProperties& p = g[v];
    os << fmt::format("[label={}, shape={}]", dot_string(p.id + "\n" + labels.vertex_details.at(v)),
                      shape_of(p.kind));
  };
  const auto lane_attributes = [&](std::ostream& os, Edge e) {
    os << fmt::format("[label={}]", dot_string(labels.lane_labels.at(g[e].index)));
  };
  const auto graph_attributes = [&](std::ostream& os) {
    os << fmt::format(
        "label={};\nrankdir=LR;\nnode [fontname=\"Helvetica\"];\n"
        "edge [fontname=\"Helvetica\", fontsize=10];\n",
        dot_string(labels.title));
  };
  boost::write_graphviz(out, g, vertex_attributes, lane_attributes, graph_attributes,
                        boost::get(&NodeProperties::id, g));
}

}  // namespace c2msim::network
