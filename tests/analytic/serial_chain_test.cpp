// The Clark-Scarf optimum of a serial chain against a brute-force search of a cost computed
// here another way: each stage's stock, in transit and backordered, from the distributions of
// the echelon levels, charged at installation holding costs.

#include "sim/analytic/serial_chain.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <vector>

#include "sim/analytic/base_stock.hpp"

namespace an = c2msim::analytic;

namespace {

std::vector<double> poisson(double m) {
  std::vector<double> p{std::exp(-m)};
  for (int k = 1; k < 60; ++k) p.push_back(p.back() * m / k);
  return p;
}

// Echelon j's level is IL_j = min(s_j, IL_{j+1}) - D_j in steady state (IL_{N+1} unlimited):
// the stock it can release is capped by what the echelon above holds. Stage j >= 2 holds
// (IL_j - s_{j-1})^+ on hand, stage 1 holds IL_1^+ and owes IL_1^-, and lambda L_{j-1} units are
// on their way from stage j to j - 1 (Little's law).
double cost_by_installation(const an::SerialChain& chain, const std::vector<int>& s) {
  const std::size_t n = chain.stages.size();
  std::vector<double> H(n + 1, 0.0);
  for (std::size_t j = n; j-- > 0;) H[j] = H[j + 1] + chain.stages[j].echelon_holding_cost;
  std::map<int, double> position{{s[n - 1], 1.0}};
  double cost = 0.0;
  for (std::size_t j = n; j-- > 0;) {
    const auto p = poisson(chain.demand_rate * chain.stages[j].lead_time);
    std::map<int, double> level;
    for (const auto& [x, px] : position)
      for (std::size_t d = 0; d < p.size(); ++d) level[x - static_cast<int>(d)] += px * p[d];
    if (j == 0) {
      for (const auto& [x, px] : level) cost += px * (x > 0 ? H[0] * x : -chain.backorder_cost * x);
      break;
    }
    const int below = s[j - 1];
    position.clear();
    for (const auto& [x, px] : level) {
      cost += px * H[j] * std::max(x - below, 0);
      position[std::min(x, below)] += px;
    }
    cost += H[j] * chain.demand_rate * chain.stages[j - 1].lead_time;
  }
  return cost;
}

}  // namespace

TEST_CASE("a serial chain of one stage is the single-stage base stock", "[analytic]") {
  for (double L : {0.5, 2.0, 7.0}) {
    const an::SerialChain chain{3.0, 9.0, {{L, 1.0}}};
    const auto opt = an::optimal_serial_chain(chain);
    const auto bs = an::optimal_base_stock(3.0, L, {1.0, 9.0});
    REQUIRE(opt.echelon_levels.size() == 1);
    CHECK(opt.echelon_levels[0] == bs.level);
    CHECK(opt.expected_cost == Approx(bs.expected_cost));
  }
}

TEST_CASE("the Clark-Scarf levels of three stages beat every level a brute-force search tries",
          "[analytic]") {
  // lambda = 1, L = (1, 1, 2) from the customers up, echelon holding costs (2, 1, 0.5), so
  // installation costs (3.5, 1.5, 0.5), backorders at 20. Worked independently (a search of the
  // installation cost over s in [0, 8] x [0, 10] x [0, 13]): s* = (2, 4, 7), cost 11.2826672.
  const an::SerialChain chain{1.0, 20.0, {{1.0, 2.0}, {1.0, 1.0}, {2.0, 0.5}}};
  const auto opt = an::optimal_serial_chain(chain);
  CHECK(opt.echelon_levels == std::vector<int>{2, 4, 7});
  CHECK(opt.expected_cost == Approx(11.282667249120976));
  double best = INFINITY;
  std::vector<int> arg;
  for (int a = 0; a <= 8; ++a)
    for (int b = 0; b <= 10; ++b)
      for (int c = 0; c <= 13; ++c) {
        const double cost = cost_by_installation(chain, {a, b, c});
        if (cost < best - 1e-12) best = cost, arg = {a, b, c};
      }
  CHECK(arg == opt.echelon_levels);
  CHECK(best == Approx(opt.expected_cost).epsilon(1e-10));
  // The recursion evaluates any levels as the installation accounting does.
  for (const std::vector<int>& s : {std::vector<int>{0, 0, 0}, {2, 4, 7}, {5, 3, 9}, {1, 6, 6}})
    CHECK(an::serial_chain_cost(chain, s) == Approx(cost_by_installation(chain, s)));
  CHECK(an::local_base_stock_levels(opt.echelon_levels) == std::vector<int>{2, 2, 3});
}

TEST_CASE("the Clark-Scarf levels of two stages, one with a short lead time", "[analytic]") {
  // lambda = 2, L = (0.5, 1.5), echelon holding costs (1, 0.25), backorders at 9. Worked
  // independently: s* = (2, 8), cost 3.4836973.
  const an::SerialChain chain{2.0, 9.0, {{0.5, 1.0}, {1.5, 0.25}}};
  const auto opt = an::optimal_serial_chain(chain);
  CHECK(opt.echelon_levels == std::vector<int>{2, 8});
  CHECK(opt.expected_cost == Approx(3.4836973444325645));
  for (int a = 0; a <= 9; ++a)
    for (int b = 0; b <= 11; ++b)
      CHECK(cost_by_installation(chain, {a, b}) >= opt.expected_cost - 1e-12);
}

TEST_CASE("a stage with no lead time adds no stock of its own", "[analytic]") {
  // Transit time zero upstream: stage 2 needs no stock of its own (local level 0), and stage 1
  // behaves as if supplied by the source with its own lead time.
  const an::SerialChain chain{1.0, 9.0, {{2.0, 1.0}, {0.0, 0.5}}};
  const auto opt = an::optimal_serial_chain(chain);
  CHECK(an::local_base_stock_levels(opt.echelon_levels)[1] == 0);
  CHECK(opt.expected_cost == Approx(cost_by_installation(chain, opt.echelon_levels)));
}

TEST_CASE("echelon levels above the one upstream are capped by it", "[analytic]") {
  CHECK(an::local_base_stock_levels({5, 3, 9}) == std::vector<int>{3, 0, 6});
  CHECK(an::local_base_stock_levels({}).empty());
}

TEST_CASE("the serial chain refuses chains and levels it cannot solve", "[analytic]") {
  CHECK_THROWS_WITH(an::optimal_serial_chain({1.0, 9.0, {}}), Catch::Contains("no stage"));
  CHECK_THROWS_WITH(an::optimal_serial_chain({0.0, 9.0, {{1.0, 1.0}}}),
                    Catch::Contains("demand rate must be finite and > 0"));
  CHECK_THROWS_WITH(an::optimal_serial_chain({1.0, 0.0, {{1.0, 1.0}}}),
                    Catch::Contains("backorder cost must be finite and > 0"));
  CHECK_THROWS_WITH(an::optimal_serial_chain({1.0, 9.0, {{1.0, 1.0}, {1.0, 0.0}}}),
                    Catch::Contains("stage 2: the echelon holding cost must be finite and > 0"));
  CHECK_THROWS_WITH(an::optimal_serial_chain({1.0, 9.0, {{-1.0, 1.0}}}),
                    Catch::Contains("stage 1: the lead time must be finite and >= 0"));
  const an::SerialChain ok{1.0, 9.0, {{1.0, 1.0}, {1.0, 0.5}}};
  CHECK_THROWS_WITH(an::serial_chain_cost(ok, {1}), Catch::Contains("1 levels for 2 stages"));
  CHECK_THROWS_WITH(an::serial_chain_cost(ok, {1, -1}),
                    Catch::Contains("stage 2: the echelon level must be >= 0, got -1"));
}
