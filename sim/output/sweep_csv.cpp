#include "sim/output/sweep_csv.hpp"

namespace c2msim::output {
namespace {

std::vector<std::string> sweep_header(const std::vector<std::string>& swept_keys) {
  std::vector<std::string> header{"point"};
  header.insert(header.end(), swept_keys.begin(), swept_keys.end());
  for (const char* column : {"arm", "scope", "metric", "n", "mean", "ci95_low", "ci95_high",
                             "mean_difference", "difference_ci95_low", "difference_ci95_high"}) {
    header.emplace_back(column);
  }
  return header;
}

}  // namespace

SweepCsv::SweepCsv(const std::string& path, const std::vector<std::string>& swept_keys)
    : file_(path, sweep_header(swept_keys)) {}

void SweepCsv::write_point(std::size_t point, const std::vector<std::string>& values,
                           const montecarlo::ResultsTable& table) {
  std::string prefix = std::to_string(point);
  for (const std::string& v : values) prefix += "," + csv_field(v);
  const auto comparisons = table.comparisons();
  for (const montecarlo::SummaryRow& row : table.summaries()) {
    const montecarlo::Summary& s = row.summary;
    std::string difference = ",,";
    for (const montecarlo::ComparisonRow& c : comparisons) {
      if (c.arm == row.arm && c.key == row.key) {
        difference = csv_number(c.difference.mean) + "," + csv_number(c.difference.ci95_low) + "," +
                     csv_number(c.difference.ci95_high);
        break;
      }
    }
    file_.row(prefix, csv_field(row.arm), csv_field(row.key.scope), csv_field(row.key.metric), s.n,
              csv_number(s.mean), csv_number(s.ci95_low), csv_number(s.ci95_high), difference);
  }
}

SweepReplicationsCsv::SweepReplicationsCsv(const std::string& path, std::vector<std::string> arms)
    : file_(path, {"point", "arm", "replication", "scope", "metric", "value"}),
      arms_(std::move(arms)) {}

void SweepReplicationsCsv::write(std::size_t point, const montecarlo::ReplicationBatch& batch) {
  for (std::size_t a = 0; a < batch.arms.size(); ++a) {
    const std::string arm = csv_field(arms_[a]);
    for (const model::MetricValue& m : batch.arms[a].metrics) {
      file_.row(point, arm, batch.replication, csv_field(m.scope), csv_field(m.metric),
                csv_number(m.value));
    }
  }
}

}  // namespace c2msim::output
