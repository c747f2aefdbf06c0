// The supply network alone, from plain nodes, markets and lanes.

#include "sim/network/supply_network.hpp"

#include <catch2/catch.hpp>
#include <vector>

namespace net = c2msim::network;
using net::NodeKind;

namespace {

// f -> w -> r -> m, and f -> p -> m.
struct Fixture {
  std::vector<net::NetworkNode> nodes{{"f", NodeKind::kFactory, {}},
                                      {"w", NodeKind::kWarehouse, {}},
                                      {"r", NodeKind::kRetailer, {}},
                                      {"p", NodeKind::kPlatform, {}}};
  std::vector<net::NetworkNode> markets{{"m", NodeKind::kRetailer, {0}}};
  std::vector<net::NetworkLane> lanes{
      {0, 1, false}, {1, 2, false}, {2, 0, true}, {0, 3, false}, {3, 0, true}};
};

}  // namespace

TEST_CASE("lanes into a vertex come in the order they were given", "[network]") {
  const Fixture f;
  const net::SupplyNetwork network(f.nodes, f.markets, f.lanes);
  CHECK(network.lanes_into(network.market_vertex(0)) == std::vector<std::size_t>{2, 4});
  CHECK(network.lanes_into(network.node_vertex(2)) == std::vector<std::size_t>{1});
  CHECK(network.lanes_into(network.node_vertex(0)).empty());
  CHECK(network.graph()[network.market_vertex(0)].kind == NodeKind::kMarket);
}

TEST_CASE("the topological order puts every node after its supplier", "[network]") {
  const Fixture f;
  const net::SupplyNetwork network(f.nodes, f.markets, f.lanes);
  const auto order = network.topological_order();
  std::vector<std::size_t> position(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
  for (const auto& lane : f.lanes) {
    const auto to = lane.to_market ? network.market_vertex(lane.to) : network.node_vertex(lane.to);
    CHECK(position[network.node_vertex(lane.from)] < position[to]);
  }
}

TEST_CASE("a lane back up the chain closes a cycle", "[network]") {
  Fixture f;
  CHECK(net::SupplyNetwork(f.nodes, f.markets, f.lanes).find_cycle().empty());
  f.lanes.push_back({2, 0, false});  // r -> f
  CHECK(net::SupplyNetwork(f.nodes, f.markets, f.lanes).find_cycle() ==
        std::vector<std::size_t>{0, 1, 5});
}
