// The formulas of the validation suite, checked against what can be derived independently:
// special cases with closed forms, identities between the formulas, limits and optimality.

#include "validation/theory.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace th = c2msim::validation::theory;

TEST_CASE("Erlang B and C reduce to their one- and two-server closed forms",
          "[validation][theory]") {
  for (double a : {0.1, 0.5, 0.9}) {
    // One server: a loss system blocks a / (1 + a); an M/M/1 arrival waits with probability rho.
    CHECK(th::erlang_b(1, a) == Approx(a / (1.0 + a)));
    CHECK(th::erlang_c(1, a) == Approx(a));
  }
  // Erlang B from its definition (a^c / c!) / sum_k a^k / k!.
  for (int c : {1, 3, 7}) {
    const double a = 4.2;
    double term = 1.0, sum = 1.0;
    for (int k = 1; k <= c; ++k) {
      term *= a / k;
      sum += term;
    }
    CHECK(th::erlang_b(c, a) == Approx(term / sum));
  }
}

TEST_CASE("M/M/1 and M/M/2 waits match their closed forms", "[validation][theory]") {
  const double lambda = 0.7, mu = 1.0;
  const th::MMc one = th::mmc(lambda, mu, 1);
  CHECK(one.utilisation == Approx(0.7));
  CHECK(one.wait == Approx(0.7 / (mu - lambda)));            // rho / (mu - lambda)
  CHECK(one.time_in_system == Approx(1.0 / (mu - lambda)));  // 1 / (mu - lambda)
  // M/M/2 (from the birth-death chain): Lq = 2 rho^3 / (1 - rho^2) with rho = lambda / (2 mu).
  const double lambda2 = 1.5, rho = lambda2 / 2.0;
  const th::MMc two = th::mmc(lambda2, mu, 2);
  CHECK(two.wait == Approx(2.0 * rho * rho * rho / (1.0 - rho * rho) / lambda2));
  CHECK(two.in_system == Approx(lambda2 * two.time_in_system));
}

TEST_CASE("Poisson base stock: level identities and limits", "[validation][theory]") {
  const double lambda = 10.0, L = 2.0;
  for (int S : {0, 5, 20, 35}) {
    const auto b = th::base_stock_backorder(lambda, L, S);
    // E[S - D] = on hand - backorders, for any distribution of D.
    CHECK(b.on_hand - b.backorders == Approx(S - lambda * L));
  }
  CHECK(th::base_stock_backorder(lambda, L, 0).fill_rate == 0.0);
  CHECK(th::base_stock_backorder(lambda, L, 0).backorders == Approx(lambda * L));
  CHECK(th::base_stock_backorder(lambda, L, 100).fill_rate == Approx(1.0));
  // A larger S raises the fill rate and the stock, and lowers the backorders.
  const auto lo = th::base_stock_backorder(lambda, L, 18),
             hi = th::base_stock_backorder(lambda, L, 19);
  CHECK(hi.fill_rate > lo.fill_rate);
  CHECK(hi.on_hand > lo.on_hand);
  CHECK(hi.backorders < lo.backorders);
  // (r, Q) with Q = 1 is the base-stock policy with S = r + 1.
  const auto rq = th::rq_policy(lambda, L, 17, 1);
  CHECK(rq.fill_rate == Approx(lo.fill_rate));
  CHECK(rq.on_hand == Approx(lo.on_hand));
  CHECK(rq.backorders == Approx(lo.backorders));
  // (r, Q) averages base stock over S = r+1..r+Q.
  const auto rq3 = th::rq_policy(lambda, L, 15, 3);
  double fill = 0;
  for (int S = 16; S <= 18; ++S) fill += th::base_stock_backorder(lambda, L, S).fill_rate / 3.0;
  CHECK(rq3.fill_rate == Approx(fill));
}

TEST_CASE("Lost-sales base stock: one unit, and the no-loss limit", "[validation][theory]") {
  // S = 1: the unit is away for L after each sale; an arrival finds it with probability
  // 1 / (1 + lambda L) (alternating renewal: up time 1/lambda on average, down time L).
  const double lambda = 3.0, L = 0.5;
  CHECK(th::base_stock_lost_sales(lambda, L, 1).fill_rate == Approx(1.0 / (1.0 + lambda * L)));
  const auto big = th::base_stock_lost_sales(lambda, L, 60);
  CHECK(big.fill_rate == Approx(1.0));
  CHECK(big.on_hand == Approx(60 - lambda * L));
}

TEST_CASE("Newsvendor: the fractile maximises the expected profit", "[validation][theory]") {
  const th::NewsvendorPrices k{50.0, 20.0, 5.0};
  CHECK(k.critical_ratio() == Approx(2.0 / 3.0));
  // Normal loss: L(0) = 1 / sqrt(2 pi) and L(z) - L(-z) = -z.
  CHECK(th::normal_loss(0.0) == Approx(1.0 / std::sqrt(2.0 * M_PI)));
  CHECK(th::normal_loss(0.8) - th::normal_loss(-0.8) == Approx(-0.8));
  const double mean = 200, sd = 40;
  const double q = th::newsvendor_normal_quantity(k, mean, sd);
  const double best = th::newsvendor_normal_profit(k, mean, sd, q);
  for (double d : {-10.0, -1.0, 1.0, 10.0})
    CHECK(th::newsvendor_normal_profit(k, mean, sd, q + d) < best);
  // Zero demand risk: with sd -> 0 the profit of ordering the mean is (p - c) mean.
  CHECK(th::newsvendor_normal_profit(k, mean, 1e-6, mean) == Approx((50.0 - 20.0) * mean));
  const double pm = 100;
  const int qp = th::newsvendor_poisson_quantity(k, pm);
  const double bestp = th::newsvendor_poisson_profit(k, pm, qp);
  CHECK(th::newsvendor_poisson_profit(k, pm, qp - 1) < bestp);
  CHECK(th::newsvendor_poisson_profit(k, pm, qp + 1) < bestp);
}

TEST_CASE("Chen et al.'s bound is the variance of the moving-average order filter",
          "[validation][theory]") {
  // q_t = D_t + (L/p)(D_t - D_{t-p}) for i.i.d. D: Var(q)/Var(D) = (1 + L/p)^2 + (L/p)^2.
  for (double L : {1.0, 2.0, 5.0}) {
    for (double p : {1.0, 4.0, 10.0}) {
      const double k = L / p;
      CHECK(th::chen_bullwhip(L, p) == Approx((1 + k) * (1 + k) + k * k));
    }
  }
}

TEST_CASE("serial-chain filters: one tier is Chen et al., and what the lag operator implies",
          "[validation][theory]") {
  // A single tier, on either signal, is the moving-average filter of Chen et al.
  for (bool pos : {false, true}) {
    const auto one = th::serial_chain_orders({4.0}, 5, pos);
    REQUIRE(one.size() == 1);
    CHECK(th::variance_ratio(one[0]) == Approx(th::chen_bullwhip(4.0, 5.0)));
  }
  // Coefficients must sum to 1 at every tier: in steady state every tier orders the mean demand.
  for (bool pos : {false, true}) {
    for (const auto& f : th::serial_chain_orders({2.0, 2.0, 2.0, 1.0}, 10, pos)) {
      double sum = 0;
      for (double c : f) sum += c;
      CHECK(sum == Approx(1.0));
    }
  }
  // Two tiers forecasting on orders, expanded by hand: (1 + k - k B^p)^2 (times a lag) has the
  // coefficients (1+k)^2, -2k(1+k) and k^2.
  const double k = 0.2;
  const auto orders = th::serial_chain_orders({2.0, 2.0}, 10, false);
  const double a = (1 + k) * (1 + k), b = 2 * k * (1 + k), c = k * k;
  CHECK(th::variance_ratio(orders[1]) == Approx(a * a + b * b + c * c));
  // On POS, tier 2 orders B(1 + k - k B^p) + k (1 - B^p) = k + (1+k) B - k B^p - k B^(p+1).
  const auto pos = th::serial_chain_orders({2.0, 2.0}, 10, true);
  CHECK(th::variance_ratio(pos[1]) == Approx(k * k + (1 + k) * (1 + k) + 2 * k * k));
  CHECK(th::variance_ratio(pos[1]) < th::variance_ratio(orders[1]));
  // Autocorrelation: 1 at lag 0, and the two-tap filter's at lag p.
  const auto single = th::serial_chain_orders({2.0}, 10, false)[0];
  CHECK(th::autocorrelation(single, 0) == Approx(1.0));
  CHECK(th::autocorrelation(single, 10) == Approx(-k * (1 + k) / ((1 + k) * (1 + k) + k * k)));
}
