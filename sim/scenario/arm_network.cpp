#include "sim/scenario/arm_network.hpp"

#include <fmt/core.h>

#include <string>

#include "sim/network/network_dot.hpp"
#include "sim/scenario/distribution_reader.hpp"

namespace c2msim::scenario {
namespace {

// The second line of a node's label: its kind and what distinguishes it.
std::string kind_line(const Node& node) {
  std::string line(to_string(node.kind));
  if (node.production) line += fmt::format(", {}", to_string(node.production->mode));
  if (node.kind == NodeKind::kPlatform) line += node.stock ? ", stocked" : ", no stock";
  return line;
}

}  // namespace

network::SupplyNetwork arm_network(const Scenario& scenario, const Arm& arm) {
  std::vector<network::NetworkNode> nodes;
  for (const Node& node : arm.nodes) nodes.push_back({node.id, node.kind, node.products});
  std::vector<network::NetworkNode> markets;
  for (const Market& market : scenario.markets) {
    network::NetworkNode m{market.id, NodeKind::kMarket, {}};
    for (const MarketProduct& wanted : market.products) m.products.push_back(wanted.product);
    markets.push_back(std::move(m));
  }
  std::vector<network::NetworkLane> lanes;
  for (const Lane& lane : arm.lanes) lanes.push_back({lane.from, lane.to, lane.to_market});
  return network::SupplyNetwork(nodes, markets, lanes);
}

void write_arm_dot(std::ostream& out, const Scenario& scenario, const Arm& arm) {
  network::DotLabels labels;
  labels.title = scenario.name + ": arm " + arm.name;
  for (const Node& node : arm.nodes) labels.vertex_details.push_back(kind_line(node));
  labels.vertex_details.resize(arm.nodes.size() + scenario.markets.size(), "market");
  for (const Lane& lane : arm.lanes) {
    std::string label = describe(lane.lead_time_days) + " d";
    if (lane.information_delay_days > 0.0) {
      label += fmt::format("\ninformation delay {} d", lane.information_delay_days);
    }
    labels.lane_labels.push_back(std::move(label));
  }
  network::write_dot(out, arm_network(scenario, arm), labels);
}

}  // namespace c2msim::scenario
