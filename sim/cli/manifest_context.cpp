#include "sim/cli/manifest_context.hpp"

#include <fmt/chrono.h>

#include <algorithm>
#include <string>

#include "c2msim/version.hpp"
#include "sim/montecarlo/experiment.hpp"

namespace c2msim::cli {
namespace {

std::string iso(const scenario::Date& d) {
  return fmt::format("{:%F}", std::chrono::sys_days{d});
}

}  // namespace

nlohmann::json scenario_context(const scenario::Scenario& scenario) {
  nlohmann::json events = nlohmann::json::array();
  for (const scenario::Market& market : scenario.markets) {
    for (const scenario::DemandEvent& e : market.demand.events) {
      const nlohmann::json event{{"name", e.name}, {"start", iso(e.start)}, {"days", e.days}};
      if (std::find(events.begin(), events.end(), event) == events.end()) events.push_back(event);
    }
  }
  return {{"scenario_name", scenario.name},
          {"currency", scenario.currency},
          {"start_date", iso(scenario.start_date)},
          {"events", events}};
}

nlohmann::json run_record(unsigned requested_threads, std::uint64_t events, double wall_seconds) {
  return {{"threads", montecarlo::thread_count(requested_threads)},
          {"c2msim_version", kVersion},
          {"git_revision", kGitRevision},
          {"events_processed", events},
          {"wall_seconds", wall_seconds}};
}

}  // namespace c2msim::cli
