#pragma once
// Loading a scenario file for a subcommand: its problems are printed on stderr, one line each
// (`FILE:LINE:COLUMN: error: key.path: what was expected`), and the command exits with status 2.

#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace c2msim::cli {

// Exit status for bad input: a bad scenario file, an unknown arm, a bad option.
inline constexpr int kBadInput = 2;

// The scenario in `path`, or nothing after printing its problems on stderr and setting `status`
// to the command's exit status: 2 for bad input, 1 when the system failed (a read error).
std::optional<scenario::Scenario> load_scenario_or_report(const std::string& path, int& status);

// The scenario in `path` with command-line overrides and the points of its sweep grid, or
// nothing after printing every problem (of the file, of an argument, of a point) on stderr and
// setting `status` as above.
std::optional<scenario::ScenarioPoints> load_points_or_report(
    const std::string& path, const scenario::ScenarioOverrides& overrides, int& status);
// The same for `text`, already read from `path` (to run the very text that was read and hashed).
std::optional<scenario::ScenarioPoints> load_points_or_report(
    const std::string& path, std::string_view text, const scenario::ScenarioOverrides& overrides,
    int& status);

}  // namespace c2msim::cli
