#include "sim/scenario/scenario_reader.hpp"

#include <fmt/core.h>

#include <string_view>

#include "sim/scenario/arm_reader.hpp"
#include "sim/scenario/demand_reader.hpp"
#include "sim/scenario/network_checks.hpp"
#include "sim/scenario/scale_checks.hpp"
#include "sim/scenario/tune_reader.hpp"

namespace c2msim::scenario {
namespace {

void read_calendar(ValueReader& reader, MapReader& map, Scenario& s) {
  if (auto start = map.date("start_date")) s.start_date = *start;
  const auto horizon = map.number("horizon_days");
  const auto warmup = map.number("warmup_days");
  s.horizon_days = horizon.value_or(s.horizon_days);
  s.warmup_days = warmup.value_or(s.warmup_days);
  if (horizon && warmup && *warmup >= *horizon) {
    reader.error(*map.get("warmup_days"),
                 fmt::format("must be shorter than horizon_days ({}), got {}",
                             map.get("horizon_days")->scalar, map.get("warmup_days")->scalar));
  }
  if (const SourceNode* seed = map.get("seed")) s.seed = reader.seed(*seed).value_or(s.seed);
  map.read("replications", s.replications);
}

void read_arms(ValueReader& reader, MapReader& map, const SourceNode& arms, ReadScenario& out) {
  Scenario& s = out.scenario;
  if (!arms.is_map()) {
    reader.error(arms,
                 fmt::format("expected a map from arm names to arms, got {}", describe(arms)));
    return;
  }
  for (std::size_t i = 0; i < arms.entries.size(); ++i) {
    const auto& [name, arm] = arms.entries[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (arms.entries[j].first.name == name.name) {
        reader.error(name.position, arm.path,
                     fmt::format("arm '{}' is defined twice (first on line {})", name.name,
                                 arms.entries[j].first.position.line));
        break;
      }
    }
    SourceNode as_text;
    as_text.kind = SourceNode::Kind::kScalar;
    as_text.scalar = name.name;
    as_text.position = name.position;
    as_text.path = arm.path;
    reader.id(as_text);
  }
  // Every scenario compares at least these two operating models (model.md section 4).
  for (std::string_view required : map.declared("arms").words) {
    if (!arms.find(required)) {
      reader.error(arms.position, child_path(arms.path, required),
                   "required arm is missing; a scenario compares at least 'traditional' and 'c2m'");
    }
  }
  out.resolved_arms = resolve_arms(reader, arms);
  for (const ResolvedArm& resolved : out.resolved_arms) {
    Arm& arm = s.arms.emplace_back();
    ArmSource& source = out.arm_sources.emplace_back();
    arm.name = resolved.name;
    if (!resolved.resolved) continue;
    const std::size_t problems_before = reader.diagnostics().size();
    read_arm(reader, resolved, s, arm, source);
    check_node_state(reader, s, arm, source);
    // The graph rules only make sense once every lane names a node or market that exists.
    if (reader.diagnostics().size() == problems_before) {
      check_network(reader, s, arm, source, out.market_sources);
    }
  }
  // Prices and rates come from the arms as the model runs them: only for a sound scenario.
  for (std::size_t a = 0; a < s.arms.size() && reader.diagnostics().empty(); ++a) {
    check_prices_and_rates(reader, s, s.arms[a], out.arm_sources[a], out.market_sources);
  }
}

void read_compare(ValueReader& reader, const SourceNode& node, Scenario& s) {
  MapReader map(reader, node, Section::kCompare);
  map.read("service_target_days", s.compare.service_target_days);
  // service_level judges the customers who arrive in the measured window at least the target
  // before the horizon: a target as long as the window would leave none.
  const double window = s.horizon_days - s.warmup_days;
  if (const SourceNode* target = map.get("service_target_days");
      target && window > 0 && s.compare.service_target_days >= window) {
    reader.error(*target, fmt::format("must be shorter than the measured window (horizon_days - "
                                      "warmup_days = {} days), or no customer can be judged; "
                                      "got {}",
                                      window, target->scalar));
  }
  if (const SourceNode* baseline = map.get("baseline")) {
    std::vector<std::string_view> names;
    for (const Arm& arm : s.arms) names.push_back(arm.name);
    if (auto i = reader.reference(*baseline, names, "arm")) s.compare.baseline = s.arms[*i].name;
  }
}

}  // namespace

ReadScenario read_scenario(ValueReader& reader, const SourceNode& root) {
  ReadScenario out;
  Scenario& s = out.scenario;
  s.start_date = Date{std::chrono::year{1970}, std::chrono::January, std::chrono::day{1}};
  MapReader map(reader, root, Section::kScenario);
  if (!map.is_map()) return out;
  s.name = map.text("name").value_or("");
  s.description = map.text("description").value_or("");
  s.currency = map.text("currency").value_or("");
  map.read("terminal_valuation", s.terminal_valuation);
  read_calendar(reader, map, s);
  if (const SourceNode* products = map.get("products")) {
    s.products = read_products(reader, *products, s.start_date);
  }
  if (const SourceNode* markets = map.get("markets")) {
    s.markets = read_markets(reader, *markets, s.products, out.market_sources);
  }
  if (const SourceNode* arms = map.get("arms")) read_arms(reader, map, *arms, out);
  if (const SourceNode* compare = map.get("compare")) read_compare(reader, *compare, s);
  if (const SourceNode* tune = map.get("tune")) read_tune(reader, *tune, s);
  return out;
}

}  // namespace c2msim::scenario
