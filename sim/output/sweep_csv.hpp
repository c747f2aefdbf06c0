#pragma once
// The files of a sweep's output directory (documented column by column in scenarios/README.md):
// sweep.csv, one row per point, arm, scope and metric with the arm's mean and its paired
// difference from the baseline arm; and replications.csv with the point of each row.

#include <cstddef>
#include <string>
#include <vector>

#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/results_table.hpp"
#include "sim/output/tidy_csv.hpp"

namespace c2msim::output {

// sweep.csv: point, <one column per swept key path>, arm, scope, metric, n, mean, ci95_low,
// ci95_high, mean_difference, difference_ci95_low, difference_ci95_high. The difference columns
// are empty for the baseline arm, and for a metric the baseline does not report.
class SweepCsv {
 public:
  SweepCsv(const std::string& path, const std::vector<std::string>& swept_keys);
  // The rows of one point: `values` holds the value of each swept key path there.
  void write_point(std::size_t point, const std::vector<std::string>& values,
                   const montecarlo::ResultsTable& table);
  void close() { file_.close(); }

 private:
  CsvFile file_;
};

// replications.csv of a sweep: point, arm, replication, scope, metric, value.
class SweepReplicationsCsv {
 public:
  SweepReplicationsCsv(const std::string& path, std::vector<std::string> arms);
  void write(std::size_t point, const montecarlo::ReplicationBatch& batch);
  void close() { file_.close(); }

 private:
  CsvFile file_;
  std::vector<std::string> arms_;
};

}  // namespace c2msim::output
