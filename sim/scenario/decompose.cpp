#include "sim/scenario/decompose.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>

#include "sim/scenario/key_catalogue.hpp"
#include "sim/scenario/limits.hpp"
#include "sim/scenario/scenario_reader.hpp"

namespace c2msim::scenario {
namespace {

std::vector<std::string_view> arm_names(const Scenario& scenario) {
  std::vector<std::string_view> names;
  for (const Arm& arm : scenario.arms) names.push_back(arm.name);
  return names;
}

// The arm `node` names, or nothing after reporting an unknown one.
std::optional<std::string> arm_named(ValueReader& reader, const SourceNode& node,
                                     const Scenario& scenario) {
  const std::vector<std::string_view> names = arm_names(scenario);
  const auto i = reader.reference(node, names, "arm");
  if (!i) return std::nullopt;
  return scenario.arms[*i].name;
}

// The default target: `c2m`, or the first arm that is not the base (as `breakeven --arm`).
std::string default_target(const Scenario& scenario, const std::string& base) {
  std::string target;
  for (const Arm& arm : scenario.arms) {
    if (arm.name == base) continue;
    if (target.empty() || arm.name == "c2m") target = arm.name;
  }
  return target;
}

// Whether the key path names a value strictly inside the arm `base`.
bool under_arm(const KeyPath& path, const std::string& base) {
  const auto& s = path.steps;
  return s.size() >= 3 && s[0].kind == KeyPathStep::Kind::kKey && s[0].text == "arms" &&
         s[1].kind == KeyPathStep::Kind::kKey && s[1].text == base;
}

std::optional<LeverSource> read_lever(ValueReader& reader, const SourceKey& name,
                                      const SourceNode& lever, const std::string& base) {
  SourceNode as_text;
  as_text.kind = SourceNode::Kind::kScalar;
  as_text.scalar = name.name;
  as_text.position = name.position;
  as_text.path = lever.path;
  const std::size_t problems_before = reader.diagnostics().size();
  reader.id(as_text);
  if (!lever.is_map() || lever.entries.empty()) {
    reader.error(lever, fmt::format("expected a map from key paths under 'arms.{}.' to their "
                                    "values (at least one), got {}",
                                    base, describe(lever)));
    return std::nullopt;
  }
  LeverSource out;
  out.name = name.name;
  for (const auto& [key, value] : lever.entries) {
    const ParsedKeyPath parsed = parse_key_path(key.name);
    if (!parsed.path) {
      reader.error(key.position, value.path, fmt::format("not a key path: {}", parsed.error));
      continue;
    }
    if (!under_arm(*parsed.path, base)) {
      reader.error(key.position, value.path,
                   fmt::format("a lever changes the base arm only: its key paths start with "
                               "'arms.{}.', got '{}'",
                               base, parsed.path->to_string()));
      continue;
    }
    LeverEntry entry{parsed.path->to_string(), *parsed.path, value, key.position, value.path};
    const auto first =
        std::find_if(out.entries.begin(), out.entries.end(),
                     [&](const LeverEntry& e) { return e.key_path == entry.key_path; });
    if (first != out.entries.end()) {
      reader.error(key.position, value.path,
                   fmt::format("the lever sets this key path twice (first on line {})",
                               first->position.line));
      continue;
    }
    out.entries.push_back(std::move(entry));
  }
  if (reader.diagnostics().size() != problems_before) return std::nullopt;
  return out;
}

// "lever 'a'", "levers 'a' and 'b'", "levers 'a', 'b' and 'c'".
std::string describe_levers(const DecomposeSection& section, std::size_t mask) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < section.levers.size(); ++i) {
    if ((mask >> i) & 1) names.push_back(fmt::format("'{}'", section.levers[i].name));
  }
  std::string out = names.size() == 1 ? "lever " : "levers ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

// Whether the arm `name` extends `base`, directly or through other arms (`extends` has been
// checked for loops by the time combinations are read).
bool extends_base(const SourceNode& arms, std::string_view name, const std::string& base) {
  for (std::size_t steps = 0; steps <= arms.entries.size(); ++steps) {
    const SourceNode* arm = arms.find(name);
    const SourceNode* parent = arm && arm->is_map() ? arm->find("extends") : nullptr;
    if (!parent || !parent->is_scalar()) return false;
    if (parent->scalar == base) return true;
    name = parent->scalar;
  }
  return false;
}

// The tree a combination is read from: the file without the arms that extend the base (but the
// two every scenario has) and without its comparison.
SourceNode combination_tree(const SourceNode& root, const std::string& base) {
  SourceNode tree = root;
  const auto required = section(Section::kScenario).key("arms").words;
  if (SourceNode* arms = tree.find("arms"); arms && arms->is_map()) {
    const SourceNode all_arms = *arms;
    std::erase_if(arms->entries, [&](const auto& entry) {
      const std::string& name = entry.first.name;
      return std::find(required.begin(), required.end(), name) == required.end() &&
             extends_base(all_arms, name, base);
    });
  }
  std::erase_if(tree.entries, [](const auto& entry) { return entry.first.name == "compare"; });
  return tree;
}

}  // namespace

std::optional<DecomposeSection> read_decompose_section(ValueReader& reader, const SourceNode& node,
                                                       const Scenario& scenario) {
  const std::size_t problems_before = reader.diagnostics().size();
  MapReader map(reader, node, Section::kDecompose);
  if (!map.is_map()) return std::nullopt;
  DecomposeSection out;
  out.base = scenario.compare.baseline;
  if (const SourceNode* base = map.get("base")) {
    const auto name = arm_named(reader, *base, scenario);
    if (!name) return std::nullopt;
    out.base = *name;
  }
  if (const SourceNode* target = map.get("target")) {
    if (const auto name = arm_named(reader, *target, scenario)) {
      out.target = *name;
      if (out.target == out.base) {
        reader.error(*target,
                     fmt::format("the target must be another arm than the base ('{}')", out.base));
      }
    }
  } else {
    out.target = default_target(scenario, out.base);
  }
  const SourceNode* levers = map.get("levers");
  if (levers && !levers->is_map()) {
    reader.error(*levers, fmt::format("expected a map from lever names to their key paths and "
                                      "values, got {}",
                                      describe(*levers)));
  } else if (levers) {
    const auto& declared = map.declared("levers");
    if (levers->entries.size() < declared.min_items ||
        levers->entries.size() > declared.max_items) {
      reader.error(*levers,
                   fmt::format("expected {} to {} levers (every combination of them runs: "
                               "2^{} = {} at most), got {}",
                               declared.min_items, declared.max_items, declared.max_items,
                               std::size_t{1} << declared.max_items, levers->entries.size()));
    }
    for (std::size_t i = 0; i < levers->entries.size(); ++i) {
      const auto& [name, lever] = levers->entries[i];
      const auto first = std::find_if(
          levers->entries.begin(), levers->entries.begin() + static_cast<std::ptrdiff_t>(i),
          [&n = name.name](const auto& e) { return e.first.name == n; });
      if (first != levers->entries.begin() + static_cast<std::ptrdiff_t>(i)) {
        reader.error(name.position, lever.path,
                     fmt::format("lever '{}' is defined twice (first on line {})", name.name,
                                 first->first.position.line));
        continue;
      }
      if (auto read = read_lever(reader, name, lever, out.base)) {
        out.levers.push_back(std::move(*read));
      }
    }
  }
  if (reader.diagnostics().size() != problems_before) return std::nullopt;
  return out;
}

std::optional<Decomposition> read_combinations(const SourceNode& root,
                                               const DecomposeSection& section,
                                               const Diagnostics& base,
                                               std::vector<Diagnostic>& problems) {
  // Like a compiler, stop after a screenful of problems.
  constexpr std::size_t kMaxProblems = 100;
  const std::size_t n = section.levers.size();
  const std::size_t count = std::size_t{1} << n;
  const SourceNode tree = combination_tree(root, section.base);
  Decomposition out;
  out.base = section.base;
  out.target = section.target;
  for (const LeverSource& lever : section.levers) {
    Lever& l = out.levers.emplace_back();
    l.name = lever.name;
    for (const LeverEntry& e : lever.entries)
      l.overrides.push_back({e.key_path, flow_text(e.value)});
  }
  out.combinations.resize(count);
  const std::size_t problems_before = problems.size();
  std::set<std::tuple<int, int, int, std::string, std::string>> seen;
  // In the order of the masks every subset of a combination comes before it, so a problem that
  // one lever (or a pair) causes is reported for that lever (or pair), once.
  for (std::size_t mask = 0; mask < count; ++mask) {
    if (problems.size() - problems_before >= kMaxProblems) break;
    SourceNode combination = tree;
    Diagnostics diagnostics = base;  // knows the command-line arguments
    for (std::size_t i = 0; i < n; ++i) {
      if (((mask >> i) & 1) == 0) continue;
      for (const LeverEntry& e : section.levers[i].entries) {
        const OverrideResult placed = apply_override(combination, e.path, e.value);
        if (!placed.placed_at) diagnostics.error(e.position, e.source_path, placed.error);
      }
    }
    if (diagnostics.empty()) {
      ValueReader reader(diagnostics);
      Scenario read = read_scenario(reader, combination).scenario;
      if (diagnostics.empty()) {
        out.combinations[mask] = *read.find_arm(section.base);
        continue;
      }
    }
    for (Diagnostic d : diagnostics.sorted()) {
      if (!seen.emplace(d.position.argument, d.position.line, d.position.column, d.key_path,
                        d.message)
               .second) {
        continue;  // the same problem in a combination with fewer levers
      }
      d.message = mask == 0 ? d.message
                            : fmt::format("with {}: {}", describe_levers(section, mask), d.message);
      problems.push_back(std::move(d));
    }
  }
  if (problems.size() != problems_before) return std::nullopt;
  return out;
}

}  // namespace c2msim::scenario
