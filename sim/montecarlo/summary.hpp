#pragma once
// Summary statistics of one metric over replications: n, mean, sample sd, the 95% confidence
// interval of the mean from Student's t with n - 1 degrees of freedom, and the 5th, 50th and
// 95th percentiles.

#include <cstddef>
#include <vector>

namespace c2msim::montecarlo {

struct Summary {
  std::size_t n = 0;  // finite values summarised (NaN values, undefined in a replication, are not)
  double mean = 0.0;
  double sd = 0.0;
  double ci95_low = 0.0;
  double ci95_high = 0.0;
  double p05 = 0.0;
  double p50 = 0.0;
  double p95 = 0.0;
};

// Percentiles use linear interpolation between order statistics (Hyndman and Fan 1996, type 7,
// the default of R and numpy). Infinite values (turnover with no stock) are kept: the mean is then
// infinite and the interval undefined.
Summary summarise(const std::vector<double>& values);

// Half-width of the 95% Student-t interval for a mean with this sd and n.
double ci95_half_width(double sd, std::size_t n);

}  // namespace c2msim::montecarlo
