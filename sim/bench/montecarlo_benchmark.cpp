#include "sim/bench/montecarlo_benchmark.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "sim/bench/child_process.hpp"
#include "sim/montecarlo/results_table.hpp"
#include "sim/output/run_outputs.hpp"

namespace c2msim::bench {
namespace {

double time_experiment(const std::vector<montecarlo::ArmChain>& arms, std::uint64_t replications,
                       unsigned threads, int repetitions) {
  double best = 1e300;
  for (int r = 0; r < repetitions; ++r) {
    montecarlo::ExperimentOptions o;
    o.seed = 1;
    o.replications = replications;
    o.threads = threads;
    montecarlo::ResultsTable table(
        [&] {
          std::vector<std::string> names;
          for (const auto& a : arms) names.push_back(a.name);
          return names;
        }(),
        0);
    const auto start = std::chrono::steady_clock::now();
    montecarlo::run_experiment(arms, o, [&](montecarlo::ReplicationBatch&& b) { table.add(b); });
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

// Runs the executable with the arguments and returns what it prints on stdout: its own peak
// resident set in KiB. (The child reads VmHWM itself: the rusage that wait4 returns also counts
// the parent's memory, inherited across posix_spawn's exec.)
long child_peak_kib(const std::string& executable, const std::vector<std::string>& arguments) {
  const ChildRun run = run_child(executable, arguments);
  if (!run.started) throw std::runtime_error("cannot start " + executable);
  if (run.status != 0) throw std::runtime_error("the memory benchmark's child process failed");
  return std::stol(run.out);
}

}  // namespace

long own_peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  throw std::runtime_error("no VmHWM in /proc/self/status");
}

nlohmann::json benchmark_parallel_efficiency(const std::vector<montecarlo::ArmChain>& arms,
                                             std::uint64_t replications, int repetitions,
                                             bool show_progress) {
  const unsigned n = std::max(1u, std::thread::hardware_concurrency());
  if (show_progress)
    fmt::print(stderr, "montecarlo: {} replications on 1 thread...\n", replications);
  const double one = time_experiment(arms, replications, 1, repetitions);
  if (show_progress) fmt::print(stderr, "montecarlo: on {} threads...\n", n);
  const double many = time_experiment(arms, replications, n, repetitions);
  return {{"replications", replications},
          {"arms", arms.size()},
          {"threads", n},
          {"seconds_1_thread", one},
          {"seconds_n_threads", many},
          {"speedup", one / many},
          {"efficiency", one / (static_cast<double>(n) * many)},
          {"target_efficiency", 0.9}};
}

void run_pipeline(const std::vector<montecarlo::ArmChain>& arms, std::uint64_t replications,
                  const std::string& csv_path) {
  std::vector<std::string> names;
  for (const auto& a : arms) names.push_back(a.name);
  montecarlo::ExperimentOptions o;
  o.seed = 1;
  o.replications = replications;
  output::ReplicationsCsv csv(csv_path, names);
  montecarlo::ResultsTable table(names, 0);
  montecarlo::run_experiment(arms, o, [&](montecarlo::ReplicationBatch&& b) {
    csv.write(b);
    table.add(b);
  });
  csv.close();
  // What run writes at the end, built (and dropped) so that its memory is counted too.
  const auto summaries = table.summaries();
  const auto comparisons = table.comparisons();
  if (summaries.empty() || (arms.size() > 1 && comparisons.empty())) {
    throw std::runtime_error("the pipeline produced no summary");
  }
}

nlohmann::json benchmark_peak_memory(const std::string& executable,
                                     const std::vector<std::string>& child_arguments,
                                     const std::vector<std::uint64_t>& replication_counts,
                                     bool show_progress) {
  nlohmann::json runs = nlohmann::json::array();
  long smallest = 0;
  long largest = 0;
  for (std::uint64_t count : replication_counts) {
    if (show_progress) fmt::print(stderr, "memory: {} replications in a child process...\n", count);
    std::vector<std::string> arguments = child_arguments;
    arguments.push_back(std::to_string(count));
    const long kib = child_peak_kib(executable, arguments);
    runs.push_back({{"replications", count}, {"peak_rss_kib", kib}});
    if (count == replication_counts.front()) smallest = kib;
    if (count == replication_counts.back()) largest = kib;
  }
  return {{"runs", runs},
          {"ratio_largest_to_smallest",
           smallest > 0 ? static_cast<double>(largest) / static_cast<double>(smallest) : 0.0},
          {"target_ratio", 1.2}};
}

}  // namespace c2msim::bench
