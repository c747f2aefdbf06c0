#pragma once
// The network of one arm as a Boost.Graph: a vertex per node of the arm (in the arm's order), then
// a vertex per market of the scenario; an edge per lane, from the supplier to its customer. The
// structural rules of model.md section 2 are checked here: the supply graph is a DAG, every
// market's demand can be reached from a factory making the product, and every node other than a
// factory has a supplier. The model walks the same graph. Nothing here knows YAML.

#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace c2msim::network {

struct NodeProperties {
  std::string id;
  scenario::NodeKind kind = scenario::NodeKind::kFactory;
  std::size_t index = 0;  // into Arm::nodes, or into Scenario::markets for a market
  // The products the node handles, or a market's customers want; empty: every product.
  std::vector<std::size_t> products;
};

struct LaneProperties {
  std::size_t index = 0;  // into Arm::lanes
};

using SupplyGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                          NodeProperties, LaneProperties>;
using Vertex = boost::graph_traits<SupplyGraph>::vertex_descriptor;
using Edge = boost::graph_traits<SupplyGraph>::edge_descriptor;

// Demand that no factory can serve: customers of `market` wanting `product`.
struct UnservedDemand {
  std::size_t market = 0;
  std::size_t product = 0;

  friend bool operator==(const UnservedDemand&, const UnservedDemand&) = default;
};

class SupplyNetwork {
 public:
  // The arm's lanes must name existing nodes and markets (the loader has checked them).
  SupplyNetwork(const scenario::Scenario& scenario, const scenario::Arm& arm);

  [[nodiscard]] const SupplyGraph& graph() const noexcept { return graph_; }
  [[nodiscard]] std::size_t node_count() const noexcept { return node_count_; }
  [[nodiscard]] std::size_t market_count() const noexcept { return market_count_; }
  [[nodiscard]] Vertex node_vertex(std::size_t node) const noexcept { return node; }
  [[nodiscard]] Vertex market_vertex(std::size_t market) const noexcept {
    return node_count_ + market;
  }

  // The lanes (indices into Arm::lanes) of a cycle, in order along it, the first a depth-first
  // search in vertex order meets; empty when the graph is acyclic.
  [[nodiscard]] std::vector<std::size_t> find_cycle() const;
  // Every vertex after all of its suppliers. Only for an acyclic graph (see find_cycle).
  [[nodiscard]] std::vector<Vertex> topological_order() const;
  // Nodes (indices into Arm::nodes) other than factories that no lane supplies.
  [[nodiscard]] std::vector<std::size_t> nodes_without_supplier() const;
  // Market demand with no path to it from a factory making the product through nodes that
  // handle the product, in market then product order.
  [[nodiscard]] std::vector<UnservedDemand> unreachable_demand() const;

 private:
  [[nodiscard]] bool handles(Vertex v, std::size_t product) const;

  SupplyGraph graph_;
  std::size_t node_count_ = 0;
  std::size_t market_count_ = 0;
};

}  // namespace c2msim::network
