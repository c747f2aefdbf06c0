#include "sim/stats/stream_quantiles.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "sim/random/distributions.hpp"
#include "sim/random/random_stream.hpp"

using c2msim::stats::StreamQuantiles;

TEST_CASE("exact quantiles are the values at the nearest ranks", "[stats][quantiles]") {
  StreamQuantiles s;
  // 20 values, added out of order: 1, 2, ..., 20.
  for (int i = 20; i >= 1; --i) s.add(static_cast<double>((i * 7) % 20 + 1));
  REQUIRE(s.exact());
  constexpr std::array<double, 7> qs{0.0, 0.05, 0.06, 0.5, 0.51, 0.95, 1.0};
  const auto q = s.quantiles(qs);
  // ceil(q n)-th smallest: ranks 1 (q = 0 too), 1, 2, 10, 11, 19, 20.
  CHECK(q == std::vector<double>{1, 1, 2, 10, 11, 19, 20});
  CHECK(s.mean() == 10.5);
  CHECK(s.count() == 20);
}

TEST_CASE("exact quantiles asked in any order, repeated, are each the value at its nearest rank",
          "[stats][quantiles]") {
  // Many ties (lead times of customers served at once are all equal), ranks out of order.
  c2msim::random::RandomStream rng({77, 0, 0, 0});
  StreamQuantiles s;
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) {
    const double x = rng.uniform01() < 0.6 ? 1.0 : std::floor(rng.uniform01() * 50.0);
    values.push_back(x);
    s.add(x);
  }
  std::sort(values.begin(), values.end());
  constexpr std::array<double, 9> qs{0.99, 0.05, 0.5, 0.5, 1.0, 0.0, 0.25, 0.95, 0.7001};
  const auto q = s.quantiles(qs);
  REQUIRE(q.size() == qs.size());
  for (std::size_t i = 0; i < qs.size(); ++i) {
    const auto r = static_cast<std::size_t>(std::ceil(qs[i] * 5000.0));
    INFO("q = " << qs[i]);
    CHECK(q[i] == values[r == 0 ? 0 : r - 1]);
  }
}

TEST_CASE("zeros, counted rather than kept, take the lowest ranks, exactly, below or beside others",
          "[stats][quantiles]") {
  // Most customers served at once have a lead time of exactly 0; the rest are spread out. Every
  // rank is checked against a sort of all the values, in three mixes: no zero, mostly zeros, and
  // zeros with a negative value below them (outside the lead times' contract, still exact).
  for (const double zero_share : {0.0, 0.7, 0.999}) {
    for (const bool negative : {false, true}) {
      c2msim::random::RandomStream rng({91, 0, 0, 0});
      StreamQuantiles s;
      std::vector<double> values;
      for (int i = 0; i < 3000; ++i) {
        double x = rng.uniform01() < zero_share ? 0.0 : 0.25 + std::floor(rng.uniform01() * 20.0);
        if (negative && i == 1500) x = -2.0;
        values.push_back(x);
        s.add(x);
      }
      std::sort(values.begin(), values.end());
      std::vector<double> qs;
      for (int r = 0; r <= 200; ++r) qs.push_back(r / 200.0);
      qs.push_back(0.0005);  // rank 2: a zero whenever two or more are zeros
      const auto q = s.quantiles(qs);
      for (std::size_t i = 0; i < qs.size(); ++i) {
        const auto r = static_cast<std::size_t>(std::ceil(qs[i] * 3000.0));
        INFO("zero share " << zero_share << ", negative " << negative << ", q = " << qs[i]);
        REQUIRE(q[i] == values[r == 0 ? 0 : r - 1]);
      }
      CHECK(s.mean() == Approx(std::accumulate(values.begin(), values.end(), 0.0) / 3000.0));
    }
  }
}

TEST_CASE("an empty stream has no quantiles and no mean", "[stats][quantiles]") {
  StreamQuantiles s;
  constexpr std::array<double, 1> half{0.5};
  CHECK(std::isnan(s.quantiles(half)[0]));
  CHECK(std::isnan(s.mean()));
}

TEST_CASE("past the exact capacity quantiles are binned within 0.05% of the exact ones",
          "[stats][quantiles]") {
  StreamQuantiles s(1000);
  std::vector<double> all;
  c2msim::random::RandomStream rng({7, 0, 1, 0});
  const auto lognormal = c2msim::random::LogNormal::from_mean_sd(3.0, 2.0);
  for (int i = 0; i < 20000; ++i) {
    // A third of the customers served at once (an atom at 0), the others after a lognormal time.
    const double x = i % 3 == 0 ? 0.0 : lognormal(rng);
    s.add(x);
    all.push_back(x);
  }
  REQUIRE_FALSE(s.exact());
  std::sort(all.begin(), all.end());
  constexpr std::array<double, 7> qs{0.05, 0.25, 0.34, 0.5, 0.75, 0.95, 0.99};
  const auto q = s.quantiles(qs);
  for (std::size_t i = 0; i < qs.size(); ++i) {
    const auto rank = static_cast<std::size_t>(std::ceil(qs[i] * 20000.0)) - 1;
    INFO("q = " << qs[i]);
    CHECK(q[i] == Approx(all[rank]).epsilon(5e-4).margin(1e-12));
  }
  CHECK(q[0] == 0.0);  // inside the atom: the smallest value seen, exactly
  CHECK(s.mean() == Approx(std::accumulate(all.begin(), all.end(), 0.0) / 20000.0));
}

TEST_CASE("the exact buffer holds exactly its capacity of values", "[stats][quantiles]") {
  StreamQuantiles s(3);
  for (double x : {3.0, 1.0, 2.0}) s.add(x);
  CHECK(s.exact());
  s.add(4.0);
  CHECK_FALSE(s.exact());
}

TEST_CASE("a binned quantile is the bin holding its nearest rank, even at a bin's last value",
          "[stats][quantiles]") {
  StreamQuantiles s(0);  // binned from the first value
  for (double x : {1.0, 1.0, 10.0, 10.0}) s.add(x);
  REQUIRE_FALSE(s.exact());
  // Ranks ceil(q n): 2 is the last value of the bin of 1, 3 the first of the bin of 10.
  constexpr std::array<double, 4> qs{0.25, 0.5, 0.51, 1.0};
  const auto q = s.quantiles(qs);
  CHECK(q[0] == Approx(1.0).epsilon(5e-4));
  CHECK(q[1] == Approx(1.0).epsilon(5e-4));
  CHECK(q[2] == Approx(10.0).epsilon(5e-4));
  CHECK(q[3] == Approx(10.0).epsilon(5e-4));
}
