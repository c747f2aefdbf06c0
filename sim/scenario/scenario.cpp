#include "sim/scenario/scenario.hpp"

#include <algorithm>

namespace c2msim::scenario {
namespace {

template <typename T>
std::optional<std::size_t> index_of(const std::vector<T>& items, std::string_view id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  if (it == items.end()) return std::nullopt;
  return static_cast<std::size_t>(it - items.begin());
}

}  // namespace

bool Node::handles(std::size_t product) const {
  return products.empty() || std::find(products.begin(), products.end(), product) != products.end();
}

const Node* Arm::find_node(std::string_view id) const {
  const auto i = index_of(nodes, id);
  return i ? &nodes[*i] : nullptr;
}

const Arm* Scenario::find_arm(std::string_view arm_name) const {
  for (const Arm& arm : arms) {
    if (arm.name == arm_name) return &arm;
  }
  return nullptr;
}

std::optional<std::size_t> Scenario::product_index(std::string_view id) const {
  return index_of(products, id);
}

std::optional<std::size_t> Scenario::market_index(std::string_view id) const {
  return index_of(markets, id);
}

}  // namespace c2msim::scenario
