#include "sim/stats/time_weighted_average.hpp"

#include <catch2/catch.hpp>

using c2msim::stats::TimeWeightedAverage;

TEST_CASE("the time average weights each value by how long it held", "[stats]") {
  TimeWeightedAverage x(0.0, 10.0);
  x.set(2.0, 4.0);   // 10 for 2 days
  x.add(5.0, -4.0);  // 4 for 3 days, then 0
  CHECK(x.integral(10.0) == Approx(32.0));
  CHECK(x.average(10.0) == Approx(3.2));
  CHECK(x.value() == 0.0);
}

TEST_CASE("restarting at the end of warm-up forgets the past", "[stats]") {
  TimeWeightedAverage x(0.0, 100.0);
  x.set(5.0, 2.0);
  x.restart(10.0);
  x.set(12.0, 6.0);
  CHECK(x.average(14.0) == Approx((2.0 * 2 + 6.0 * 2) / 4.0));
}

TEST_CASE("a zero-length window reports the current value", "[stats]") {
  TimeWeightedAverage x(3.0, 7.0);
  CHECK(x.average(3.0) == 7.0);
}

TEST_CASE("time may not go backwards", "[stats]") {
  TimeWeightedAverage x(0.0, 1.0);
  x.set(5.0, 2.0);
  CHECK_THROWS_AS(x.set(4.0, 3.0), std::invalid_argument);
}
