#pragma once
// The files of a run's output directory (documented column by column in scenarios/README.md):
// replications.csv (streamed as replications finish), summary.csv, comparison.csv and
// manifest.json.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/results_table.hpp"
#include "sim/output/tidy_csv.hpp"

namespace c2msim::output {

// replications.csv: arm, replication, scope, metric, value.
class ReplicationsCsv {
 public:
  ReplicationsCsv(const std::string& path, std::vector<std::string> arms);
  void write(const montecarlo::ReplicationBatch& batch);
  void close() { file_.close(); }

 private:
  CsvFile file_;
  std::vector<std::string> arms_;
};

// summary.csv: arm, scope, metric, n, mean, sd, ci95_low, ci95_high, p05, p50, p95.
void write_summary_csv(const std::string& path, const std::vector<montecarlo::SummaryRow>& rows);

// comparison.csv: arm, baseline, scope, metric, n, mean_difference, ci95_low, ci95_high,
// relative_change.
void write_comparison_csv(const std::string& path,
                          const std::vector<montecarlo::ComparisonRow>& rows);

// The SHA-256 of `bytes` (a scenario file's text as it was read), in lower-case hex.
std::string sha256_hex(std::string_view bytes);

// Writes `document`, checked like every output file (OutputFile).
void write_json(const std::string& path, const nlohmann::json& document);

}  // namespace c2msim::output
