// The newsvendor: the fractile maximises the expected profit, for normal and Poisson demand.

#include "sim/analytic/newsvendor.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace an = c2msim::analytic;

TEST_CASE("Newsvendor: the fractile maximises the expected profit", "[analytic]") {
  const an::NewsvendorPrices k{50.0, 20.0, 5.0};
  CHECK(k.critical_ratio() == Approx(2.0 / 3.0));
  // Normal loss: L(0) = 1 / sqrt(2 pi) and L(z) - L(-z) = -z.
  CHECK(an::normal_loss(0.0) == Approx(1.0 / std::sqrt(2.0 * M_PI)));
  CHECK(an::normal_loss(0.8) - an::normal_loss(-0.8) == Approx(-0.8));
  const double mean = 200, sd = 40;
  const double q = an::newsvendor_normal_quantity(k, mean, sd);
  // Phi^-1(2/3) = 0.430727 (tables), so Q* = 200 + 40 (0.430727).
  CHECK(q == Approx(200.0 + 40.0 * 0.4307273).epsilon(1e-6));
  const double best = an::newsvendor_normal_profit(k, mean, sd, q);
  for (double d : {-10.0, -1.0, 1.0, 10.0})
    CHECK(an::newsvendor_normal_profit(k, mean, sd, q + d) < best);
  // Zero demand risk: with sd -> 0 the profit of ordering the mean is (p - c) mean.
  CHECK(an::newsvendor_normal_profit(k, mean, 1e-6, mean) == Approx((50.0 - 20.0) * mean));
  const double pm = 100;
  const int qp = an::newsvendor_poisson_quantity(k, pm);
  CHECK(an::poisson_cdf(pm, qp - 1) < 2.0 / 3.0);
  CHECK(an::poisson_cdf(pm, qp) >= 2.0 / 3.0);
  const double bestp = an::newsvendor_poisson_profit(k, pm, qp);
  for (int Q = 60; Q < 140; ++Q) {
    if (Q != qp) CHECK(an::newsvendor_poisson_profit(k, pm, Q) < bestp);
  }
}

TEST_CASE("Newsvendor refuses prices out of order and a demand without spread", "[analytic]") {
  CHECK_THROWS_WITH((an::NewsvendorPrices{20.0, 20.0, 5.0}.critical_ratio()),
                    Catch::Contains("salvage < cost < price"));
  CHECK_THROWS_AS((an::NewsvendorPrices{50.0, 20.0, 25.0}.critical_ratio()), std::invalid_argument);
  CHECK_THROWS_WITH(an::newsvendor_normal_quantity({50.0, 20.0, 5.0}, 200.0, 0.0),
                    Catch::Contains("sd must be > 0"));
}
