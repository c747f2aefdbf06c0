#include "sim/montecarlo/decomposition.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include "sim/montecarlo/shapley.hpp"

namespace c2msim::montecarlo {

DecompositionTable::DecompositionTable(std::size_t levers, std::vector<MetricKey> metrics,
                                       bool with_target)
    : levers_(levers),
      combinations_(combination_count(levers)),
      metrics_(std::move(metrics)),
      with_target_(with_target),
      accumulated_(metrics_.size()),
      values_(combinations_) {
  for (Accumulated& a : accumulated_) {
    a.shapley.assign(levers_, StreamingSummary(StreamingSummary::Percentiles::kNone));
    a.own_effect.assign(levers_, StreamingSummary(StreamingSummary::Percentiles::kNone));
  }
}

void DecompositionTable::add(const ReplicationBatch& batch) {
  if (batch.arms.size() != combinations_ + (with_target_ ? 1 : 0)) {
    throw std::invalid_argument("a decomposition's batch holds every combination of levers" +
                                std::string(with_target_ ? " and the target arm" : ""));
  }
  ++replications_;
  for (std::size_t m = 0; m < metrics_.size(); ++m) {
    const MetricKey& key = metrics_[m];
    bool defined = true;
    for (std::size_t mask = 0; mask < combinations_; ++mask) {
      values_[mask] = batch.arms[mask].get(key.scope, key.metric);
      defined = defined && std::isfinite(values_[mask]);
    }
    if (!defined) continue;  // left out of this metric
    Accumulated& a = accumulated_[m];
    const double none = values_.front();
    const double every = values_.back();
    a.base.add(none);
    a.all.add(every);
    a.total.add(every - none);
    const std::vector<double> phi = shapley_values(values_);
    const std::vector<double> own = own_effects(values_);
    for (std::size_t i = 0; i < levers_; ++i) {
      a.shapley[i].add(phi[i]);
      a.own_effect[i].add(own[i]);
    }
    if (with_target_) {
      const double target = batch.arms.back().get(key.scope, key.metric);
      if (std::isfinite(target)) {
        a.target.add(target);
        a.residual.add(target - every);
      }
    }
  }
}

std::vector<MetricDecomposition> DecompositionTable::results() const {
  std::vector<MetricDecomposition> out;
  out.reserve(metrics_.size());
  for (std::size_t m = 0; m < metrics_.size(); ++m) {
    const Accumulated& a = accumulated_[m];
    MetricDecomposition d;
    d.key = metrics_[m];
    d.replications = replications_;
    d.base = a.base.summary();
    d.all = a.all.summary();
    d.total = a.total.summary();
    for (std::size_t i = 0; i < levers_; ++i) {
      d.levers.push_back({a.shapley[i].summary(), a.own_effect[i].summary()});
    }
    d.target = a.target.summary();
    d.residual = a.residual.summary();
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace c2msim::montecarlo
