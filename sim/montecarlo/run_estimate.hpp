#pragma once
// What a whole Monte Carlo run will cost, estimated before it starts from each arm's
// per-replication estimate (model/run_size.hpp): the events it processes, the memory it holds at
// its peak (the replications running at once, the results waiting in the reorder window, the
// summaries) and the rows it writes. The CLI compares these with the machine and refuses a run
// that cannot fit unless told to go ahead.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/montecarlo/experiment.hpp"

namespace c2msim::montecarlo {

struct RunEstimate {
  double events = 0;
  double peak_bytes = 0;     // memory at the peak
  double metric_rows = 0;    // rows of replications.csv
  double snapshot_rows = 0;  // rows of timeseries.csv
  std::uint64_t replications = 0;
};

RunEstimate estimate_run(const std::vector<ArmChain>& arms, const ExperimentOptions& options);

// The bytes its output files take on disk (the CSV files; the rest is small).
double output_bytes(const RunEstimate& estimate);

// What the machine offers a run.
struct MachineRoom {
  double memory_bytes = 0;  // the memory the process may use
  double disk_bytes = 0;    // free space on the file system that will hold the output
};

// Why the run cannot fit in `room`, or nothing when it can.
std::optional<std::string> why_run_does_not_fit(const RunEstimate& estimate,
                                                const MachineRoom& room);

// The estimates of several runs one after the other (the points of a sweep): events and rows add
// up, memory is the largest.
RunEstimate& operator+=(RunEstimate& total, const RunEstimate& next);

}  // namespace c2msim::montecarlo
