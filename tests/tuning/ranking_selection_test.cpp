// KN ranking and selection (Kim and Nelson 2001) on systems whose means are known: its constant,
// its probability of correct selection under common random numbers, and its edge cases.

#include "sim/tuning/ranking_selection.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>

namespace t = c2msim::tuning;

namespace {

// System i (point {i}) has mean means[i]; replication r adds a noise common to every system
// (common random numbers) and one of its own, both from (seed, r[, i]).
struct NormalSystems {
  std::vector<double> means;
  double common_sd = 1.0;
  double own_sd = 0.3;
  std::uint64_t seed = 1;
  std::uint64_t replications = 0;

  static double normal(std::uint64_t key) {
    std::mt19937_64 g(key);
    return std::normal_distribution<double>(0.0, 1.0)(g);
  }
  std::optional<t::Samples> operator()(const t::Point& x, std::uint64_t first,
                                       std::uint64_t count) {
    const auto i = static_cast<std::size_t>(x[0]);
    t::Samples s;
    for (std::uint64_t r = first; r < first + count; ++r) {
      const double common = normal(seed * 1'000'003 + r);
      const double own = normal((seed * 1'000'003 + r) * 31 + i + 7);
      s.push_back({means[i] + common_sd * common + own_sd * own});
    }
    replications += count;
    return s;
  }
};

std::vector<t::Point> points(std::size_t k) {
  std::vector<t::Point> p;
  for (std::size_t i = 0; i < k; ++i) p.push_back({static_cast<double>(i)});
  return p;
}

}  // namespace

TEST_CASE("KN's constant h^2 is 2 eta (n0 - 1) with eta from the Bonferroni split of alpha",
          "[tuning]") {
  // Two systems, alpha = 0.05, n0 = 10: eta = ((2 x 0.05)^(-2/9) - 1) / 2 = (10^(2/9) - 1) / 2.
  const double eta = (std::pow(10.0, 2.0 / 9.0) - 1) / 2;
  CHECK(t::kn_h_squared(2, 0.05, 10) == Approx(18 * eta));
  CHECK(t::kn_h_squared(2, 0.05, 10) == Approx(6.0129).epsilon(1e-4));
  // Five systems split alpha four ways: eta = ((2 x 0.05 / 4)^(-2/9) - 1) / 2 = (40^(2/9) - 1) / 2.
  CHECK(t::kn_h_squared(5, 0.05, 10) == Approx(18 * (std::pow(40.0, 2.0 / 9.0) - 1) / 2));
  CHECK(t::kn_h_squared(5, 0.05, 10) == Approx(11.429).epsilon(1e-3));
}

TEST_CASE("KN selects the best of systems a delta apart with at least the stated probability",
          "[tuning]") {
  // Means 0, 0.5, 1, 1.5 (the best is 0.5 above the next): delta = 0.5, 1 - alpha = 0.95.
  t::SelectionOptions o;
  o.indifference = 0.5;
  o.first_stage = 10;
  o.budget = 100'000;
  int correct = 0;
  constexpr int kMacro = 200;
  for (int m = 0; m < kMacro; ++m) {
    NormalSystems s{{0.0, 0.5, 1.0, 1.5}};
    s.seed = static_cast<std::uint64_t>(m) + 1;
    const auto r = t::select_best(points(4), {}, o, std::ref(s));
    REQUIRE(r.decided);
    if (r.selected == 3) ++correct;
    CHECK(r.replications_used == s.replications);
  }
  // The guarantee is 0.95; the binomial's 3 sd below it at 200 trials is 0.90.
  CHECK(correct >= static_cast<int>(0.9 * kMacro));
}

TEST_CASE("KN minimises by selecting the system with the lowest mean", "[tuning]") {
  t::SelectionOptions o;
  o.indifference = 0.5;
  o.budget = 100'000;
  t::Objective minimise;
  minimise.goal = t::Goal::kMinimise;
  NormalSystems s{{3.0, 0.0, 2.0}};
  s.common_sd = 0.5;
  s.own_sd = 0.1;
  const auto r = t::select_best(points(3), minimise, o, std::ref(s));
  CHECK(r.decided);
  CHECK(r.selected == 1);
}

TEST_CASE("systems that are the same in every replication are told apart at once", "[tuning]") {
  t::SelectionOptions o;
  o.indifference = 0.01;
  o.budget = 100'000;
  NormalSystems s{{1.0, 1.0, 1.0}};
  s.own_sd = 0.0;  // nothing but common noise: the three systems are one
  const auto r = t::select_best(points(3), {}, o, std::ref(s));
  CHECK(r.decided);
  CHECK(r.selected == 0);
  CHECK(r.replications_used == 3 * o.first_stage);
}

TEST_CASE("a system whose objective is undefined is eliminated", "[tuning]") {
  t::SelectionOptions o;
  o.indifference = 0.5;
  o.budget = 100'000;
  NormalSystems normal{{0.0, 0.0}};
  const auto r = t::select_best(points(2), {}, o,
                                [&](const t::Point& x, std::uint64_t first, std::uint64_t count) {
                                  auto s = normal(x, first, count);
                                  if (x[0] == 1) {
                                    // System 1 would be far the best but for its first replication,
                                    // where it is undefined.
                                    for (auto& row : *s) row[0] += 100;
                                    if (first == 0) (*s)[0][0] = NAN;
                                  }
                                  return s;
                                });
  CHECK(r.selected == 0);
  CHECK(r.eliminated_after[1] == 1);
}

TEST_CASE("KN stops at its budget and selects the survivor with the highest mean", "[tuning]") {
  t::SelectionOptions o;
  o.indifference = 1e-6;  // no budget can separate 1.0 and 1.01 to within this
  o.first_stage = 10;
  o.batch = 8;
  o.budget = 100;
  NormalSystems s{{1.0, 1.01}};
  const auto r = t::select_best(points(2), {}, o, std::ref(s));
  CHECK_FALSE(r.decided);
  CHECK(r.replications_used <= o.budget);
  CHECK(r.replications_used == 2 * (10 + 8 * 5));
  // The means over the replications run decide.
  double sum[2] = {0, 0};
  for (int i = 0; i < 2; ++i) {
    for (const auto& row : r.samples[static_cast<std::size_t>(i)]) sum[i] += row[0];
  }
  CHECK(r.selected == (sum[1] > sum[0] ? 1u : 0u));
}

TEST_CASE("KN refuses a budget below its first stage and options out of range", "[tuning]") {
  NormalSystems s{{0.0, 1.0}};
  t::SelectionOptions o;
  o.budget = 19;  // two systems x 10 replications
  CHECK_THROWS_AS(t::select_best(points(2), {}, o, std::ref(s)), std::invalid_argument);
  o.budget = 1000;
  o.indifference = 0;
  CHECK_THROWS_AS(t::select_best(points(2), {}, o, std::ref(s)), std::invalid_argument);
  o.indifference = 1;
  o.first_stage = 1;
  CHECK_THROWS_AS(t::select_best(points(2), {}, o, std::ref(s)), std::invalid_argument);
}
