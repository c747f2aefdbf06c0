#pragma once
// The arms a command runs: those named by `--arm` (every arm when none is named), in file order of
// the names given, and which of them is the baseline the others are compared with.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace c2msim::cli {

struct ArmChoice {
  std::vector<const scenario::Arm*> arms;
  std::size_t baseline = 0;  // index into arms: the scenario's baseline if chosen, else the first
};

// Nothing after printing `COMMAND: error: --arm NAME: ...` for a name the scenario lacks.
std::optional<ArmChoice> choose_arms(const scenario::Scenario& scenario,
                                     const std::vector<std::string>& names,
                                     std::string_view command, const std::string& file);

// Prints `c2msim COMMAND: error: OPTION NAME: no such arm in FILE (did you mean ...?) (it has:
// ...)` on stderr.
void report_unknown_arm(const scenario::Scenario& scenario, const std::string& name,
                        std::string_view command, std::string_view option, const std::string& file);

// "a, b, c": the arm names of a scenario, for messages.
std::string arm_names(const scenario::Scenario& scenario);

}  // namespace c2msim::cli
