// Single-stage base stock: the performance formulas' identities and limits, and the optimal
// level against a hand-worked case and a search of the cost.

#include "sim/analytic/base_stock.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace an = c2msim::analytic;

TEST_CASE("Poisson base stock: level identities and limits", "[analytic]") {
  const double lambda = 10.0, L = 2.0;
  for (int S : {0, 5, 20, 35}) {
    const auto b = an::base_stock_backorder(lambda, L, S);
    // E[S - D] = on hand - backorders, for any distribution of D.
    CHECK(b.on_hand - b.backorders == Approx(S - lambda * L));
  }
  CHECK(an::base_stock_backorder(lambda, L, 0).fill_rate == 0.0);
  CHECK(an::base_stock_backorder(lambda, L, 0).backorders == Approx(lambda * L));
  CHECK(an::base_stock_backorder(lambda, L, 100).fill_rate == Approx(1.0));
  // A larger S raises the fill rate and the stock, and lowers the backorders.
  const auto lo = an::base_stock_backorder(lambda, L, 18),
             hi = an::base_stock_backorder(lambda, L, 19);
  CHECK(hi.fill_rate > lo.fill_rate);
  CHECK(hi.on_hand > lo.on_hand);
  CHECK(hi.backorders < lo.backorders);
}

TEST_CASE("Lost-sales base stock: one unit, and the no-loss limit", "[analytic]") {
  // S = 1: the unit is away for L after each sale; an arrival finds it with probability
  // 1 / (1 + lambda L) (alternating renewal: up time 1/lambda on average, down time L).
  const double lambda = 3.0, L = 0.5;
  CHECK(an::base_stock_lost_sales(lambda, L, 1).fill_rate == Approx(1.0 / (1.0 + lambda * L)));
  const auto big = an::base_stock_lost_sales(lambda, L, 60);
  CHECK(big.fill_rate == Approx(1.0));
  CHECK(big.on_hand == Approx(60 - lambda * L));
}

TEST_CASE("the optimal base-stock level is the newsvendor fractile of lead-time demand",
          "[analytic]") {
  // By hand: lambda L = 2, h = 1, p = 9, fractile 0.9; F(3) = 19 e^-2 = 0.857 < 0.9 <=
  // F(4) = 7 e^-2 = 0.947, so S* = 4. E[(4 - D)^+] = (4 + 6 + 4 + 4/3) e^-2 = 2.0751 and
  // E[(D - 4)^+] = 2 - 4 + 2.0751, so the cost is 2.0751 + 9 (0.0751) = 2.75141.
  const auto opt = an::optimal_base_stock(1.0, 2.0, {1.0, 9.0});
  CHECK(opt.level == 4);
  const double leftover = (4.0 + 6.0 + 4.0 + 4.0 / 3.0) * std::exp(-2.0);
  CHECK(opt.expected_cost == Approx(leftover + 9.0 * (leftover - 2.0)));
  CHECK(opt.expected_cost == Approx(2.7514100962806136));
  // The level minimises the cost over every level a search can reach, for rates large and small.
  for (double m : {0.4, 6.0, 180.0}) {
    for (const an::StageCosts c : {an::StageCosts{1.0, 9.0}, an::StageCosts{5.0, 1.0}}) {
      const auto o = an::optimal_base_stock(m, 1.0, c);
      int best = 0;
      double best_cost = an::base_stock_cost(m, 1.0, c, 0);
      for (int S = 1; S < m + 10.0 * std::sqrt(m) + 20.0; ++S) {
        const double cost = an::base_stock_cost(m, 1.0, c, S);
        if (cost < best_cost) best = S, best_cost = cost;
      }
      CHECK(o.level == best);
      CHECK(o.expected_cost == Approx(best_cost));
    }
  }
  // A zero lead time needs no stock.
  CHECK(an::optimal_base_stock(3.0, 0.0, {1.0, 9.0}).level == 0);
  CHECK(an::optimal_base_stock(3.0, 0.0, {1.0, 9.0}).expected_cost == 0.0);
}

TEST_CASE("the optimal base stock refuses costs that are not positive and negative rates",
          "[analytic]") {
  CHECK_THROWS_WITH(an::optimal_base_stock(1.0, 2.0, {0.0, 9.0}),
                    Catch::Contains("holding and backorder costs must be finite and > 0"));
  CHECK_THROWS_AS(an::optimal_base_stock(1.0, 2.0, {1.0, -1.0}), std::invalid_argument);
  CHECK_THROWS_AS(an::optimal_base_stock(1.0, 2.0, {INFINITY, 1.0}), std::invalid_argument);
  CHECK_THROWS_WITH(an::optimal_base_stock(-1.0, 2.0, {1.0, 9.0}),
                    Catch::Contains("demand rate and lead time must be >= 0"));
  CHECK_THROWS_AS(an::optimal_base_stock(1.0, -2.0, {1.0, 9.0}), std::invalid_argument);
}
