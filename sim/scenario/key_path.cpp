#include "sim/scenario/key_path.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/key_catalogue.hpp"

namespace c2msim::scenario {
namespace {

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_format_key(std::string_view name) {
  const auto sections = all_sections();
  return std::any_of(sections.begin(), sections.end(),
                     [&](const KeySection& s) { return s.find(name) != nullptr; });
}

const SourceNode* scalar_entry(const SourceNode& map, std::string_view key) {
  const SourceNode* v = map.is_map() ? map.find(key) : nullptr;
  return v && v->is_scalar() ? v : nullptr;
}

bool selects(const SourceNode& item, const KeyPathStep& step) {
  if (step.kind == KeyPathStep::Kind::kLane) {
    const SourceNode* from = scalar_entry(item, "from");
    const SourceNode* to = scalar_entry(item, "to");
    return from && to && from->scalar == step.text && to->scalar == step.to;
  }
  const SourceNode* id = scalar_entry(item, "id");
  return id && id->scalar == step.text;
}

std::string describe_step(const KeyPathStep& step) {
  if (step.kind == KeyPathStep::Kind::kLane) return fmt::format("[{}->{}]", step.text, step.to);
  return fmt::format("[{}]", step.text);
}

SourceNode scalar(std::string text, SourcePosition position) {
  SourceNode n;
  n.kind = SourceNode::Kind::kScalar;
  n.scalar = std::move(text);
  n.position = position;
  return n;
}

// An entry `{id: X}` or `{from: A, to: B}` for an extending arm's list.
SourceNode new_entry(const KeyPathStep& step, SourcePosition position) {
  SourceNode entry;
  entry.kind = SourceNode::Kind::kMap;
  entry.position = position;
  if (step.kind == KeyPathStep::Kind::kLane) {
    entry.entries.emplace_back(SourceKey{"from", position}, scalar(step.text, position));
    entry.entries.emplace_back(SourceKey{"to", position}, scalar(step.to, position));
  } else {
    entry.entries.emplace_back(SourceKey{"id", position}, scalar(step.text, position));
  }
  return entry;
}

std::string no_key_message(const SourceNode& map, std::string_view key, std::string_view where) {
  std::vector<std::string_view> keys;
  for (const auto& [k, v] : map.entries) keys.push_back(k.name);
  const std::string in =
      where.empty() ? std::string("at the top level") : fmt::format("in '{}'", where);
  if (const auto suggestion = did_you_mean(key, keys)) {
    return fmt::format("no key '{}' {} (did you mean '{}'?)", key, in, *suggestion);
  }
  std::string listed;
  for (std::string_view k : keys) listed += fmt::format("{}{}", listed.empty() ? "" : ", ", k);
  return fmt::format("no key '{}' {}; it has {}", key, in, listed.empty() ? "none" : listed);
}

std::string no_element_message(const SourceNode& list, const KeyPathStep& step,
                               std::string_view where) {
  std::vector<std::string> names;
  for (const SourceNode& item : list.items) {
    if (step.kind == KeyPathStep::Kind::kLane) {
      const SourceNode* from = scalar_entry(item, "from");
      const SourceNode* to = scalar_entry(item, "to");
      if (from && to) names.push_back(fmt::format("{}->{}", from->scalar, to->scalar));
    } else if (const SourceNode* id = scalar_entry(item, "id")) {
      names.push_back(id->scalar);
    }
  }
  const std::string wanted =
      step.kind == KeyPathStep::Kind::kLane ? step.text + "->" + step.to : step.text;
  const std::vector<std::string_view> views(names.begin(), names.end());
  if (const auto suggestion = did_you_mean(wanted, views)) {
    return fmt::format("'{}' has no element {} (did you mean '[{}]'?)", where, describe_step(step),
                       *suggestion);
  }
  if (is_digits(step.text) && step.kind == KeyPathStep::Kind::kSelect) {
    return fmt::format("'{}' has {} element(s), so no element [{}] (indices start at 0)", where,
                       list.items.size(), step.text);
  }
  std::string listed;
  for (const auto& n : names) listed += fmt::format("{}{}", listed.empty() ? "" : ", ", n);
  return fmt::format("'{}' has no element {}{}", where, describe_step(step),
                     listed.empty() ? "" : fmt::format("; it has {}", listed));
}

}  // namespace

std::string KeyPath::to_string() const {
  std::string out;
  for (const KeyPathStep& step : steps) {
    if (step.kind == KeyPathStep::Kind::kKey) {
      if (!out.empty()) out += '.';
      out += step.text;
    } else {
      out += describe_step(step);
    }
  }
  return out;
}

ParsedKeyPath parse_key_path(std::string_view text) {
  ParsedKeyPath out;
  const auto fail = [&](std::string message) {
    out.error = std::move(message);
    return out;
  };
  if (text.empty()) return fail("the key path is empty");
  KeyPath path;
  std::size_t i = 0;
  bool expect_key = true;  // at the start and after a dot
  while (i < text.size()) {
    const char c = text[i];
    if (c == '[') {
      if (expect_key) return fail(fmt::format("'[' at character {} follows no key", i + 1));
      const std::size_t close = text.find(']', i + 1);
      if (close == std::string_view::npos) {
        return fail(fmt::format("the '[' at character {} is not closed by ']'", i + 1));
      }
      const std::string_view inside = text.substr(i + 1, close - i - 1);
      if (inside.empty()) {
        return fail(
            fmt::format("empty [] at character {}; write [id], [from->to] or [index]", i + 1));
      }
      KeyPathStep step;
      if (const std::size_t arrow = inside.find("->"); arrow != std::string_view::npos) {
        step.kind = KeyPathStep::Kind::kLane;
        step.text = std::string(inside.substr(0, arrow));
        step.to = std::string(inside.substr(arrow + 2));
        if (step.text.empty() || step.to.empty()) {
          return fail(fmt::format("[{}]: a lane is selected by [from->to]", inside));
        }
      } else {
        step.kind = KeyPathStep::Kind::kSelect;
        step.text = std::string(inside);
      }
      path.steps.push_back(std::move(step));
      i = close + 1;
    } else if (c == '.') {
      if (expect_key) return fail(fmt::format("empty key at character {}", i + 1));
      expect_key = true;
      ++i;
    } else if (c == ']') {
      return fail(fmt::format("']' at character {} closes no '['", i + 1));
    } else {
      if (!expect_key) return fail(fmt::format("expected '.' or '[' at character {}", i + 1));
      const std::size_t end = text.find_first_of(".[]", i);
      const std::string_view key = text.substr(i, end == std::string_view::npos ? end : end - i);
      if (key.find_first_of(" \t=") != std::string_view::npos) {
        return fail(fmt::format("'{}' is not a key (keys have no spaces or '=')", key));
      }
      path.steps.push_back({KeyPathStep::Kind::kKey, std::string(key), {}});
      expect_key = false;
      i += key.size();
    }
  }
  if (expect_key) return fail("the key path ends with '.'");
  out.path = std::move(path);
  return out;
}

OverrideResult apply_override(SourceNode& root, const KeyPath& path, SourceNode value) {
  OverrideResult result;
  if (!root.is_map()) {
    result.error = "the file is not a map of keys";
    return result;
  }
  SourceNode* node = &root;
  std::string where;      // the path walked so far, as the user wrote it
  std::string tree_path;  // the same in the tree's own form (indices)
  bool in_extending_arm = false;
  const SourcePosition position = value.position;
  for (std::size_t i = 0; i < path.steps.size(); ++i) {
    const KeyPathStep& step = path.steps[i];
    const bool last = i + 1 == path.steps.size();
    if (i == 2 && path.steps[0].kind == KeyPathStep::Kind::kKey && path.steps[0].text == "arms") {
      // node is now the arm the path goes into.
      in_extending_arm = node->is_map() && node->find("extends") != nullptr;
    }
    if (step.kind == KeyPathStep::Kind::kKey) {
      if (!node->is_map()) {
        result.error = fmt::format("'{}' is {}, not a map, so it has no key '{}'", where,
                                   describe(*node), step.text);
        return result;
      }
      SourceNode* child = node->find(step.text);
      const std::string child_tree_path = child_path(tree_path, step.text);
      if (!child) {
        const bool next_is_key = !last && path.steps[i + 1].kind == KeyPathStep::Kind::kKey;
        // An extending arm that writes no nodes (lanes) of its own gets a list for the override.
        const bool arm_list =
            in_extending_arm && i == 2 && (step.text == "nodes" || step.text == "lanes");
        if (!last && !arm_list && !(next_is_key && is_format_key(step.text))) {
          result.error = no_key_message(*node, step.text, where);
          return result;
        }
        SourceNode added;
        if (arm_list) {
          added.kind = SourceNode::Kind::kList;
        } else if (!last) {
          added.kind = SourceNode::Kind::kMap;
        }
        added.position = position;
        added.path = child_tree_path;
        node->entries.emplace_back(SourceKey{step.text, position}, std::move(added));
        child = &node->entries.back().second;
      }
      node = child;
      tree_path = child_tree_path;
      where = child_path(where, step.text);
      continue;
    }
    if (!node->is_list()) {
      result.error = fmt::format("'{}' is {}, not a list, so {} selects nothing", where,
                                 describe(*node), describe_step(step));
      return result;
    }
    auto found = std::find_if(node->items.begin(), node->items.end(),
                              [&](const SourceNode& item) { return selects(item, step); });
    // An index when no element has that id (ids may be digits too). Nine digits cannot overflow.
    if (found == node->items.end() && step.kind == KeyPathStep::Kind::kSelect &&
        is_digits(step.text) && step.text.size() <= 9) {
      const std::size_t index = std::stoul(step.text);
      if (index < node->items.size()) {
        found = node->items.begin() + static_cast<std::ptrdiff_t>(index);
      }
    }
    const bool arm_list = in_extending_arm && i == 3 &&
                          (path.steps[2].text == "nodes" || path.steps[2].text == "lanes");
    if (found == node->items.end()) {
      if (!arm_list) {
        result.error = no_element_message(*node, step, where);
        return result;
      }
      node->items.push_back(new_entry(step, position));
      assign_paths(node->items.back(), item_path(tree_path, node->items.size() - 1));
      found = node->items.end() - 1;
    }
    tree_path = item_path(tree_path, static_cast<std::size_t>(found - node->items.begin()));
    where += describe_step(step);
    node = &*found;
  }
  *node = std::move(value);
  assign_paths(*node, tree_path);
  result.placed_at = tree_path;
  return result;
}

void assign_paths(SourceNode& node, const std::string& path) {
  node.path = path;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    assign_paths(node.items[i], item_path(path, i));
  }
  for (auto& [k, v] : node.entries) assign_paths(v, child_path(path, k.name));
}

void assign_position(SourceNode& node, SourcePosition position) {
  node.position = position;
  for (SourceNode& item : node.items) assign_position(item, position);
  for (auto& [k, v] : node.entries) {
    k.position = position;
    assign_position(v, position);
  }
}

std::string flow_text(const SourceNode& node) {
  switch (node.kind) {
    case SourceNode::Kind::kNull:
      return "null";
    case SourceNode::Kind::kScalar:
      if (node.quoted || node.scalar.find_first_of(",:[]{}#\"'\n") != std::string::npos) {
        std::string quoted = "\"";
        for (char c : node.scalar) {
          if (c == '"' || c == '\\') quoted += '\\';
          quoted += c == '\n' ? ' ' : c;
        }
        return quoted + '"';
      }
      return node.scalar;
    case SourceNode::Kind::kList: {
      std::string out = "[";
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        out += (i ? ", " : "") + flow_text(node.items[i]);
      }
      return out + "]";
    }
    case SourceNode::Kind::kMap: {
      std::string out = "{";
      for (std::size_t i = 0; i < node.entries.size(); ++i) {
        out +=
            (i ? ", " : "") + node.entries[i].first.name + ": " + flow_text(node.entries[i].second);
      }
      return out + "}";
    }
  }
  return {};
}

}  // namespace c2msim::scenario
