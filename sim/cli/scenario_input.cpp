#include "sim/cli/scenario_input.hpp"

#include <fmt/core.h>

#include "sim/scenario/scenario_loader.hpp"

namespace c2msim::cli {

namespace {

void report(const std::string& path, const std::vector<scenario::Diagnostic>& diagnostics) {
  // Like a compiler, stop listing after a screenful: the first problems usually explain the rest.
  constexpr std::size_t kShown = 100;
  const std::size_t n = diagnostics.size();
  for (std::size_t i = 0; i < n && i < kShown; ++i) {
    fmt::print(stderr, "{}\n", scenario::to_string(diagnostics[i]));
  }
  if (n > kShown) {
    fmt::print(stderr, "{}: note: {} more problems not shown\n", scenario::one_line(path),
               n - kShown);
  }
}

// The points, or nothing after printing their problems and setting `status`.
std::optional<scenario::ScenarioPoints> checked(const std::string& path,
                                                scenario::ScenarioPoints points, int& status) {
  status = scenario::exit_status(points.diagnostics);
  if (points.ok()) return points;
  report(path, points.diagnostics);
  return std::nullopt;
}

}  // namespace

std::optional<scenario::Scenario> load_scenario_or_report(const std::string& path, int& status) {
  scenario::LoadResult result = scenario::load_scenario_file(path);
  report(path, result.diagnostics);
  status = scenario::exit_status(result.diagnostics);
  return std::move(result.scenario);
}

std::optional<scenario::ScenarioPoints> load_points_or_report(
    const std::string& path, const scenario::ScenarioOverrides& overrides, int& status) {
  return checked(path, scenario::load_scenario_points(path, overrides), status);
}

std::optional<scenario::ScenarioPoints> load_points_or_report(
    const std::string& path, std::string_view text, const scenario::ScenarioOverrides& overrides,
    int& status) {
  return checked(path, scenario::load_scenario_points_text(text, path, overrides), status);
}

}  // namespace c2msim::cli
