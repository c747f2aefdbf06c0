// The breakeven search on differences whose crossing is known: a straight line with no noise, a
// line whose CI has a known half-width, no crossing, and a whole-number parameter.

#include "sim/montecarlo/breakeven.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace mc = c2msim::montecarlo;

namespace {

// The difference 2 (x - crossing) with a 95% CI of the given half-width.
mc::DifferenceAt line(double crossing, double half_width) {
  return [=](double x) {
    const double mean = 2.0 * (x - crossing);
    return mc::DifferenceEstimate{mean, mean - half_width, mean + half_width};
  };
}

}  // namespace

TEST_CASE("breakeven bisects to the tolerance and interpolates the crossing",
          "[montecarlo][breakeven]") {
  mc::BreakevenOptions options;
  options.low = 0.0;
  options.high = 1.0;
  options.tolerance = 1e-3;
  const auto r = mc::find_breakeven(options, line(0.3, 0.0));
  CHECK(r.status == mc::BreakevenStatus::kFound);
  CHECK(r.low <= 0.3);
  CHECK(r.high >= 0.3);
  CHECK(r.high - r.low <= options.tolerance);
  // A straight line is interpolated exactly.
  CHECK(r.estimate == Approx(0.3).margin(1e-12));
  // Two ends, then one halving per evaluation: 1 / 2^10 < 1e-3.
  CHECK(r.evaluations.size() == 2 + 10);
  CHECK(r.evaluations[0].value == 0.0);
  CHECK(r.evaluations[1].value == 1.0);
  CHECK(r.evaluations[2].value == 0.5);
}

TEST_CASE("breakeven stops where the CI at the midpoint contains 0", "[montecarlo][breakeven]") {
  mc::BreakevenOptions options;
  options.tolerance = 1e-9;
  const double half_width = 0.05;  // the CI contains 0 within 0.025 of the crossing
  const auto r = mc::find_breakeven(options, line(0.3, half_width));
  CHECK(r.status == mc::BreakevenStatus::kNotSeparated);
  CHECK(std::fabs(r.estimate - 0.3) <= half_width / 2);
  CHECK(r.estimate == r.evaluations.back().value);
  CHECK(r.low <= 0.3);
  CHECK(r.high >= 0.3);
  CHECK(r.low < r.estimate);
  CHECK(r.estimate < r.high);
  // Every earlier midpoint was separated.
  for (std::size_t i = 2; i + 1 < r.evaluations.size(); ++i) {
    CHECK(std::fabs(r.evaluations[i].value - 0.3) > half_width / 2);
  }
}

TEST_CASE("breakeven reports no sign change when the ends agree", "[montecarlo][breakeven]") {
  mc::BreakevenOptions options;
  options.low = 0.5;
  options.high = 1.0;
  const auto r = mc::find_breakeven(options, line(0.3, 0.01));
  CHECK(r.status == mc::BreakevenStatus::kNoSignChange);
  CHECK(std::isnan(r.estimate));
  CHECK(r.evaluations.size() == 2);
  CHECK(mc::to_string(r.status) == "no_sign_change");
}

TEST_CASE("breakeven does not search when an end is not separated from 0",
          "[montecarlo][breakeven]") {
  mc::BreakevenOptions options;
  const auto r = mc::find_breakeven(options, line(0.3, 1.0));  // CI at 0 is [-1.6, 0.4]
  CHECK(r.status == mc::BreakevenStatus::kNotSeparated);
  CHECK(r.evaluations.size() == 2);
  CHECK(r.low == 0.0);
  CHECK(r.high == 1.0);
  CHECK(r.estimate == Approx(0.3));
}

TEST_CASE("breakeven over a whole-number parameter evaluates whole numbers only",
          "[montecarlo][breakeven]") {
  mc::BreakevenOptions options;
  options.low = 1;
  options.high = 10;
  options.tolerance = 1e-6;
  options.whole_numbers = true;
  const auto r = mc::find_breakeven(options, line(3.5, 0.0));
  CHECK(r.status == mc::BreakevenStatus::kFound);
  for (const auto& e : r.evaluations) CHECK(e.value == std::floor(e.value));
  CHECK(r.low == 3);
  CHECK(r.high == 4);
  CHECK(r.estimate == Approx(3.5));
}

TEST_CASE("breakeven finds a crossing exactly at an end", "[montecarlo][breakeven]") {
  mc::BreakevenOptions options;
  options.low = 0.3;
  const auto r = mc::find_breakeven(options, line(0.3, 0.0));
  CHECK(r.status == mc::BreakevenStatus::kFound);
  CHECK(r.estimate == 0.3);
  CHECK(r.low == 0.3);
  CHECK(r.high == 0.3);
}
