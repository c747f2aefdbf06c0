#include "sim/montecarlo/results_table.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace c2msim::montecarlo {

ResultsTable::ResultsTable(std::vector<std::string> arms, std::size_t baseline)
    : arms_(std::move(arms)), baseline_(baseline), values_(arms_.size()) {
  if (baseline_ >= arms_.size()) throw std::invalid_argument("baseline arm out of range");
}

std::size_t ResultsTable::key_index(const MetricKey& key) {
  const auto [it, inserted] = index_.try_emplace(key, keys_.size());
  if (inserted) {
    keys_.push_back(key);
    for (auto& per_arm : values_) {
      per_arm.emplace_back(replications_, std::numeric_limits<double>::quiet_NaN());
    }
  }
  return it->second;
}

void ResultsTable::add(const ReplicationBatch& batch) {
  if (batch.arms.size() != arms_.size()) throw std::invalid_argument("batch has the wrong arms");
  for (auto& per_arm : values_) {
    for (auto& column : per_arm) column.push_back(std::numeric_limits<double>::quiet_NaN());
  }
  ++replications_;
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    for (const model::MetricValue& m : batch.arms[a].metrics) {
      const std::size_t k = key_index({m.scope, m.metric});
      values_[a][k].back() = m.value;
    }
  }
}

std::vector<SummaryRow> ResultsTable::summaries() const {
  std::vector<SummaryRow> rows;
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      const auto& column = values_[a][k];
      bool reported = false;
      for (double v : column) reported = reported || !std::isnan(v);
      if (!reported) continue;
      rows.push_back({arms_[a], keys_[k], summarise(column)});
    }
  }
  return rows;
}

std::vector<ComparisonRow> ResultsTable::comparisons() const {
  std::vector<ComparisonRow> rows;
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    if (a == baseline_) continue;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      const auto& x = values_[a][k];
      const auto& base = values_[baseline_][k];
      std::vector<double> differences;
      std::vector<double> baseline_values;
      for (std::size_t r = 0; r < replications_; ++r) {
        if (std::isnan(x[r]) || std::isnan(base[r])) continue;
        differences.push_back(x[r] - base[r]);
        baseline_values.push_back(base[r]);
      }
      if (differences.empty()) continue;
      const Summary d = summarise(differences);
      const Summary b = summarise(baseline_values);
      const double relative =
          b.mean != 0.0 ? d.mean / std::fabs(b.mean) : std::numeric_limits<double>::quiet_NaN();
      rows.push_back({arms_[a], arms_[baseline_], keys_[k], d, relative});
    }
  }
  return rows;
}

}  // namespace c2msim::montecarlo
