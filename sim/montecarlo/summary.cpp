#include "sim/montecarlo/summary.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace c2msim::montecarlo {
namespace {

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

double ci95_half_width(double sd, std::size_t n) {
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  const boost::math::students_t t(static_cast<double>(n - 1));
  return boost::math::quantile(t, 0.975) * sd / std::sqrt(static_cast<double>(n));
}

Summary summarise(std::vector<double> values) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::erase_if(values, [](double v) { return std::isnan(v); });
  Summary s;
  s.n = values.size();
  if (values.empty()) {
    s.mean = s.sd = s.ci95_low = s.ci95_high = s.p05 = s.p50 = s.p95 = kNaN;
    return s;
  }
  double sum = 0.0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n > 1 && std::isfinite(s.mean)) {
    double ss = 0.0;
    for (double v : values) ss += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(ss / static_cast<double>(s.n - 1));
    const double half = ci95_half_width(s.sd, s.n);
    s.ci95_low = s.mean - half;
    s.ci95_high = s.mean + half;
  } else {
    s.sd = s.n > 1 ? kNaN : 0.0;
    s.ci95_low = s.ci95_high = kNaN;
  }
  std::sort(values.begin(), values.end());
  s.p05 = quantile_type7(values, 0.05);
  s.p50 = quantile_type7(values, 0.50);
  s.p95 = quantile_type7(values, 0.95);
  return s;
}

}  // namespace c2msim::montecarlo
