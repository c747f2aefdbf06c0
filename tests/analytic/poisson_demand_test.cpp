// Poisson lead-time demand: probabilities, loss functions and the fractile, against sums and
// hand-worked values.

#include "sim/analytic/poisson_demand.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace an = c2msim::analytic;

TEST_CASE("Poisson probabilities and loss functions match their definitions", "[analytic]") {
  // Poisson(2), by hand: P(0) = e^-2, P(D <= 2) = 5 e^-2.
  CHECK(an::poisson_pmf(2.0, 0) == Approx(std::exp(-2.0)));
  CHECK(an::poisson_cdf(2.0, 2) == Approx(5.0 * std::exp(-2.0)));
  CHECK(an::poisson_cdf(2.0, -1) == 0.0);
  CHECK(an::poisson_tail(2.0, 2) == Approx(1.0 - 5.0 * std::exp(-2.0)));
  // Far in the tail the complement keeps its digits: P(D > 40) for a mean of 2 is ~1e-33.
  CHECK(an::poisson_tail(2.0, 40) > 0.0);
  CHECK(an::poisson_tail(2.0, 40) < 1e-30);
  // E[(D - s)^+] from its definition, summed far into the tail.
  for (int s : {-3, 0, 1, 4, 9}) {
    double shortage = 0.0;
    for (int k = 0; k < 80; ++k) shortage += std::max(k - s, 0) * an::poisson_pmf(3.5, k);
    CHECK(an::poisson_expected_shortage(3.5, s) == Approx(shortage));
  }
  // E[(s - D)^+] - E[(D - s)^+] = s - E[D].
  CHECK(an::poisson_expected_leftover(3.5, 6) - an::poisson_expected_shortage(3.5, 6) ==
        Approx(6 - 3.5));
}

TEST_CASE("a Poisson demand of mean zero is zero for certain", "[analytic]") {
  CHECK(an::poisson_pmf(0.0, 0) == 1.0);
  CHECK(an::poisson_pmf(0.0, 1) == 0.0);
  CHECK(an::poisson_cdf(0.0, 0) == 1.0);
  CHECK(an::poisson_tail(0.0, 0) == 0.0);
  CHECK(an::poisson_expected_shortage(0.0, 3) == 0.0);
  CHECK(an::poisson_expected_leftover(0.0, 3) == 3.0);
  CHECK(an::poisson_smallest_quantile(0.0, 0.99) == 0);
}

TEST_CASE("the Poisson fractile is the smallest k whose probability reaches the ratio",
          "[analytic]") {
  // Poisson(2): F = 0.135, 0.406, 0.677, 0.857, 0.947, ...
  CHECK(an::poisson_smallest_quantile(2.0, 0.9) == 4);
  CHECK(an::poisson_smallest_quantile(2.0, 0.5) == 2);
  CHECK(an::poisson_smallest_quantile(2.0, 0.0) == 0);
  // Against a walk from zero, for means whose search starts above and below the answer.
  for (double mean : {0.3, 7.0, 150.0, 2500.0}) {
    for (double ratio : {0.01, 0.5, 2.0 / 3.0, 0.999}) {
      int k = 0;
      while (an::poisson_cdf(mean, k) < ratio) ++k;
      CHECK(an::poisson_smallest_quantile(mean, ratio) == k);
    }
  }
}

TEST_CASE("Poisson demand refuses a negative or infinite mean and a ratio outside [0, 1)",
          "[analytic]") {
  CHECK_THROWS_WITH(an::poisson_pmf(-1.0, 0), Catch::Contains("mean must be finite and >= 0"));
  CHECK_THROWS_AS(an::poisson_cdf(std::numeric_limits<double>::quiet_NaN(), 0),
                  std::invalid_argument);
  CHECK_THROWS_AS(an::poisson_tail(std::numeric_limits<double>::infinity(), 0),
                  std::invalid_argument);
  CHECK_THROWS_WITH(an::poisson_smallest_quantile(2.0, 1.0), Catch::Contains("ratio must be in"));
  CHECK_THROWS_AS(an::poisson_smallest_quantile(2.0, -0.1), std::invalid_argument);
  CHECK_THROWS_AS(an::poisson_smallest_quantile(1e10, 0.5), std::invalid_argument);
}
