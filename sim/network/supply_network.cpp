#include "sim/network/supply_network.hpp"

#include <algorithm>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <optional>

namespace c2msim::network {
namespace {

// Records, for each vertex, the tree edge that discovered it, and the first back edge met: a
// back edge u -> v closes the cycle v -> ... -> u -> v of tree edges.
class CycleRecorder : public boost::default_dfs_visitor {
 public:
  CycleRecorder(std::vector<std::optional<Edge>>& discovered_by, std::optional<Edge>& back_edge)
      : discovered_by_(&discovered_by), back_edge_(&back_edge) {}

  void tree_edge(Edge e, const SupplyGraph& g) { (*discovered_by_)[boost::target(e, g)] = e; }
  void back_edge(Edge e, const SupplyGraph&) {
    if (!*back_edge_) *back_edge_ = e;
  }

 private:
  std::vector<std::optional<Edge>>* discovered_by_;
  std::optional<Edge>* back_edge_;
};

}  // namespace

SupplyNetwork::SupplyNetwork(const std::vector<NetworkNode>& nodes,
                             const std::vector<NetworkNode>& markets,
                             const std::vector<NetworkLane>& lanes)
    : graph_(nodes.size() + markets.size()),
      node_count_(nodes.size()),
      market_count_(markets.size()) {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    graph_[node_vertex(i)] = {nodes[i].id, nodes[i].kind, i, nodes[i].products};
  }
  for (std::size_t m = 0; m < markets.size(); ++m) {
    graph_[market_vertex(m)] = {markets[m].id, NodeKind::kMarket, m, markets[m].products};
  }
  for (std::size_t l = 0; l < lanes.size(); ++l) {
    const NetworkLane& lane = lanes[l];
    const Vertex to = lane.to_market ? market_vertex(lane.to) : node_vertex(lane.to);
    boost::add_edge(node_vertex(lane.from), to, LaneProperties{l}, graph_);
  }
}

std::vector<std::size_t> SupplyNetwork::lanes_into(Vertex v) const {
  std::vector<std::size_t> out;
  for (const Edge e : boost::make_iterator_range(boost::in_edges(v, graph_))) {
    out.push_back(graph_[e].index);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool SupplyNetwork::handles(Vertex v, std::size_t product) const {
  const std::vector<std::size_t>& products = graph_[v].products;
  return products.empty() || std::find(products.begin(), products.end(), product) != products.end();
}

std::vector<std::size_t> SupplyNetwork::find_cycle() const {
  std::vector<std::optional<Edge>> discovered_by(boost::num_vertices(graph_));
  std::optional<Edge> back;
  boost::depth_first_search(graph_, boost::visitor(CycleRecorder(discovered_by, back)));
  if (!back) return {};
  // Walk the tree edges back from the back edge's source to its target.
  std::vector<std::size_t> lanes{graph_[*back].index};
  const Vertex start = boost::target(*back, graph_);
  for (Vertex v = boost::source(*back, graph_); v != start;) {
    const Edge e = *discovered_by[v];
    lanes.push_back(graph_[e].index);
    v = boost::source(e, graph_);
  }
  std::reverse(lanes.begin(), lanes.end());
  return lanes;
}

std::vector<Vertex> SupplyNetwork::topological_order() const {
  std::vector<Vertex> reversed;
  boost::topological_sort(graph_, std::back_inserter(reversed));
  return {reversed.rbegin(), reversed.rend()};
}

std::vector<std::size_t> SupplyNetwork::nodes_without_supplier() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < node_count_; ++i) {
    const Vertex v = node_vertex(i);
    if (graph_[v].kind != NodeKind::kFactory && boost::in_degree(v, graph_) == 0) {
      out.push_back(i);
    }
  }
  return out;
}

std::vector<UnservedDemand> SupplyNetwork::unreachable_demand() const {
  std::vector<UnservedDemand> out;
  for (std::size_t m = 0; m < market_count_; ++m) {
    const Vertex market = market_vertex(m);
    for (std::size_t product : graph_[market].products) {
      // Walk upstream from the market through suppliers that handle the product.
      std::vector<bool> seen(boost::num_vertices(graph_), false);
      std::vector<Vertex> frontier{market};
      seen[market] = true;
      bool served = false;
      while (!frontier.empty() && !served) {
        const Vertex v = frontier.back();
        frontier.pop_back();
        for (const Edge e : boost::make_iterator_range(boost::in_edges(v, graph_))) {
          const Vertex supplier = boost::source(e, graph_);
          if (seen[supplier] || !handles(supplier, product)) continue;
          seen[supplier] = true;
          if (graph_[supplier].kind == NodeKind::kFactory) served = true;
          frontier.push_back(supplier);
        }
      }
      if (!served) out.push_back({m, product});
    }
  }
  return out;
}

}  // namespace c2msim::network
