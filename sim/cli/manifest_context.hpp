#pragma once
// What every output folder's manifest says of the scenario beyond its file: its name, currency,
// start date and dated demand events (the report labels money and marks the 11.11 window from
// these, without reading the scenario file).

#include <cstdint>
#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace c2msim::cli {

// {"scenario_name", "currency", "start_date", "events": [{"name", "start", "days"}...]}, events
// once each in order of first appearance across the markets.
nlohmann::json scenario_context(const scenario::Scenario& scenario);

// What every manifest records of the run that wrote it: {"threads" (as run: thread_count of the
// request), "c2msim_version", "git_revision", "events_processed", "wall_seconds"}.
nlohmann::json run_record(unsigned requested_threads, std::uint64_t events, double wall_seconds);

}  // namespace c2msim::cli
