#pragma once
// The text of a scenario file as a tree of scalars, lists and maps, each value carrying the
// position where it was written and its key path. The loader makes it from YAML; arm inheritance
// merges these trees (so an overridden value keeps the child arm's position) and the readers turn
// them into the typed structs of scenario.hpp. Nothing here depends on a YAML library.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/diagnostic.hpp"

namespace c2msim::scenario {

struct SourceNode;

struct SourceKey {
  std::string name;
  SourcePosition position;
};

struct SourceNode {
  enum class Kind : unsigned char { kNull, kScalar, kList, kMap };

  Kind kind = Kind::kNull;
  std::string scalar;
  bool quoted = false;  // written in quotes or as a block scalar: text, never a number or a boolean
  SourcePosition position;
  std::string path;  // key path of this value where it was written, e.g. `arms.c2m.nodes[2].kind`
  std::vector<SourceNode> items;                          // a list, in file order
  std::vector<std::pair<SourceKey, SourceNode>> entries;  // a map, in file order

  // Declared here and defined in source_tree.cpp, where the entries' pair type is complete: clang
  // (up to 15) with libstdc++ cannot instantiate the implicit ones inside this recursive type.
  SourceNode();
  SourceNode(const SourceNode&);
  SourceNode(SourceNode&&) noexcept;
  SourceNode& operator=(const SourceNode&);
  SourceNode& operator=(SourceNode&&) noexcept;
  ~SourceNode();

  [[nodiscard]] bool is_null() const noexcept { return kind == Kind::kNull; }
  [[nodiscard]] bool is_scalar() const noexcept { return kind == Kind::kScalar; }
  [[nodiscard]] bool is_list() const noexcept { return kind == Kind::kList; }
  [[nodiscard]] bool is_map() const noexcept { return kind == Kind::kMap; }

  // The value of the first entry named `key` of a map; nullptr when absent or not a map.
  [[nodiscard]] const SourceNode* find(std::string_view key) const;
  [[nodiscard]] SourceNode* find(std::string_view key);
  // The entry's key (for its position), or nullptr.
  [[nodiscard]] const SourceKey* find_key(std::string_view key) const;
};

// How a value is named in messages: "a number", "a list", "the text 'abc'", "nothing".
std::string describe(const SourceNode& node);

// Joins key paths: `child_path("arms", "c2m")` is `arms.c2m`; from the root, just the key.
std::string child_path(std::string_view parent, std::string_view key);
std::string item_path(std::string_view parent, std::size_t index);

}  // namespace c2msim::scenario
