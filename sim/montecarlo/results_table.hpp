#pragma once
// The summary of every metric of every arm, and the paired comparison of each arm with the
// baseline arm (differences taken replication by replication, which common random numbers make
// far less noisy than differences of independent runs), accumulated one replication at a time
// in memory that does not grow with the replication count (see StreamingSummary).

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/streaming_summary.hpp"
#include "sim/montecarlo/summary.hpp"
#include "sim/stats/running_moments.hpp"

namespace c2msim::montecarlo {

struct MetricKey {
  std::string scope;
  std::string metric;
  friend auto operator<=>(const MetricKey&, const MetricKey&) = default;
};

struct SummaryRow {
  std::string arm;
  MetricKey key;
  Summary summary;
};

struct ComparisonRow {
  std::string arm;
  std::string baseline;
  MetricKey key;
  Summary difference;      // of arm - baseline, paired by replication
  double relative_change;  // mean difference / baseline mean
};

class ResultsTable {
 public:
  ResultsTable(std::vector<std::string> arms, std::size_t baseline);

  void add(const ReplicationBatch& batch);

  // Rows in arm order, then in the order the metrics first appeared.
  [[nodiscard]] std::vector<SummaryRow> summaries() const;
  // Every non-baseline arm against the baseline, for the metrics both report.
  [[nodiscard]] std::vector<ComparisonRow> comparisons() const;
  [[nodiscard]] const std::vector<std::string>& arms() const noexcept { return arms_; }
  [[nodiscard]] std::size_t baseline() const noexcept { return baseline_; }

 private:
  struct Paired {
    StreamingSummary difference{StreamingSummary::Percentiles::kNone};
    stats::RunningMoments baseline;  // the baseline's values in the same replications
  };

  std::size_t key_index(const MetricKey& key);

  std::vector<std::string> arms_;
  std::size_t baseline_;
  std::vector<MetricKey> keys_;
  std::map<MetricKey, std::size_t> index_;
  std::vector<std::vector<StreamingSummary>> values_;  // [arm][key]
  std::vector<std::vector<Paired>> paired_;            // [arm][key], empty for the baseline
  std::vector<std::vector<double>> current_;           // [arm][key], the batch being added
};

}  // namespace c2msim::montecarlo
