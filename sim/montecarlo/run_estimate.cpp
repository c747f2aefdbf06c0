#include "sim/montecarlo/run_estimate.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "sim/model/run_size.hpp"
#include "sim/montecarlo/streaming_summary.hpp"

namespace c2msim::montecarlo {
namespace {

// A metric value held in a ReplicationResult: its scope and name (short strings) and the value.
constexpr double kBytesPerMetricValue = sizeof(model::MetricValue) + 16.0;
// One arm's summary of one metric (exact percentiles for the first values, then P-square
// markers) and its paired difference with the baseline, in the results table.
constexpr double kBytesPerSummary =
    2.0 * sizeof(StreamingSummary) + 8.0 * StreamingSummary::kExactPercentileLimit + 256.0;

// Bytes of a replications.csv row (arm, replication, scope, metric, value: about 45 on the
// shipped scenarios) and of a timeseries.csv row (arm, replication, day, date, node, six
// quantities), erring high.
constexpr double kBytesPerMetricRow = 64.0;
constexpr double kBytesPerSnapshotRow = 128.0;

std::string bytes_text(double bytes) {
  if (bytes >= 1e12) return fmt::format("{:.1f} TB", bytes / 1e12);
  if (bytes >= 1e9) return fmt::format("{:.1f} GB", bytes / 1e9);
  if (bytes >= 1e6) return fmt::format("{:.1f} MB", bytes / 1e6);
  return fmt::format("{:.0f} kB", std::max(1.0, bytes / 1e3));
}

}  // namespace

RunEstimate estimate_run(const std::vector<ArmChain>& arms, const ExperimentOptions& options) {
  const unsigned threads = thread_count(options.threads);
  RunEstimate run;
  run.replications = options.replications;
  const auto replications = static_cast<double>(options.replications);
  const double recorded =
      static_cast<double>(std::min(options.timeseries_replications, options.replications));
  const double running = std::min(replications, static_cast<double>(threads));
  const double waiting =
      std::min(replications, static_cast<double>(kReorderWindowPerThread * threads));
  double replication_bytes = 0, batch_bytes = 0, summary_bytes = 0, recorded_batch_bytes = 0;
  for (const ArmChain& arm : arms) {
    const model::ArmPlan plan(arm.chain);
    const model::ReplicationSize one = model::estimate_replication(plan);
    const auto rows = static_cast<double>(one.metric_rows);
    const double snapshots =
        std::ceil(std::max(0.0, arm.chain.horizon_days)) * static_cast<double>(plan.node_count());
    run.events += one.events * replications;
    run.metric_rows += rows * replications;
    run.snapshot_rows += snapshots * recorded;
    // The arms of a replication run one after the other on its worker.
    replication_bytes = std::max(replication_bytes, one.peak_bytes);
    batch_bytes += rows * kBytesPerMetricValue;
    recorded_batch_bytes += snapshots * sizeof(model::DailySnapshot);
    summary_bytes += rows * kBytesPerSummary;
  }
  run.peak_bytes = running * replication_bytes + waiting * batch_bytes + summary_bytes +
                   std::min(waiting, recorded) * recorded_batch_bytes;
  return run;
}

double output_bytes(const RunEstimate& estimate) {
  return estimate.metric_rows * kBytesPerMetricRow + estimate.snapshot_rows * kBytesPerSnapshotRow;
}

std::optional<std::string> why_run_does_not_fit(const RunEstimate& estimate,
                                                const MachineRoom& room) {
  if (estimate.peak_bytes > room.memory_bytes) {
    return fmt::format(
        "it needs about {} of memory at its peak and the machine has {} (fewer threads "
        "need less)",
        bytes_text(estimate.peak_bytes), bytes_text(room.memory_bytes));
  }
  if (const double disk = output_bytes(estimate); disk > room.disk_bytes) {
    return fmt::format(
        "its output takes about {} on disk and {} is free there (fewer "
        "replications write less)",
        bytes_text(disk), bytes_text(room.disk_bytes));
  }
  return std::nullopt;
}

RunEstimate& operator+=(RunEstimate& total, const RunEstimate& next) {
  total.events += next.events;
  total.peak_bytes = std::max(total.peak_bytes, next.peak_bytes);
  total.metric_rows += next.metric_rows;
  total.snapshot_rows += next.snapshot_rows;
  total.replications += next.replications;
  return total;
}

}  // namespace c2msim::montecarlo
