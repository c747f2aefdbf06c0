#include "sim/montecarlo/summary.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

#include "sim/montecarlo/streaming_summary.hpp"

namespace c2msim::montecarlo {

double ci95_half_width(double sd, std::size_t n) {
  if (n < 2) return std::numeric_limits<double>::quiet_NaN();
  const boost::math::students_t t(static_cast<double>(n - 1));
  return boost::math::quantile(t, 0.975) * sd / std::sqrt(static_cast<double>(n));
}

Summary summarise(const std::vector<double>& values) {
  StreamingSummary s(StreamingSummary::Percentiles::kExact);
  for (double v : values) s.add(v);
  return s.summary();
}

}  // namespace c2msim::montecarlo
