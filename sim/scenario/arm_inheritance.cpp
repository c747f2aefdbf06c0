#include "sim/scenario/arm_inheritance.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/key_catalogue.hpp"

namespace c2msim::scenario {
namespace {

bool is_choice_key(std::string_view name) {
  for (const KeySection& s : all_sections()) {
    const KeyInfo* k = s.find(name);
    if (k && k->choice()) return true;
  }
  return false;
}

bool is_true(const SourceNode* v) {
  return v && v->is_scalar() && !v->quoted &&
         (v->scalar == "true" || v->scalar == "True" || v->scalar == "TRUE");
}

const SourceNode* scalar_entry(const SourceNode& map, std::string_view key) {
  const SourceNode* v = map.is_map() ? map.find(key) : nullptr;
  return v && v->is_scalar() ? v : nullptr;
}

// How list entries are matched: nodes by id, lanes by from -> to.
std::optional<std::string> node_key(const SourceNode& entry) {
  const SourceNode* id = scalar_entry(entry, "id");
  if (!id) return std::nullopt;
  return id->scalar;
}

std::optional<std::string> lane_key(const SourceNode& entry) {
  const SourceNode* from = scalar_entry(entry, "from");
  const SourceNode* to = scalar_entry(entry, "to");
  if (!from || !to) return std::nullopt;
  return fmt::format("{} -> {}", from->scalar, to->scalar);
}

using EntryKey = std::function<std::optional<std::string>(const SourceNode&)>;

void merge_value(SourceNode& base, const SourceNode& child, std::string_view key_name);

// Child entries override the base map's entries of the same key, in place; new keys are appended.
void merge_map(SourceNode& base, const SourceNode& child) {
  base.position = child.position;
  base.path = child.path;
  for (const auto& [k, v] : child.entries) {
    const auto it = std::find_if(base.entries.begin(), base.entries.end(),
                                 [&name = k.name](const auto& e) { return e.first.name == name; });
    if (it == base.entries.end()) {
      base.entries.emplace_back(k, v);
    } else {
      it->first = k;
      merge_value(it->second, v, k.name);
    }
  }
}

void merge_value(SourceNode& base, const SourceNode& child, std::string_view key_name) {
  if (!base.is_map() || !child.is_map()) {
    base = child;
    return;
  }
  const bool other_alternative =
      is_choice_key(key_name) &&
      !(base.entries.size() == 1 && child.entries.size() == 1 &&
        base.entries.front().first.name == child.entries.front().first.name);
  if (other_alternative) {
    base = child;
  } else {
    merge_map(base, child);
  }
}

// Reports entries of one written list that repeat an earlier entry's key.
void report_repeats(ValueReader& reader, const SourceNode& list, const EntryKey& key_of,
                    std::string_view what) {
  if (!list.is_list()) return;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const auto key = key_of(list.items[i]);
    if (!key) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (key_of(list.items[j]) == key) {
        reader.error(list.items[i], fmt::format("repeats the {} '{}' of line {}", what, *key,
                                                list.items[j].position.line));
        break;
      }
    }
  }
}

// Merges the child's list into the base list by entry key; returns the keys of removed entries.
std::vector<std::string> merge_list(ValueReader& reader, SourceNode& base, const SourceNode& child,
                                    const EntryKey& key_of, std::string_view what,
                                    std::string_view parent) {
  std::vector<std::string> removed;
  if (!base.is_list() || !child.is_list()) {
    base = child;
    return removed;
  }
  base.position = child.position;
  base.path = child.path;
  for (const SourceNode& entry : child.items) {
    const auto key = key_of(entry);
    const auto found = key ? std::find_if(base.items.begin(), base.items.end(),
                                          [&](const SourceNode& b) { return key_of(b) == key; })
                           : base.items.end();
    const bool remove = is_true(entry.is_map() ? entry.find("remove") : nullptr);
    if (found == base.items.end()) {
      if (remove) {
        reader.error(entry, fmt::format("arm '{}' has no {} '{}' to remove", parent, what,
                                        key.value_or("?")));
      } else {
        base.items.push_back(entry);
      }
    } else if (remove) {
      base.items.erase(found);
      removed.push_back(*key);
    } else {
      merge_map(*found, entry);
    }
  }
  return removed;
}

void remove_lanes_touching(SourceNode& lanes, const std::vector<std::string>& node_ids) {
  if (!lanes.is_list() || node_ids.empty()) return;
  const auto touches = [&](const SourceNode& lane) {
    for (std::string_view end : {"from", "to"}) {
      const SourceNode* v = scalar_entry(lane, end);
      if (v && std::find(node_ids.begin(), node_ids.end(), v->scalar) != node_ids.end()) {
        return true;
      }
    }
    return false;
  };
  std::erase_if(lanes.items, touches);
}

// `remove: true` is only meaningful in an arm that inherits what it removes.
void report_removals_without_parent(ValueReader& reader, const SourceNode* list,
                                    std::string_view arm_name) {
  if (!list || !list->is_list()) return;
  for (const SourceNode& entry : list->items) {
    const SourceNode* remove = entry.is_map() ? entry.find("remove") : nullptr;
    if (is_true(remove)) {
      reader.error(*remove, fmt::format("arm '{}' does not extend another arm, so there is "
                                        "nothing to remove",
                                        arm_name));
    }
  }
}

SourceNode without_removals(const SourceNode& arm) {
  SourceNode out = arm;
  for (std::string_view list_key : {"nodes", "lanes"}) {
    SourceNode* list = out.find(list_key);
    if (!list || !list->is_list()) continue;
    std::erase_if(list->items, [](const SourceNode& e) {
      return is_true(e.is_map() ? e.find("remove") : nullptr);
    });
  }
  return out;
}

// The child arm applied onto the merged content of its parent arm `parent_name`.
SourceNode merge_arm(ValueReader& reader, const SourceNode& parent, const SourceNode& child,
                     std::string_view parent_name) {
  SourceNode merged = parent;
  merged.position = child.position;
  merged.path = child.path;
  std::erase_if(merged.entries, [](const auto& e) { return e.first.name == "description"; });
  std::vector<std::string> removed_nodes;
  for (std::string_view list_key : {"nodes", "lanes"}) {
    const SourceNode* written = child.find(list_key);
    SourceNode* base = merged.find(list_key);
    if (list_key == "lanes" && base) remove_lanes_touching(*base, removed_nodes);
    if (!written) continue;
    if (!base) {
      SourceNode empty;
      empty.kind = SourceNode::Kind::kList;
      merged.entries.emplace_back(*child.find_key(list_key), std::move(empty));
      base = &merged.entries.back().second;
    }
    if (list_key == "nodes") {
      removed_nodes = merge_list(reader, *base, *written, node_key, "node", parent_name);
    } else {
      merge_list(reader, *base, *written, lane_key, "lane", parent_name);
    }
  }
  for (const auto& [k, v] : child.entries) {
    if (k.name == "nodes" || k.name == "lanes") continue;
    const auto it = std::find_if(merged.entries.begin(), merged.entries.end(),
                                 [&name = k.name](const auto& e) { return e.first.name == name; });
    if (it == merged.entries.end()) {
      merged.entries.emplace_back(k, v);
    } else {
      *it = {k, v};
    }
  }
  return without_removals(merged);
}

class Resolver {
 public:
  Resolver(ValueReader& reader, const SourceNode& arms) : reader_(reader) {
    for (const auto& [k, v] : arms.entries) {
      ResolvedArm arm;
      arm.name = k.name;
      arm.name_position = k.position;
      arm.written = &v;
      arms_.push_back(std::move(arm));
    }
    state_.assign(arms_.size(), State::kTodo);
  }

  std::vector<ResolvedArm> run() {
    for (const ResolvedArm& arm : arms_) {
      for (std::string_view list : {"nodes", "lanes"}) {
        const SourceNode* written = arm.written->is_map() ? arm.written->find(list) : nullptr;
        if (!written) continue;
        if (list == "nodes") {
          report_repeats(reader_, *written, node_key, "node id");
        } else {
          report_repeats(reader_, *written, lane_key, "lane");
        }
      }
    }
    for (std::size_t i = 0; i < arms_.size(); ++i) resolve(i);
    return std::move(arms_);
  }

 private:
  enum class State : unsigned char { kTodo, kInProgress, kDone };

  std::optional<std::size_t> find(std::string_view name) const {
    for (std::size_t i = 0; i < arms_.size(); ++i) {
      if (arms_[i].name == name) return i;
    }
    return std::nullopt;
  }

  std::vector<std::string_view> names() const {
    std::vector<std::string_view> out;
    for (const ResolvedArm& arm : arms_) out.push_back(arm.name);
    return out;
  }

  // Merges arm i with its ancestors; false when that is impossible.
  bool resolve(std::size_t i) {
    if (state_[i] == State::kDone) return arms_[i].resolved;
    ResolvedArm& arm = arms_[i];
    const SourceNode& written = *arm.written;
    const SourceNode* extends = written.is_map() ? written.find("extends") : nullptr;
    state_[i] = State::kInProgress;
    if (!extends) {
      report_removals_without_parent(reader_, written.is_map() ? written.find("nodes") : nullptr,
                                     arm.name);
      report_removals_without_parent(reader_, written.is_map() ? written.find("lanes") : nullptr,
                                     arm.name);
      arm.merged = without_removals(written);
      arm.resolved = true;
      state_[i] = State::kDone;
      return true;
    }
    const auto parent_name = reader_.text(*extends);
    const auto parent = parent_name ? find(*parent_name) : std::nullopt;
    bool ok = false;
    if (parent_name && !parent) {
      const auto all = names();
      const auto suggestion = did_you_mean(*parent_name, all);
      reader_.error(*extends, suggestion ? fmt::format("unknown arm '{}'; did you mean '{}'?",
                                                       *parent_name, *suggestion)
                                         : fmt::format("unknown arm '{}'", *parent_name));
    } else if (parent && state_[*parent] == State::kInProgress) {
      reader_.error(*extends, fmt::format("`extends` forms a loop: {}", loop_from(i)));
    } else if (parent) {
      // A parent or child that is not a map is reported when it is read.
      ok = resolve(*parent) && arms_[*parent].merged.is_map() && written.is_map();
      if (ok) arm.merged = merge_arm(reader_, arms_[*parent].merged, written, arms_[*parent].name);
    }
    arm.resolved = ok;
    state_[i] = State::kDone;
    return ok;
  }

  // "a -> b -> a", starting at arm i.
  std::string loop_from(std::size_t i) const {
    std::string out = arms_[i].name;
    std::size_t at = i;
    for (std::size_t steps = 0; steps <= arms_.size(); ++steps) {
      const SourceNode* extends = arms_[at].written->find("extends");
      const auto next = extends && extends->is_scalar() ? find(extends->scalar) : std::nullopt;
      if (!next) break;
      out += " -> " + arms_[*next].name;
      if (*next == i) break;
      at = *next;
    }
    return out;
  }

  ValueReader& reader_;
  std::vector<ResolvedArm> arms_;
  std::vector<State> state_;
};

}  // namespace

std::vector<ResolvedArm> resolve_arms(ValueReader& reader, const SourceNode& arms) {
  if (!arms.is_map()) return {};
  return Resolver(reader, arms).run();
}

}  // namespace c2msim::scenario
