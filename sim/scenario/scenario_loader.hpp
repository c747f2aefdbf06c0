#pragma once
// Loading a scenario file: YAML in, a checked Scenario or the list of every problem out. This is
// the only part of c2msim that sees YAML (yaml-cpp); what comes out is plain values.
//
//   auto result = c2msim::scenario::load_scenario_file("scenarios/example-monitors.yaml");
//   if (!result.ok()) for (const auto& d : result.diagnostics) std::cerr << to_string(d) << '\n';
//
// Loading never throws and never stops at the first problem: syntax errors, unknown keys, wrong
// types, values out of range, dangling references, cycles, unreachable markets and the rest are
// all collected, each with its file, line, column and key path (scenarios/README.md lists them).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace c2msim::scenario {

struct LoadResult {
  std::optional<Scenario> scenario;     // present exactly when there are no diagnostics
  std::vector<Diagnostic> diagnostics;  // in file order

  [[nodiscard]] bool ok() const noexcept { return diagnostics.empty(); }
};

// Reads the file at `path`; diagnostics name the file as `path` is written.
LoadResult load_scenario_file(const std::filesystem::path& path);

// Checks `text` as the content of a file called `file_name` (which only appears in diagnostics).
LoadResult load_scenario_text(std::string_view text, const std::string& file_name);

}  // namespace c2msim::scenario
