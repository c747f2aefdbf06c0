#include "sim/scenario/source_tree.hpp"

#include <fmt/core.h>

namespace c2msim::scenario {

SourceNode::SourceNode() = default;
SourceNode::SourceNode(const SourceNode&) = default;
SourceNode::SourceNode(SourceNode&&) noexcept = default;
SourceNode& SourceNode::operator=(const SourceNode&) = default;
SourceNode& SourceNode::operator=(SourceNode&&) noexcept = default;
SourceNode::~SourceNode() = default;

const SourceNode* SourceNode::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.name == key) return &v;
  }
  return nullptr;
}

SourceNode* SourceNode::find(std::string_view key) {
  for (auto& [k, v] : entries) {
    if (k.name == key) return &v;
  }
  return nullptr;
}

const SourceKey* SourceNode::find_key(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.first.name == key) return &entry.first;
  }
  return nullptr;
}

std::string describe(const SourceNode& node) {
  switch (node.kind) {
    case SourceNode::Kind::kNull:
      return "nothing";
    case SourceNode::Kind::kList:
      return "a list";
    case SourceNode::Kind::kMap:
      return "a map";
    case SourceNode::Kind::kScalar:
      break;
  }
  constexpr std::size_t kShown = 40;
  std::string text = node.scalar.substr(0, kShown);
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (node.scalar.size() > kShown) text += "...";
  return node.quoted ? fmt::format("the quoted text \"{}\"", text) : fmt::format("'{}'", text);
}

std::string child_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return fmt::format("{}.{}", parent, key);
}

std::string item_path(std::string_view parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

}  // namespace c2msim::scenario
