#include "sim/stats/running_moments.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using c2msim::stats::RunningMoments;

TEST_CASE("running moments equal the two-pass mean and sample variance", "[stats]") {
  const std::vector<double> xs{2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0};
  RunningMoments m;
  for (double x : xs) m.add(x);
  double mean = 0.0;
  for (double x : xs) mean += x;
  mean /= static_cast<double>(xs.size());
  double ss = 0.0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  CHECK(m.count() == xs.size());
  CHECK(m.mean() == Approx(mean));
  CHECK(m.variance() == Approx(ss / static_cast<double>(xs.size() - 1)));
}

TEST_CASE("running moments stay accurate with a large offset", "[stats]") {
  RunningMoments m;
  for (int i = 0; i < 1000; ++i) m.add(1e9 + (i % 2 == 0 ? 1.0 : -1.0));
  CHECK(m.mean() == Approx(1e9));
  CHECK(m.variance() == Approx(1000.0 / 999.0).epsilon(1e-6));
}

TEST_CASE("moments of fewer than two values are undefined", "[stats]") {
  RunningMoments m;
  CHECK(std::isnan(m.mean()));
  m.add(3.0);
  CHECK(m.mean() == 3.0);
  CHECK(std::isnan(m.variance()));
}
