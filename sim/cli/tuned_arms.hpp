#pragma once
// `run --tuned DIR`: the arms `c2msim tune` wrote into DIR (tuned-ARM.yaml, each an arm ARM-tuned
// extending ARM), added to the scenario as `--set` overrides, and which of the file's arms each
// replaces in the comparison.

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace c2msim::cli {

struct TunedArms {
  std::vector<std::string> dirs;
  std::vector<scenario::OverlayArm> arms;  // name (ARM-tuned) and the arm it extends
  std::vector<std::string> sha256;         // per dir: of the scenario file it was tuned on
};

// Reads every DIR: its tuned-*.yaml in name order and its manifest.json; adds the arms to
// `overrides`. Nothing after printing the problem (`c2msim COMMAND: error: ...`, or the overlay's
// FILE:LINE:COLUMN) on stderr: the command exits with status 2.
std::optional<TunedArms> read_tuned_arms(const std::vector<std::string>& dirs,
                                         scenario::ScenarioOverrides& overrides,
                                         std::string_view command);

// Prints the error and returns false when a DIR was tuned on another content of the file.
bool check_tuned_on(const TunedArms& tuned, const std::string& file, const std::string& sha256,
                    std::string_view command);

// The arms to run when none is named: the file's, in order, each tuned one in place of the arm
// it extends (the arms the overlays add are not run twice).
std::vector<std::string> arms_with_tuned(const scenario::Scenario& scenario,
                                         const TunedArms& tuned);

// The name an arm is run under: its tuned arm's, when there is one.
std::string tuned_name(const TunedArms& tuned, const std::string& arm);

}  // namespace c2msim::cli
