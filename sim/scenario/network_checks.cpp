#include "sim/scenario/network_checks.hpp"

#include <fmt/core.h>

#include <map>
#include <string>

#include "sim/scenario/arm_network.hpp"

namespace c2msim::scenario {

void check_network(ValueReader& reader, const Scenario& scenario, const Arm& arm,
                   const ArmSource& source, const std::vector<const SourceNode*>& market_sources) {
  const network::SupplyNetwork net = arm_network(scenario, arm);

  const std::vector<std::size_t> cycle = net.find_cycle();
  if (!cycle.empty()) {
    std::string path = arm.lanes[cycle.front()].from_id;
    for (std::size_t lane : cycle) path += " -> " + arm.lanes[lane].to_id;
    const std::size_t closing = cycle.back();
    reader.error(*source.lanes[closing],
                 fmt::format("lane {} -> {} closes the cycle {} in arm '{}'; goods must flow one "
                             "way, from factories to markets",
                             arm.lanes[closing].from_id, arm.lanes[closing].to_id, path, arm.name));
  }

  // Single sourcing: the model orders from one supplier per node, so a second lane into a node
  // would be ignored; say so rather than simulate something else than the file describes. (A lane
  // that closes a cycle also adds a supplier; the cycle, reported above, is the problem then.)
  std::map<std::string, std::size_t> supplier_lane;
  for (std::size_t l = 0; l < arm.lanes.size() && cycle.empty(); ++l) {
    const Lane& lane = arm.lanes[l];
    if (lane.to_market) continue;
    const auto [first, inserted] = supplier_lane.try_emplace(lane.to_id, l);
    if (inserted) continue;
    reader.error(*source.lanes[l],
                 fmt::format("'{}' already has a supplier, '{}', in arm '{}'; c2msim sources "
                             "each node from one supplier, so remove the lane from '{}' or give "
                             "the goods their own node",
                             lane.to_id, arm.lanes[first->second].from_id, arm.name, lane.from_id));
  }

  for (std::size_t i : net.nodes_without_supplier()) {
    const Node& node = arm.nodes[i];
    reader.error(*source.nodes[i],
                 fmt::format("{} '{}' has no supplier in arm '{}'; add a lane into it",
                             to_string(node.kind), node.id, arm.name));
  }

  for (const network::UnservedDemand& u : net.unreachable_demand()) {
    const Market& market = scenario.markets[u.market];
    const std::string what =
        scenario.products.size() == 1
            ? std::string("any factory")
            : fmt::format("any factory making '{}'", scenario.products[u.product].id);
    reader.error(*market_sources[u.market],
                 fmt::format("market '{}' cannot be reached from {} in arm '{}'; add lanes that "
                             "connect them",
                             market.id, what, arm.name));
  }
}

}  // namespace c2msim::scenario
