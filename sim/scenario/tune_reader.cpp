#include "sim/scenario/tune_reader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/metric_catalogue.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/key_catalogue.hpp"
#include "sim/scenario/key_path.hpp"

namespace c2msim::scenario {
namespace {

// The metric named by `key` of the map, after checking it is in the catalogue.
std::optional<std::string> metric(ValueReader& reader, MapReader& map, std::string_view key) {
  const auto name = map.text(key);
  if (!name) return std::nullopt;
  if (model::find_metric(*name) != nullptr) return name;
  const auto names = model::metric_names();
  const auto suggestion = did_you_mean(*name, names);
  reader.error(*map.get(key),
               fmt::format("no metric '{}'{}; `c2msim metrics` lists them", *name,
                           suggestion ? fmt::format(" (did you mean '{}'?)", *suggestion) : ""));
  return std::nullopt;
}

void read_objective(ValueReader& reader, const SourceNode& node, TuneObjective& objective) {
  MapReader map(reader, node, Section::kTuneObjective);
  if (!map.is_map()) return;
  if (auto m = metric(reader, map, "metric")) objective.metric = *m;
  if (auto scope = map.text("scope")) objective.scope = *scope;
  map.read("goal", objective.goal);
}

TuneConstraint read_constraint(ValueReader& reader, const SourceNode& node) {
  TuneConstraint c;
  MapReader map(reader, node, Section::kTuneConstraint);
  if (!map.is_map()) return c;
  if (auto m = metric(reader, map, "metric")) c.metric = *m;
  if (auto scope = map.text("scope")) c.scope = *scope;
  const auto at_least = map.number("at_least");
  const auto at_most = map.number("at_most");
  if (map.has("at_least") == map.has("at_most")) {
    reader.error(node, "expected exactly one of at_least and at_most");
  } else if (at_least) {
    c.bound = *at_least;
  } else if (at_most) {
    c.at_least = false;
    c.bound = *at_most;
  }
  return c;
}

TuneVariable read_variable(ValueReader& reader, const SourceNode& node, const Scenario& s) {
  TuneVariable v;
  v.source_path = node.path;
  v.line = node.position.line;
  v.column = node.position.column;
  MapReader map(reader, node, Section::kTuneVariable);
  if (!map.is_map()) return v;
  if (auto key = map.text("key")) {
    v.key = *key;
    const ParsedKeyPath parsed = parse_key_path(*key);
    const auto& steps = parsed.path ? parsed.path->steps : std::vector<KeyPathStep>{};
    const bool in_arm = steps.size() >= 3 && steps[0].kind == KeyPathStep::Kind::kKey &&
                        steps[0].text == "arms" && steps[1].kind == KeyPathStep::Kind::kKey;
    if (parsed.path) v.key = parsed.path->to_string();  // canonical, to find repeats
    if (!parsed.path) {
      reader.error(*map.get("key"), fmt::format("not a key path: {}", parsed.error));
    } else if (!in_arm) {
      reader.error(*map.get("key"),
                   "expected a key path under arms.ARM. (a tuned value belongs to one arm), "
                   "e.g. arms.traditional.nodes[retailer].stock.policy.s_S.s");
    } else if (!s.find_arm(steps[1].text)) {
      std::vector<std::string_view> names;
      for (const Arm& arm : s.arms) names.push_back(arm.name);
      SourceNode arm_name = *map.get("key");  // reported at the key, naming the arm alone
      arm_name.scalar = steps[1].text;
      reader.reference(arm_name, names, "arm");
    }
  }
  const auto from = map.number("from");
  const auto to = map.number("to");
  v.from = from.value_or(0.0);
  v.to = to.value_or(0.0);
  if (from && to && !(*from < *to)) {
    reader.error(*map.get("to"), fmt::format("must be more than from ({}), got {}",
                                             map.get("from")->scalar, map.get("to")->scalar));
  }
  v.whole = map.boolean("whole");
  v.start = map.number("start");
  if (v.start && from && to && (*v.start < *from || *v.start > *to)) {
    reader.error(*map.get("start"),
                 fmt::format("must be from {} to {}, got {}", map.get("from")->scalar,
                             map.get("to")->scalar, map.get("start")->scalar));
  }
  return v;
}

}  // namespace

void read_tune(ValueReader& reader, const SourceNode& node, Scenario& s) {
  MapReader map(reader, node, Section::kTune);
  if (!map.is_map()) return;
  s.tune.given = true;
  if (const SourceNode* objective = map.get("objective")) {
    read_objective(reader, *objective, s.tune.objective);
  }
  if (const SourceNode* list = map.get("constraints");
      list && reader.expect_list(*list, "constraints")) {
    for (const SourceNode& item : list->items) {
      s.tune.constraints.push_back(read_constraint(reader, item));
    }
  }
  if (const SourceNode* list = map.get("variables");
      list && reader.expect_list(*list, "variables")) {
    for (const SourceNode& item : list->items) {
      s.tune.variables.push_back(read_variable(reader, item, s));
      const TuneVariable& v = s.tune.variables.back();
      for (std::size_t j = 0; j + 1 < s.tune.variables.size() && !v.key.empty(); ++j) {
        if (s.tune.variables[j].key == v.key) {
          reader.error(*item.find("key"),
                       fmt::format("repeats the variable of line {}", s.tune.variables[j].line));
          break;
        }
      }
    }
  }
  map.read("budget", s.tune.budget);
}

}  // namespace c2msim::scenario
