#pragma once
// Monte Carlo replications of every arm of a comparison, run in parallel on oneTBB. Replication r
// of every arm uses the same (seed, r) streams, so consumer demand is common to the arms and
// their differences are paired. Results reach the consumer in replication order whatever the
// number of threads, so every output is byte-identical for any thread count.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/model/chain_spec.hpp"
#include "sim/model/replication.hpp"

namespace c2msim::montecarlo {

struct ArmChain {
  std::string name;
  model::ChainSpec chain;
};

// Told how far a run is: (0, total) as it starts, then (done, total) after each replication is
// consumed; in replication order, never concurrently. This library writes nothing to the
// terminal; the command line draws its progress bar from these calls.
using ProgressReport = std::function<void(std::uint64_t done, std::uint64_t total)>;

struct ExperimentOptions {
  std::uint64_t seed = 1;
  std::uint64_t first_replication = 0;
  std::uint64_t replications = 1;
  unsigned threads = 0;     // 0: the library's default, thread_count(0)
  ProgressReport progress;  // empty: none
  // Replications numbered below this record every node's daily snapshot (for timeseries.csv).
  std::uint64_t timeseries_replications = 0;
};

// A worker runs at most this many replications per thread ahead of the oldest one not yet handed
// to the consumer, which bounds the results held in memory.
inline constexpr std::uint64_t kReorderWindowPerThread = 4;

// The results of one replication, one entry per arm in the order given.
struct ReplicationBatch {
  std::uint64_t replication = 0;
  std::vector<model::ReplicationResult> arms;
  // Per arm, every node's snapshot at every day end, in (day, node) order; empty unless the
  // replication is below options.timeseries_replications.
  std::vector<std::vector<model::DailySnapshot>> timeseries;
};

// Called once per replication, in replication order, never concurrently.
using BatchConsumer = std::function<void(ReplicationBatch&&)>;

// The worker threads a run with options.threads = `requested` uses: `requested`, or for 0 one per
// hardware thread (at least one).
unsigned thread_count(unsigned requested);

// Runs the replications; returns the number of events processed. Exceptions thrown by a
// replication (a conservation failure, say) stop the run and propagate.
std::uint64_t run_experiment(const std::vector<ArmChain>& arms, const ExperimentOptions& options,
                             const BatchConsumer& consume);

}  // namespace c2msim::montecarlo
