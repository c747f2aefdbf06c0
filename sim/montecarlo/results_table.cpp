#include "sim/montecarlo/results_table.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace c2msim::montecarlo {

ResultsTable::ResultsTable(std::vector<std::string> arms, std::size_t baseline)
    : arms_(std::move(arms)),
      baseline_(baseline),
      values_(arms_.size()),
      paired_(arms_.size()),
      current_(arms_.size()) {
  if (baseline_ >= arms_.size()) throw std::invalid_argument("baseline arm out of range");
}

std::size_t ResultsTable::key_index(const MetricKey& key) {
  const auto [it, inserted] = index_.try_emplace(key, keys_.size());
  if (inserted) {
    keys_.push_back(key);
    for (std::size_t a = 0; a < arms_.size(); ++a) {
      values_[a].emplace_back();
      if (a != baseline_) paired_[a].emplace_back();
    }
  }
  return it->second;
}

void ResultsTable::add(const ReplicationBatch& batch) {
  if (batch.arms.size() != arms_.size()) throw std::invalid_argument("batch has the wrong arms");
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    current_[a].assign(keys_.size(), kNaN);
    for (const model::MetricValue& m : batch.arms[a].metrics) {
      const std::size_t k = key_index({m.scope, m.metric});
      if (k >= current_[a].size()) current_[a].resize(keys_.size(), kNaN);
      current_[a][k] = m.value;
      values_[a][k].add(m.value);
    }
  }
  for (auto& values : current_) values.resize(keys_.size(), kNaN);  // keys new in a later arm
  const std::vector<double>& base = current_[baseline_];
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    if (a == baseline_) continue;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      const double x = current_[a][k];
      if (std::isnan(x) || std::isnan(base[k])) continue;
      paired_[a][k].difference.add(x - base[k]);
      paired_[a][k].baseline.add(base[k]);
    }
  }
}

std::vector<SummaryRow> ResultsTable::summaries() const {
  std::vector<SummaryRow> rows;
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      if (values_[a][k].count() == 0) continue;  // the arm never reported it
      rows.push_back({arms_[a], keys_[k], values_[a][k].summary()});
    }
  }
  return rows;
}

std::vector<ComparisonRow> ResultsTable::comparisons() const {
  std::vector<ComparisonRow> rows;
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    if (a == baseline_) continue;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      const Paired& p = paired_[a][k];
      if (p.difference.count() == 0) continue;
      const Summary d = p.difference.summary();
      const double base_mean = p.baseline.mean();
      const double relative = base_mean != 0.0 ? d.mean / std::fabs(base_mean)
                                               : std::numeric_limits<double>::quiet_NaN();
      rows.push_back({arms_[a], arms_[baseline_], keys_[k], d, relative});
    }
  }
  return rows;
}

}  // namespace c2msim::montecarlo
