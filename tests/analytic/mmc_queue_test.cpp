// M/M/c against the M/M/1 and M/M/2 closed forms.

#include "sim/analytic/mmc_queue.hpp"

#include <catch2/catch.hpp>

namespace an = c2msim::analytic;

TEST_CASE("M/M/1 and M/M/2 waits match their closed forms", "[analytic]") {
  const double lambda = 0.7, mu = 1.0;
  const an::MMc one = an::mmc(lambda, mu, 1);
  CHECK(one.utilisation == Approx(0.7));
  CHECK(one.wait == Approx(0.7 / (mu - lambda)));            // rho / (mu - lambda)
  CHECK(one.time_in_system == Approx(1.0 / (mu - lambda)));  // 1 / (mu - lambda)
  // M/M/2 (from the birth-death chain): Lq = 2 rho^3 / (1 - rho^2) with rho = lambda / (2 mu).
  const double lambda2 = 1.5, rho = lambda2 / 2.0;
  const an::MMc two = an::mmc(lambda2, mu, 2);
  CHECK(two.wait == Approx(2.0 * rho * rho * rho / (1.0 - rho * rho) / lambda2));
  CHECK(two.in_system == Approx(lambda2 * two.time_in_system));
}
