#pragma once
// What a vertex of a supply network is. The scenario format and the model use the same kinds
// (a market is a vertex of the graph, declared once for every arm, never a node of an arm).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace c2msim::network {

enum class NodeKind : std::uint8_t { kFactory, kWarehouse, kRetailer, kPlatform, kMarket };

// The words a scenario file uses for each kind, in enumerator order.
inline constexpr std::array<std::string_view, 5> kNodeKindNames{"factory", "warehouse", "retailer",
                                                                "platform", "market"};

inline std::string_view to_string(NodeKind kind) {
  return kNodeKindNames[static_cast<std::size_t>(kind)];
}

}  // namespace c2msim::network
