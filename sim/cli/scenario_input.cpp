#include "sim/cli/scenario_input.hpp"

#include <fmt/core.h>

#include "sim/scenario/scenario_loader.hpp"

namespace c2msim::cli {

std::optional<scenario::Scenario> load_scenario_or_report(const std::string& path) {
  scenario::LoadResult result = scenario::load_scenario_file(path);
  // Like a compiler, stop listing after a screenful: the first problems usually explain the rest.
  constexpr std::size_t kShown = 100;
  const std::size_t n = result.diagnostics.size();
  for (std::size_t i = 0; i < n && i < kShown; ++i) {
    fmt::print(stderr, "{}\n", scenario::to_string(result.diagnostics[i]));
  }
  if (n > kShown) fmt::print(stderr, "{}: note: {} more problems not shown\n", path, n - kShown);
  return std::move(result.scenario);
}

}  // namespace c2msim::cli
