#pragma once
// A Summary (n, mean, sd, Student-t CI, p5/p50/p95) built one value at a time in bounded memory,
// so that an experiment's memory does not grow with its replication count.
//
// Mean and variance are Welford's running moments. Percentiles are exact (type 7, as summarise())
// while at most kExactPercentileLimit values have arrived; beyond, the stored values are dropped
// and the percentiles come from the extended P-square algorithm (Jain and Chlamtac 1985, as
// generalised by Boost.Accumulators), which has been fed every finite value from the start and
// keeps a fixed number of markers. NaN values (a metric undefined in a replication) are skipped.
// Infinite values (turnover of a node that never holds stock) are counted apart: the mean is then
// infinite and the interval undefined, and a percentile falling among them is infinite.

#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/extended_p_square.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/montecarlo/summary.hpp"
#include "sim/stats/running_moments.hpp"

namespace c2msim::montecarlo {

class StreamingSummary {
 public:
  static constexpr std::size_t kExactPercentileLimit = 200;

  enum class Percentiles {
    kBounded,  // exact up to kExactPercentileLimit values, P-square estimates beyond
    kExact,    // keep every value (memory grows with the count; for summarise())
    kNone,     // moments only (a paired difference needs no percentiles)
  };

  explicit StreamingSummary(Percentiles percentiles = Percentiles::kBounded);

  void add(double value);

  [[nodiscard]] Summary summary() const;
  [[nodiscard]] std::uint64_t count() const noexcept {
    return finite_.count() + negative_infinite_ + positive_infinite_;
  }

 private:
  using Quantiles = boost::accumulators::accumulator_set<
      double, boost::accumulators::stats<boost::accumulators::tag::extended_p_square>>;

  // From `sorted` (the exact values, sorted) when not empty, else from the P-square markers.
  [[nodiscard]] double percentile(std::size_t index, double probability,
                                  const std::vector<double>& sorted) const;

  Percentiles percentiles_;
  stats::RunningMoments finite_;
  std::uint64_t negative_infinite_ = 0;
  std::uint64_t positive_infinite_ = 0;
  std::vector<double> exact_;  // every value, while percentiles are exact
  Quantiles quantiles_;
};

}  // namespace c2msim::montecarlo
