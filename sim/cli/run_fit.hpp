#pragma once
// Before a run starts: does it fit in this machine? The run's estimate (montecarlo/run_estimate)
// against the memory the process may use and the free space where its output goes. A run that
// cannot fit is refused (exit 2) before anything is simulated, unless --force says to go ahead;
// the estimate is shown on a terminal and recorded in the manifest.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>

#include "sim/montecarlo/run_estimate.hpp"

namespace c2msim::cli {

// This machine's room for an output folder at `out`: physical memory (less under a cgroup or
// address-space limit) and the free space of the nearest existing folder on the way to `out`.
montecarlo::MachineRoom machine_room(const std::filesystem::path& out);

// Refuses (prints the reason, returns false) a run that does not fit unless `force`; on a
// terminal, unless quiet, shows the estimate first.
bool run_fits(const montecarlo::RunEstimate& estimate, const std::filesystem::path& out, bool force,
              bool quiet, std::string_view command);

// The estimate, for the manifest.
nlohmann::json estimate_json(const montecarlo::RunEstimate& estimate);

}  // namespace c2msim::cli
