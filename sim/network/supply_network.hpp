#pragma once
// A supply network as a Boost.Graph: a vertex per node (in the order given), then a vertex per
// market; an edge per lane, from the supplier to its customer. The structural rules of
// docs/model.md are checked here: the supply graph is a DAG, every market's demand can be reached
// from a factory making the product, and every node other than a factory has a supplier. The
// scenario loader checks an arm's network with it, and the model takes the order of its nodes
// from the same graph. It knows nothing of scenario files or of the model.

#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/network/node_kind.hpp"

namespace c2msim::network {

// A node or a market: its id, kind, and the products it handles (a market: that its customers
// want); empty: every product.
struct NetworkNode {
  std::string id;
  NodeKind kind = NodeKind::kFactory;
  std::vector<std::size_t> products;
};

// A lane from node `from` to node `to`, or to market `to` when `to_market`.
struct NetworkLane {
  std::size_t from = 0;
  std::size_t to = 0;
  bool to_market = false;
};

struct NodeProperties {
  std::string id;
  NodeKind kind = NodeKind::kFactory;
  std::size_t index = 0;  // into the nodes, or into the markets for a market
  // The products the node handles, or a market's customers want; empty: every product.
  std::vector<std::size_t> products;
};

struct LaneProperties {
  std::size_t index = 0;  // into the lanes
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
  // Lanes must name existing nodes and markets; the markets' kinds are taken as kMarket.
  SupplyNetwork(const std::vector<NetworkNode>& nodes, const std::vector<NetworkNode>& markets,
                const std::vector<NetworkLane>& lanes);

  [[nodiscard]] const SupplyGraph& graph() const noexcept { return graph_; }
  [[nodiscard]] std::size_t node_count() const noexcept { return node_count_; }
  [[nodiscard]] std::size_t market_count() const noexcept { return market_count_; }
  [[nodiscard]] Vertex node_vertex(std::size_t node) const noexcept { return node; }
  [[nodiscard]] Vertex market_vertex(std::size_t market) const noexcept {
    return node_count_ + market;
  }

  // The lanes (indices into the lanes) of a cycle, in order along it, the first a depth-first
  // search in vertex order meets; empty when the graph is acyclic.
  [[nodiscard]] std::vector<std::size_t> find_cycle() const;
  // Every vertex after all of its suppliers. Only for an acyclic graph (see find_cycle).
  [[nodiscard]] std::vector<Vertex> topological_order() const;
  // The lanes (indices into the lanes) into a vertex, in the order they were given.
  [[nodiscard]] std::vector<std::size_t> lanes_into(Vertex v) const;
  // Nodes (indices into the nodes) other than factories that no lane supplies.
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
