#include "sim/cli/run_fit.hpp"

#include <fmt/core.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <system_error>

#include "sim/cli/progress_bar.hpp"

namespace c2msim::cli {
namespace {

// The cgroup v2 memory limit of this process, when there is one ("max" means none).
std::optional<double> cgroup_memory_limit() {
  std::ifstream in("/sys/fs/cgroup/memory.max");
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

montecarlo::MachineRoom machine_room(const std::filesystem::path& out) {
  montecarlo::MachineRoom room;
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGE_SIZE);
  room.memory_bytes = pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page)
                                            : std::numeric_limits<double>::infinity();
  if (const auto limit = cgroup_memory_limit()) {
    room.memory_bytes = std::min(room.memory_bytes, *limit);
  }
  if (rlimit as{}; getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
    room.memory_bytes = std::min(room.memory_bytes, static_cast<double>(as.rlim_cur));
  }
  std::error_code error;
  std::filesystem::path at = std::filesystem::absolute(out, error);
  while (!error && !std::filesystem::exists(at, error) && at.has_relative_path()) {
    at = at.parent_path();
  }
  const auto space = std::filesystem::space(at, error);
  // Where the free space cannot be read, a full disk is left to the checked writes.
  room.disk_bytes =
      error ? std::numeric_limits<double>::infinity() : static_cast<double>(space.available);
  return room;
}

bool run_fits(const montecarlo::RunEstimate& estimate, const std::filesystem::path& out, bool force,
              bool quiet, std::string_view command) {
  if (progress_wanted(quiet)) {
    fmt::print(stderr, "estimated: {:.3g} events, {:.3g} MB of memory, {:.3g} MB of output\n",
               estimate.events, estimate.peak_bytes / 1e6,
               montecarlo::output_bytes(estimate) / 1e6);
  }
  const auto problem = montecarlo::why_run_does_not_fit(estimate, machine_room(out));
  if (!problem) return true;
  if (force) {
    if (!quiet) {
      fmt::print(stderr, "c2msim {}: warning: running anyway (--force): {}\n", command, *problem);
    }
    return true;
  }
  fmt::print(stderr,
             "c2msim {}: error: this run of {} replications will not fit: {}; --force runs it "
             "anyway\n",
             command, estimate.replications, *problem);
  return false;
}

nlohmann::json estimate_json(const montecarlo::RunEstimate& estimate) {
  return {{"events", estimate.events},
          {"peak_memory_bytes", estimate.peak_bytes},
          {"output_bytes", montecarlo::output_bytes(estimate)}};
}

}  // namespace c2msim::cli
