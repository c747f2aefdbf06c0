#include "sim/montecarlo/streaming_summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>

namespace c2msim::montecarlo {
namespace {

namespace acc = boost::accumulators;

constexpr std::array<double, 3> kProbabilities{0.05, 0.50, 0.95};
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Linear interpolation between order statistics (Hyndman and Fan 1996, type 7).
double quantile_type7(const std::vector<double>& sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double lower = sorted[lo];
  const double upper = sorted[hi];
  if (lower == upper) return lower;  // also keeps infinities intact
  return lower + (h - static_cast<double>(lo)) * (upper - lower);
}

}  // namespace

StreamingSummary::StreamingSummary(Percentiles percentiles)
    : percentiles_(percentiles),
      quantiles_(acc::tag::extended_p_square::probabilities = kProbabilities) {}

void StreamingSummary::add(double value) {
  if (std::isnan(value)) return;
  if (std::isinf(value)) {
    ++(value > 0 ? positive_infinite_ : negative_infinite_);
  } else {
    finite_.add(value);
    if (percentiles_ == Percentiles::kBounded) quantiles_(value);
  }
  if (percentiles_ == Percentiles::kNone) return;
  if (percentiles_ == Percentiles::kExact || count() <= kExactPercentileLimit) {
    exact_.push_back(value);
  } else if (!exact_.empty()) {
    exact_ = {};  // past the limit: the P-square markers take over, and the memory is freed
  }
}

double StreamingSummary::percentile(std::size_t index, double probability,
                                    const std::vector<double>& sorted) const {
  if (!sorted.empty()) return quantile_type7(sorted, probability);
  // Past the limit. Where the rank falls among infinite values the answer is exact; among the
  // finite ones it is the P-square estimate for the whole probability, which is exact in the
  // usual case of no infinities and an approximation when both kinds are mixed.
  const double rank = static_cast<double>(count() - 1) * probability;
  if (rank < static_cast<double>(negative_infinite_)) {
    return -std::numeric_limits<double>::infinity();
  }
  if (rank > static_cast<double>(negative_infinite_ + finite_.count()) - 1.0) {
    return std::numeric_limits<double>::infinity();
  }
  return acc::extended_p_square(quantiles_)[static_cast<std::ptrdiff_t>(index)];
}

Summary StreamingSummary::summary() const {
  Summary s;
  s.n = static_cast<std::size_t>(count());
  if (s.n == 0) {
    s.mean = s.sd = s.ci95_low = s.ci95_high = s.p05 = s.p50 = s.p95 = kNaN;
    return s;
  }
  if (positive_infinite_ > 0 && negative_infinite_ > 0) {
    s.mean = kNaN;
  } else if (positive_infinite_ > 0 || negative_infinite_ > 0) {
    s.mean = positive_infinite_ > 0 ? std::numeric_limits<double>::infinity()
                                    : -std::numeric_limits<double>::infinity();
  } else {
    s.mean = finite_.mean();
  }
  if (s.n > 1 && std::isfinite(s.mean)) {
    s.sd = finite_.sd();
    const double half = ci95_half_width(s.sd, s.n);
    s.ci95_low = s.mean - half;
    s.ci95_high = s.mean + half;
  } else {
    s.sd = s.n > 1 ? kNaN : 0.0;
    s.ci95_low = s.ci95_high = kNaN;
  }
  if (percentiles_ == Percentiles::kNone) {
    s.p05 = s.p50 = s.p95 = kNaN;
  } else {
    std::vector<double> sorted = exact_;  // empty past the exact limit
    std::sort(sorted.begin(), sorted.end());
    s.p05 = percentile(0, kProbabilities[0], sorted);
    s.p50 = percentile(1, kProbabilities[1], sorted);
    s.p95 = percentile(2, kProbabilities[2], sorted);
  }
  return s;
}

}  // namespace c2msim::montecarlo
