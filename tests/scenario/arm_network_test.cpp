// An arm's supply network (sim/network/ through sim/scenario/arm_network.hpp): its vertices and
// lanes, the structural checks, and its DOT drawing.

#include "sim/scenario/arm_network.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace sc = c2msim::scenario;
namespace net = c2msim::network;

namespace {

// Two products; one market wanting both.
sc::Scenario two_products() {
  sc::Scenario s;
  s.name = "test";
  s.products = {{"a", 10.0, 1, {}, {}, 0.0}, {"b", 20.0, 1, {}, {}, 0.0}};
  sc::Market m;
  m.id = "m";
  m.products = {{0, 0.5}, {1, 0.5}};
  s.markets = {m};
  return s;
}

sc::Node make_node(std::string id, sc::NodeKind kind, std::vector<std::size_t> products = {}) {
  sc::Node n;
  n.id = std::move(id);
  n.kind = kind;
  n.products = std::move(products);
  return n;
}

sc::Lane lane_to_node(c2msim::model::Index from, c2msim::model::Index to) {
  sc::Lane l;
  l.from = from;
  l.to = to;
  return l;
}

sc::Lane lane_to_market(c2msim::model::Index from, c2msim::model::Index market) {
  sc::Lane l = lane_to_node(from, market);
  l.to_market = true;
  return l;
}

// factory -> warehouse -> retailer -> market m
sc::Arm chain() {
  sc::Arm arm;
  arm.name = "chain";
  arm.nodes = {make_node("f", sc::NodeKind::kFactory), make_node("w", sc::NodeKind::kWarehouse),
               make_node("r", sc::NodeKind::kRetailer)};
  arm.lanes = {lane_to_node(0, 1), lane_to_node(1, 2), lane_to_market(2, 0)};
  for (sc::Lane& l : arm.lanes) {
    l.from_id = arm.nodes[l.from].id;
    l.to_id = l.to_market ? "m" : arm.nodes[l.to].id;
  }
  return arm;
}

}  // namespace

TEST_CASE("the network has a vertex per node then per market and an edge per lane", "[network]") {
  const sc::Scenario s = two_products();
  const net::SupplyNetwork network = sc::arm_network(s, chain());
  const net::SupplyGraph& g = network.graph();
  REQUIRE(boost::num_vertices(g) == 4);
  REQUIRE(boost::num_edges(g) == 3);
  CHECK(g[network.node_vertex(1)].id == "w");
  CHECK(g[network.node_vertex(1)].kind == sc::NodeKind::kWarehouse);
  CHECK(g[network.market_vertex(0)].id == "m");
  CHECK(g[network.market_vertex(0)].kind == sc::NodeKind::kMarket);
  CHECK(g[network.market_vertex(0)].products == std::vector<std::size_t>{0, 1});
  const auto [e, exists] = boost::edge(network.node_vertex(2), network.market_vertex(0), g);
  REQUIRE(exists);
  CHECK(g[e].index == 2);
  CHECK(boost::in_degree(network.node_vertex(0), g) == 0);
}

TEST_CASE("an acyclic network has no cycle and a supplier-first order", "[network]") {
  const net::SupplyNetwork network = sc::arm_network(two_products(), chain());
  CHECK(network.find_cycle().empty());
  const std::vector<net::Vertex> order = network.topological_order();
  REQUIRE(order.size() == 4);
  const auto position = [&](net::Vertex v) { return std::find(order.begin(), order.end(), v); };
  CHECK(position(network.node_vertex(0)) < position(network.node_vertex(1)));
  CHECK(position(network.node_vertex(1)) < position(network.node_vertex(2)));
  CHECK(position(network.node_vertex(2)) < position(network.market_vertex(0)));
}

TEST_CASE("find_cycle returns the lanes of a cycle in order along it", "[network]") {
  sc::Arm arm = chain();
  arm.nodes.push_back(make_node("x", sc::NodeKind::kWarehouse));
  arm.lanes.push_back(lane_to_node(2, 3));  // r -> x
  arm.lanes.push_back(lane_to_node(3, 1));  // x -> w: w -> r -> x -> w
  const net::SupplyNetwork network = sc::arm_network(two_products(), arm);
  CHECK(network.find_cycle() == std::vector<std::size_t>{1, 3, 4});
}

TEST_CASE("a lane from a node to itself is a cycle of one lane", "[network]") {
  sc::Arm arm = chain();
  arm.lanes.push_back(lane_to_node(1, 1));
  const net::SupplyNetwork network = sc::arm_network(two_products(), arm);
  CHECK(network.find_cycle() == std::vector<std::size_t>{3});
}

TEST_CASE("every node but a factory needs a supplier", "[network]") {
  sc::Arm arm = chain();
  arm.nodes.push_back(make_node("orphan", sc::NodeKind::kRetailer));
  arm.nodes.push_back(make_node("second-factory", sc::NodeKind::kFactory));
  const net::SupplyNetwork network = sc::arm_network(two_products(), arm);
  CHECK(network.nodes_without_supplier() == std::vector<std::size_t>{3});
}

TEST_CASE("a market's demand is served only through nodes that handle the product", "[network]") {
  const sc::Scenario s = two_products();
  sc::Arm arm = chain();
  CHECK(sc::arm_network(s, arm).unreachable_demand().empty());

  arm.nodes[1].products = {0};  // the warehouse handles product a only
  CHECK(sc::arm_network(s, arm).unreachable_demand() == std::vector<net::UnservedDemand>{{0, 1}});

  // A second route for b: factory -> platform -> market.
  arm.nodes.push_back(make_node("p", sc::NodeKind::kPlatform, {1}));
  arm.lanes.push_back(lane_to_node(0, 3));
  arm.lanes.push_back(lane_to_market(3, 0));
  CHECK(sc::arm_network(s, arm).unreachable_demand().empty());

  arm.nodes[0].products = {0};  // but the factory makes a only
  CHECK(sc::arm_network(s, arm).unreachable_demand() == std::vector<net::UnservedDemand>{{0, 1}});
}

TEST_CASE("a market with no lane into it is unreachable for every product", "[network]") {
  sc::Arm arm = chain();
  arm.lanes.pop_back();
  CHECK(sc::arm_network(two_products(), arm).unreachable_demand() ==
        std::vector<net::UnservedDemand>{{0, 0}, {0, 1}});
}

TEST_CASE("write_dot draws nodes by kind and labels lanes with lead times", "[network]") {
  sc::Arm arm = chain();
  arm.lanes[0].lead_time_days = c2msim::random::Constant{2.5};
  arm.lanes[1].information_delay_days = 1.0;
  std::ostringstream out;
  sc::write_arm_dot(out, two_products(), arm);
  const std::string dot = out.str();
  CHECK(dot.rfind("digraph G {\n", 0) == 0);
  CHECK(dot.find("label=\"test: arm chain\";") != std::string::npos);
  CHECK(dot.find("f[label=\"f\\nfactory\", shape=box3d];") != std::string::npos);
  CHECK(dot.find("r[label=\"r\\nretailer\", shape=house];") != std::string::npos);
  CHECK(dot.find("m[label=\"m\\nmarket\", shape=ellipse];") != std::string::npos);
  CHECK(dot.find("f->w [label=\"2.5 d\"];") != std::string::npos);
  CHECK(dot.find("w->r [label=\"0 d\\ninformation delay 1 d\"];") != std::string::npos);
}
