// (r, Q) with Poisson demand: performance identities, the published example of Snyder and Shen,
// and the optimum against a brute-force search of a cost computed here from its definition.

#include "sim/analytic/reorder_point_quantity.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

namespace an = c2msim::analytic;

namespace {

// The cost of (r, Q) from the model's definition, independently of the library's loss
// functions: the position is uniform on r+1..r+Q, the level is the position less a
// Poisson(m) lead-time demand (probabilities by the recursion P(k) = P(k-1) m / k).
double cost_by_definition(double lambda, double L, const an::RQCosts& c, int r, int Q) {
  const double m = lambda * L;
  std::vector<double> p{std::exp(-m)};
  for (int k = 1; k < 120; ++k) p.push_back(p.back() * m / k);
  double total = 0.0;
  for (int y = r + 1; y <= r + Q; ++y) {
    for (int k = 0; k < 120; ++k) {
      const int level = y - k;
      total += p[static_cast<std::size_t>(k)] *
               (level > 0 ? c.holding * level : -c.backorder * level) / Q;
    }
  }
  return total + c.fixed_order * lambda / Q;
}

}  // namespace

TEST_CASE("(r, Q) averages base stock over the positions r+1..r+Q", "[analytic]") {
  const double lambda = 10.0, L = 2.0;
  // (r, Q) with Q = 1 is the base-stock policy with S = r + 1.
  const auto lo = an::base_stock_backorder(lambda, L, 18);
  const auto rq = an::rq_policy(lambda, L, 17, 1);
  CHECK(rq.fill_rate == Approx(lo.fill_rate));
  CHECK(rq.on_hand == Approx(lo.on_hand));
  CHECK(rq.backorders == Approx(lo.backorders));
  const auto rq3 = an::rq_policy(lambda, L, 15, 3);
  double fill = 0;
  for (int S = 16; S <= 18; ++S) fill += an::base_stock_backorder(lambda, L, S).fill_rate / 3.0;
  CHECK(rq3.fill_rate == Approx(fill));
}

TEST_CASE("(r, Q) reproduces Snyder and Shen's Example 5.8", "[analytic]") {
  // Fundamentals of Supply Chain Theory (2nd ed., 2019), Example 5.8: h = 20, p = 150, K = 100,
  // lambda = 1.5, L = 2; the optimum is (r, Q) = (3, 5) at a cost of 107.92358.
  const an::RQCosts c{20.0, 150.0, 100.0};
  CHECK(an::rq_cost(1.5, 2.0, c, 3, 5) == Approx(107.9235806331498));
  CHECK(an::rq_cost(1.5, 2.0, c, 8, 12) == Approx(242.5281637662021));
  const auto opt = an::optimal_rq(1.5, 2.0, c);
  CHECK(opt.reorder_point == 3);
  CHECK(opt.quantity == 5);
  CHECK(opt.expected_cost == Approx(107.9235806331498));
}

TEST_CASE("the optimal (r, Q) is the minimum of a brute-force search of its cost", "[analytic]") {
  struct Case {
    double lambda, L;
    an::RQCosts c;
  };
  for (const Case& k : {Case{1.5, 2.0, {20.0, 150.0, 100.0}}, Case{4.0, 1.0, {1.0, 9.0, 30.0}},
                        Case{12.0, 0.5, {4.0, 28.0, 4.0}}, Case{0.8, 3.0, {2.0, 5.0, 0.5}}}) {
    double best = INFINITY;
    int best_r = 0, best_Q = 0;
    for (int Q = 1; Q <= 50; ++Q) {
      for (int r = -30; r <= 40; ++r) {
        const double cost = cost_by_definition(k.lambda, k.L, k.c, r, Q);
        if (cost < best - 1e-12) best = cost, best_r = r, best_Q = Q;
      }
    }
    const auto opt = an::optimal_rq(k.lambda, k.L, k.c);
    INFO("lambda " << k.lambda << ", L " << k.L << ", K " << k.c.fixed_order);
    CHECK(opt.expected_cost == Approx(best).epsilon(1e-9));
    CHECK(opt.reorder_point == best_r);
    CHECK(opt.quantity == best_Q);
    CHECK(an::rq_cost(k.lambda, k.L, k.c, opt.reorder_point, opt.quantity) ==
          Approx(opt.expected_cost));
  }
}

TEST_CASE("without a fixed order cost the optimal (r, Q) is the optimal base stock", "[analytic]") {
  const auto opt = an::optimal_rq(10.0, 2.0, {1.0, 19.0, 0.0});
  const auto bs = an::optimal_base_stock(10.0, 2.0, {1.0, 19.0});
  CHECK(opt.quantity == 1);
  CHECK(opt.reorder_point == bs.level - 1);
  CHECK(opt.expected_cost == Approx(bs.expected_cost));
}

TEST_CASE("(r, Q) refuses a batch below one, negative costs and negative rates", "[analytic]") {
  CHECK_THROWS_WITH(an::rq_policy(1.0, 2.0, 3, 0), Catch::Contains("batch Q must be >= 1"));
  CHECK_THROWS_WITH(an::optimal_rq(1.0, 2.0, {1.0, 9.0, -1.0}),
                    Catch::Contains("fixed order cost must be finite and >= 0"));
  CHECK_THROWS_AS(an::optimal_rq(1.0, 2.0, {0.0, 9.0, 1.0}), std::invalid_argument);
  CHECK_THROWS_WITH(an::rq_cost(-1.0, 2.0, {1.0, 9.0, 1.0}, 3, 4),
                    Catch::Contains("demand rate and the lead time must be finite and >= 0"));
  CHECK_THROWS_AS(an::optimal_rq(1.0, NAN, {1.0, 9.0, 1.0}), std::invalid_argument);
}
