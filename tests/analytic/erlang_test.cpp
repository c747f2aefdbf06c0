// Erlang B and C against their closed forms and their definition.

#include "sim/analytic/erlang.hpp"

#include <catch2/catch.hpp>

namespace an = c2msim::analytic;

TEST_CASE("Erlang B and C reduce to their one- and two-server closed forms", "[analytic]") {
  for (double a : {0.1, 0.5, 0.9}) {
    // One server: a loss system blocks a / (1 + a); an M/M/1 arrival waits with probability rho.
    CHECK(an::erlang_b(1, a) == Approx(a / (1.0 + a)));
    CHECK(an::erlang_c(1, a) == Approx(a));
  }
  // Erlang B from its definition (a^c / c!) / sum_k a^k / k!.
  for (int c : {1, 3, 7}) {
    const double a = 4.2;
    double term = 1.0, sum = 1.0;
    for (int k = 1; k <= c; ++k) {
      term *= a / k;
      sum += term;
    }
    CHECK(an::erlang_b(c, a) == Approx(term / sum));
  }
}

TEST_CASE("Erlang C refuses an unstable queue, Erlang B a negative load", "[analytic]") {
  CHECK_THROWS_WITH(an::erlang_c(2, 2.0), Catch::Contains("unstable"));
  CHECK_THROWS_AS(an::erlang_b(2, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(an::erlang_b(-1, 1.0), std::invalid_argument);
}
