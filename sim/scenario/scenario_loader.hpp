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
#include "sim/scenario/source_tree.hpp"

namespace c2msim::scenario {

struct LoadResult {
  std::optional<Scenario> scenario;     // present exactly when there are no diagnostics
  std::vector<Diagnostic> diagnostics;  // in file order

  [[nodiscard]] bool ok() const noexcept { return diagnostics.empty(); }
};

// Reads the file at `path`; diagnostics name the file as `path` is written. A file with a
// `sweep:` section is checked at every point of its grid; the scenario is the file as written.
LoadResult load_scenario_file(const std::filesystem::path& path);

// Checks `text` as the content of a file called `file_name` (which only appears in diagnostics).
LoadResult load_scenario_text(std::string_view text, const std::string& file_name);

// ---- What-ifs: the file with command-line overrides, and the points of its sweep grid ----------

// One `--set KEY=VALUE` argument: the option as it is named in messages (`--set`, `--param`) and
// the text after it.
struct CommandLineOverride {
  std::string option = "--set";
  std::string argument;
};

struct ScenarioOverrides {
  std::vector<CommandLineOverride> sets;  // applied to the file in order, before it is read
  std::vector<std::string> sweeps;        // `--sweep` arguments: add or replace grid dimensions
  bool file_sweep = true;                 // false: ignore the file's `sweep:` section
};

struct ScenarioPoint {
  std::vector<std::string> values;  // the value of each swept key path here, in YAML flow style
  Scenario scenario;
};

struct ScenarioPoints {
  std::optional<Scenario> base;         // the file with its `--set` overrides, when all is well
  std::vector<std::string> swept_keys;  // the grid's key paths, the first varying slowest
  std::vector<ScenarioPoint> points;    // every point of the grid; one, the base, with no sweep
  std::vector<Diagnostic> diagnostics;  // problems of the file, the arguments and every point
  std::string source_text;  // the file's bytes as they were read: what the manifest's hash is of

  [[nodiscard]] bool ok() const noexcept { return diagnostics.empty(); }
};

// The file with `--set` overrides applied to its text, checked as written, then every point of
// the sweep grid (the file's `sweep:` section, with `--sweep` dimensions added or replacing its
// own), each checked like a file. Problems of a value given on the command line are reported at
// the argument; a problem found at a sweep point names the point.
ScenarioPoints load_scenario_points(const std::filesystem::path& path,
                                    const ScenarioOverrides& overrides);
ScenarioPoints load_scenario_points_text(std::string_view text, const std::string& file_name,
                                         const ScenarioOverrides& overrides);

// ---- Arm overlays: a derived arm in a file of its own (`c2msim tune`'s tuned-ARM.yaml) --------

// The text of an overlay file, `header` (comment lines, each starting with `#`) then
//   arms:
//     NAME:
//       extends: ARM
//       ...
// where the arm NAME extends ARM of the scenario `text` with `values`, each a KEY=VALUE as for
// `--set` with its key path under `arms.ARM.`: the value goes to the same place in NAME (a node or
// lane NAME only inherits gets an entry of its own). Nothing, with the problem in `error`, when a
// value cannot be placed.
std::optional<std::string> arm_overlay_text(std::string_view text, const std::string& file_name,
                                            const std::string& arm, const std::string& name,
                                            const std::vector<std::string>& values,
                                            std::string_view header, std::string& error);

struct OverlayArm {
  std::string name;
  std::string extends;
};

struct ArmOverlay {
  std::vector<OverlayArm> arms;           // in file order
  std::vector<CommandLineOverride> sets;  // `arms.NAME=VALUE` for each, labelled `option`
  std::vector<Diagnostic> diagnostics;    // of the overlay file itself

  [[nodiscard]] bool ok() const noexcept { return diagnostics.empty(); }
};

// Reads an overlay file: a map with the one key `arms`, a map from new arm names to arms that each
// extend an arm (`extends`). Its arms come back as `--set` overrides that add them to a scenario,
// where they are checked like the file's own; the overlay's shape is checked here, with the
// overlay's FILE:LINE:COLUMN.
ArmOverlay read_arm_overlay(const std::filesystem::path& path, std::string_view option);

// Parses `text` as one YAML value given on the command line; every part of it gets `position`.
// Nothing, with the problem in `error`, when it is not one well-formed YAML value.
std::optional<SourceNode> parse_argument_value(std::string_view text, SourcePosition position,
                                               std::string& error);

}  // namespace c2msim::scenario
