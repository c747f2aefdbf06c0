// Shapley values of levers (sim/montecarlo/shapley.hpp), against hand-worked cases and against
// the definition itself: the marginal effect averaged over every order of the levers.

#include "sim/montecarlo/shapley.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

using namespace c2msim::montecarlo;

namespace {

// v[mask] for n levers, drawn at random (a fixed seed), of the size of a chain's profit.
std::vector<double> random_values(std::size_t levers, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> value(-5e6, 5e6);
  std::vector<double> v(combination_count(levers));
  for (double& x : v) x = value(rng);
  return v;
}

// Each lever's marginal effect averaged over the n! orders in which the levers can be added: the
// definition, computed without the weights.
std::vector<double> average_over_orders(const std::vector<double>& v, std::size_t levers) {
  std::vector<std::size_t> order(levers);
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> sum(levers, 0.0);
  double orders = 0;
  do {
    std::size_t mask = 0;
    for (std::size_t i : order) {
      sum[i] += v[mask | (std::size_t{1} << i)] - v[mask];
      mask |= std::size_t{1} << i;
    }
    ++orders;
  } while (std::next_permutation(order.begin(), order.end()));
  for (double& s : sum) s /= orders;
  return sum;
}

}  // namespace

TEST_CASE("two levers worked by hand give the textbook Shapley values", "[montecarlo][shapley]") {
  // v({}) = 0, v({a}) = 10, v({b}) = 20, v({a, b}) = 50. Adding a first gains 10, after b 30: a's
  // value is (10 + 30) / 2 = 20; b's is (20 + 40) / 2 = 30; together the whole 50.
  const std::vector<double> v{0, 10, 20, 50};
  const std::vector<double> phi = shapley_values(v);
  REQUIRE(phi.size() == 2);
  CHECK(phi[0] == 20.0);
  CHECK(phi[1] == 30.0);
  CHECK(own_effects(v) == std::vector<double>{10.0, 20.0});
}

TEST_CASE("an effect that only two levers have together is split evenly between them",
          "[montecarlo][shapley]") {
  // Neither lever does anything alone; together they gain 8. Whichever is added second gets the
  // whole 8, so over both orders each gets 4, and its own effect is 0.
  const std::vector<double> together{5, 5, 5, 13};
  CHECK(shapley_values(together) == std::vector<double>{4.0, 4.0});
  CHECK(own_effects(together) == std::vector<double>{0.0, 0.0});
  // Three levers, of which the last two interact and the first adds 3 whatever the others do.
  std::vector<double> three(8);
  for (std::size_t mask = 0; mask < 8; ++mask) {
    three[mask] = ((mask & 1) != 0 ? 3.0 : 0.0) + ((mask & 6) == 6 ? 12.0 : 0.0);
  }
  const std::vector<double> phi = shapley_values(three);
  CHECK(phi[0] == Approx(3.0).margin(1e-12));
  CHECK(phi[1] == Approx(6.0).margin(1e-12));
  CHECK(phi[2] == Approx(6.0).margin(1e-12));
}

TEST_CASE("levers whose effects add up get their own effects as Shapley values",
          "[montecarlo][shapley]") {
  const std::vector<double> effect{-1200.5, 3.25, 88000.0, -0.125, 17.0};
  std::vector<double> v(combination_count(effect.size()));
  for (std::size_t mask = 0; mask < v.size(); ++mask) {
    v[mask] = 1e6;
    for (std::size_t i = 0; i < effect.size(); ++i) {
      if ((mask >> i) & 1) v[mask] += effect[i];
    }
  }
  const std::vector<double> phi = shapley_values(v);
  const std::vector<double> own = own_effects(v);
  for (std::size_t i = 0; i < effect.size(); ++i) {
    INFO("lever " << i);
    CHECK(own[i] == Approx(effect[i]).margin(1e-9));
    CHECK(phi[i] == Approx(effect[i]).margin(1e-9));
  }
}

TEST_CASE("the Shapley values always add up to v(every lever) - v(no lever)",
          "[montecarlo][shapley]") {
  for (std::size_t levers = 1; levers <= 8; ++levers) {
    for (unsigned seed = 1; seed <= 20; ++seed) {
      const std::vector<double> v = random_values(levers, seed);
      const std::vector<double> phi = shapley_values(v);
      const double sum = std::accumulate(phi.begin(), phi.end(), 0.0);
      INFO(levers << " levers, seed " << seed);
      // Values of 5e6 summed over 2^8 terms: rounding stays far below a millionth of a unit.
      CHECK(std::fabs(sum - (v.back() - v.front())) < 1e-6);
    }
  }
}

TEST_CASE("the Shapley value is the marginal effect averaged over every order of the levers",
          "[montecarlo][shapley]") {
  for (std::size_t levers = 1; levers <= 6; ++levers) {
    const std::vector<double> v = random_values(levers, static_cast<unsigned>(100 + levers));
    const std::vector<double> phi = shapley_values(v);
    const std::vector<double> expected = average_over_orders(v, levers);
    for (std::size_t i = 0; i < levers; ++i) {
      INFO(levers << " levers, lever " << i);
      CHECK(phi[i] == Approx(expected[i]).margin(1e-6));
    }
  }
}

TEST_CASE("the Shapley weights are the shares of the orders in which a coalition comes first",
          "[montecarlo][shapley]") {
  CHECK(shapley_weight(0, 1) == 1.0);
  CHECK(shapley_weight(0, 2) == 0.5);
  CHECK(shapley_weight(1, 3) == Approx(1.0 / 6.0));
  CHECK(shapley_weight(0, 3) == Approx(1.0 / 3.0));
  // For each lever the weights over the coalitions of the other n - 1 sum to 1.
  for (std::size_t n = 1; n <= 8; ++n) {
    double sum = 0;
    for (std::size_t mask = 0; mask < combination_count(n - 1); ++mask) {
      sum += shapley_weight(combination_size(mask), n);
    }
    INFO(n << " levers");
    CHECK(sum == Approx(1.0).epsilon(1e-12));
  }
  CHECK_THROWS_AS(shapley_weight(3, 3), std::invalid_argument);
}

TEST_CASE("Shapley values need a value for every combination of levers", "[montecarlo][shapley]") {
  CHECK(combination_count(0) == 1);
  CHECK(combination_count(8) == 256);
  CHECK_THROWS_AS(combination_count(kMaxShapleyLevers + 1), std::invalid_argument);
  CHECK(shapley_values(std::vector<double>{7.0}).empty());  // no lever
  CHECK_THROWS_AS(shapley_values(std::vector<double>{1, 2, 3}), std::invalid_argument);
  CHECK_THROWS_AS(shapley_values(std::vector<double>{}), std::invalid_argument);
  CHECK_THROWS_AS(own_effects(std::vector<double>(6)), std::invalid_argument);
}
