#include "fuzz/scenario_fuzz_input.hpp"

#include <fmt/core.h>

#include <cmath>
#include <vector>

#include "sim/scenario/key_path.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/sweep.hpp"

namespace c2msim::fuzz {
namespace {

using scenario::ScenarioOverrides;

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// The text after `word ` when `line` starts with it.
bool strip_word(std::string_view& line, std::string_view word) {
  if (line.size() <= word.size() || line.substr(0, word.size()) != word ||
      line[word.size()] != ' ') {
    return false;
  }
  line.remove_prefix(word.size() + 1);
  return true;
}

// Each parser of one argument's text on its own.
std::string check_argument_parsers(std::string_view text) {
  const std::size_t equals = text.find('=');
  const std::string_view key = text.substr(0, equals);
  const scenario::ParsedKeyPath parsed = scenario::parse_key_path(key);
  if (parsed.path.has_value() == !parsed.error.empty()) {
    return fmt::format("parse_key_path('{}') gave a path and an error, or neither", key);
  }
  if (parsed.path) {
    // The canonical form is what sweep.csv and the manifest print: it must read back as itself.
    const std::string canonical = parsed.path->to_string();
    const scenario::ParsedKeyPath again = scenario::parse_key_path(canonical);
    if (!again.path || again.path->to_string() != canonical) {
      return fmt::format("key path '{}' is written as '{}', which does not read back as itself",
                         key, canonical);
    }
  }
  if (equals != std::string_view::npos) {
    std::string error;
    const auto value = scenario::parse_argument_value(text.substr(equals + 1), {0, 0, 1}, error);
    if (value.has_value() == !error.empty()) {
      return fmt::format("parse_argument_value('{}') gave a value and an error, or neither",
                         text.substr(equals + 1));
    }
    if (value) (void)scenario::flow_text(*value);
  }
  if (const auto number = scenario::parse_number(text); number && !std::isfinite(*number)) {
    return fmt::format("parse_number('{}') gave {}", text, *number);
  }
  return {};
}

std::string check_points(const scenario::ScenarioPoints& points) {
  if (points.ok() != points.base.has_value()) {
    return "load_scenario_points_text: a base scenario exactly when there are no diagnostics";
  }
  if (points.ok() && points.points.empty()) {
    return "load_scenario_points_text: no point without diagnostics";
  }
  if (!points.ok() && !points.points.empty()) {
    return "load_scenario_points_text: points despite diagnostics";
  }
  return {};
}

}  // namespace

std::string check_scenario_input(std::string_view input) {
  std::string_view file = input;
  ScenarioOverrides overrides;
  bool has_arguments = false;
  if (const std::size_t marker = input.find(kArgumentsMarker); marker != std::string_view::npos) {
    has_arguments = true;
    file = input.substr(0, marker);
    for (std::string_view line : lines_of(input.substr(marker + kArgumentsMarker.size()))) {
      if (std::string problem = check_argument_parsers(line); !problem.empty()) return problem;
      if (strip_word(line, "set")) {
        overrides.sets.push_back({"--set", std::string(line)});
      } else if (strip_word(line, "param")) {
        overrides.sets.push_back({"--param", std::string(line)});
      } else if (strip_word(line, "sweep")) {
        overrides.sweeps.emplace_back(line);
      } else if (line == "no-file-sweep") {
        overrides.file_sweep = false;
      }
    }
  }

  if (!has_arguments) {
    const scenario::LoadResult loaded = scenario::load_scenario_text(file, "fuzz.yaml");
    if (loaded.ok() != loaded.scenario.has_value()) {
      return "load_scenario_text: a scenario exactly when there are no diagnostics";
    }
    return {};
  }
  return check_points(scenario::load_scenario_points_text(file, "fuzz.yaml", overrides));
}

}  // namespace c2msim::fuzz
