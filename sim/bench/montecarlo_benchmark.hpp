#pragma once
// Monte Carlo benchmarks: the parallel efficiency of the replication runner, and how peak
// memory grows with the replication count.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/montecarlo/experiment.hpp"

namespace c2msim::bench {

// time(1 thread) / (N x time(N threads)) for `replications` replications of every arm, N = every
// hardware thread; 1 is perfect scaling. The best of `repetitions` timings of each is used.
nlohmann::json benchmark_parallel_efficiency(const std::vector<montecarlo::ArmChain>& arms,
                                             std::uint64_t replications, int repetitions,
                                             bool show_progress);

// The whole pipeline of `c2msim run` in this process (experiment, streamed replications.csv to
// `csv_path`, streaming summaries and comparisons): what the memory benchmark's child runs.
void run_pipeline(const std::vector<montecarlo::ArmChain>& arms, std::uint64_t replications,
                  const std::string& csv_path);

// This process's peak resident set in KiB (VmHWM of /proc/self/status).
long own_peak_rss_kib();

// Peak resident memory of a child process running run_pipeline with each replication count
// (the child is this executable, started with `child_arguments` followed by the count, which prints
// own_peak_rss_kib()), and the ratio of the largest to the smallest.
nlohmann::json benchmark_peak_memory(const std::string& executable,
                                     const std::vector<std::string>& child_arguments,
                                     const std::vector<std::uint64_t>& replication_counts,
                                     bool show_progress);

}  // namespace c2msim::bench
