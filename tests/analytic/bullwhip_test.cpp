// Chen et al.'s bullwhip ratio and the serial chain's order filters, against hand expansions.

#include "sim/analytic/bullwhip.hpp"

#include <catch2/catch.hpp>

namespace an = c2msim::analytic;

TEST_CASE("Chen et al.'s bound is the variance of the moving-average order filter", "[analytic]") {
  // q_t = D_t + (L/p)(D_t - D_{t-p}) for i.i.d. D: Var(q)/Var(D) = (1 + L/p)^2 + (L/p)^2.
  for (double L : {1.0, 2.0, 5.0}) {
    for (double p : {1.0, 4.0, 10.0}) {
      const double k = L / p;
      CHECK(an::chen_bullwhip(L, p) == Approx((1 + k) * (1 + k) + k * k));
    }
  }
}

TEST_CASE("serial-chain filters: one tier is Chen et al., and what the lag operator implies",
          "[analytic]") {
  // A single tier, on either signal, is the moving-average filter of Chen et al.
  for (bool pos : {false, true}) {
    const auto one = an::serial_chain_orders({4.0}, 5, pos);
    REQUIRE(one.size() == 1);
    CHECK(an::variance_ratio(one[0]) == Approx(an::chen_bullwhip(4.0, 5.0)));
  }
  // Coefficients must sum to 1 at every tier: in steady state every tier orders the mean demand.
  for (bool pos : {false, true}) {
    for (const auto& f : an::serial_chain_orders({2.0, 2.0, 2.0, 1.0}, 10, pos)) {
      double sum = 0;
      for (double c : f) sum += c;
      CHECK(sum == Approx(1.0));
    }
  }
  // Two tiers forecasting on orders, expanded by hand: (1 + k - k B^p)^2 (times a lag) has the
  // coefficients (1+k)^2, -2k(1+k) and k^2.
  const double k = 0.2;
  const auto orders = an::serial_chain_orders({2.0, 2.0}, 10, false);
  const double a = (1 + k) * (1 + k), b = 2 * k * (1 + k), c = k * k;
  CHECK(an::variance_ratio(orders[1]) == Approx(a * a + b * b + c * c));
  // On POS, tier 2 orders B(1 + k - k B^p) + k (1 - B^p) = k + (1+k) B - k B^p - k B^(p+1).
  const auto pos = an::serial_chain_orders({2.0, 2.0}, 10, true);
  CHECK(an::variance_ratio(pos[1]) == Approx(k * k + (1 + k) * (1 + k) + 2 * k * k));
  CHECK(an::variance_ratio(pos[1]) < an::variance_ratio(orders[1]));
  // Autocorrelation: 1 at lag 0, and the two-tap filter's at lag p.
  const auto single = an::serial_chain_orders({2.0}, 10, false)[0];
  CHECK(an::autocorrelation(single, 0) == Approx(1.0));
  CHECK(an::autocorrelation(single, 10) == Approx(-k * (1 + k) / ((1 + k) * (1 + k) + k * k)));
}
