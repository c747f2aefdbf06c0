#include "sim/montecarlo/summary.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "sim/random/distributions.hpp"
#include "sim/random/random_stream.hpp"

using c2msim::montecarlo::summarise;

TEST_CASE("percentiles interpolate between order statistics (type 7)", "[montecarlo][summary]") {
  const auto s = summarise({4.0, 1.0, 3.0, 2.0});
  CHECK(s.n == 4);
  CHECK(s.mean == Approx(2.5));
  CHECK(s.sd == Approx(std::sqrt(5.0 / 3.0)));
  CHECK(s.p50 == Approx(2.5));
  CHECK(s.p05 == Approx(1.15));
  CHECK(s.p95 == Approx(3.85));
}

TEST_CASE("undefined values are left out of a summary", "[montecarlo][summary]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto s = summarise({nan, 2.0, nan, 4.0});
  CHECK(s.n == 2);
  CHECK(s.mean == 3.0);
  const auto empty = summarise({nan});
  CHECK(empty.n == 0);
  CHECK(std::isnan(empty.mean));
}

TEST_CASE("an infinite value makes the mean infinite and the interval undefined",
          "[montecarlo][summary]") {
  const double inf = std::numeric_limits<double>::infinity();
  const auto s = summarise({inf, inf, inf});
  CHECK(s.mean == inf);
  CHECK(s.p50 == inf);
  CHECK(std::isnan(s.ci95_low));
}

// Coverage: for normal samples the Student-t interval holds the true mean 95% of the time. Over
// 1,000 intervals the count is Binomial(1000, 0.95): 950 +- 5 sd (sd = 6.9) is a tolerance that a
// correct interval fails with probability below 1e-6, while a z interval at n = 5 (coverage
// about 88%) fails it.
TEST_CASE("the 95% interval covers the true mean in about 95% of repetitions",
          "[montecarlo][summary]") {
  c2msim::random::RandomStream rng({2024, 0, 0, 0});
  const c2msim::random::Normal normal(10.0, 3.0);
  int covered = 0;
  for (int rep = 0; rep < 1000; ++rep) {
    std::vector<double> xs(5);
    for (double& x : xs) x = normal(rng);
    const auto s = summarise(xs);
    if (s.ci95_low <= 10.0 && 10.0 <= s.ci95_high) ++covered;
  }
  const double sd = std::sqrt(1000 * 0.95 * 0.05);
  CHECK(std::fabs(covered - 950.0) < 5 * sd);
}
