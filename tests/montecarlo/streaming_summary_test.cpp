#include "sim/montecarlo/streaming_summary.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/random/distributions.hpp"
#include "sim/random/random_stream.hpp"

using c2msim::montecarlo::StreamingSummary;
using c2msim::montecarlo::summarise;

namespace {

std::vector<double> lognormal_sample(std::size_t n) {
  c2msim::random::RandomStream rng({77, 0, 0, 0});
  const auto dist = c2msim::random::LogNormal::from_mean_sd(10.0, 4.0);
  std::vector<double> xs(n);
  for (double& x : xs) x = dist(rng);
  return xs;
}

}  // namespace

TEST_CASE("a streaming summary equals the batch summary while percentiles are exact",
          "[montecarlo][summary]") {
  const auto xs = lognormal_sample(StreamingSummary::kExactPercentileLimit);
  StreamingSummary s;
  for (double x : xs) s.add(x);
  const auto a = s.summary();
  const auto b = summarise(xs);
  CHECK(a.n == b.n);
  CHECK(a.mean == Approx(b.mean).epsilon(1e-12));
  CHECK(a.sd == Approx(b.sd).epsilon(1e-12));
  CHECK(a.p05 == b.p05);
  CHECK(a.p50 == b.p50);
  CHECK(a.p95 == b.p95);
}

// Beyond the exact limit the percentiles come from P-square markers. On 20,000 skewed values the
// estimate of a percentile must sit within the sample percentiles a little either side of it
// (the 4th and 6th percentiles for the 5th, and so on): a wrong marker update lands far outside.
TEST_CASE("past the exact limit the percentiles are P-square estimates close to the sample's",
          "[montecarlo][summary]") {
  const auto xs = lognormal_sample(20'000);
  StreamingSummary s;
  for (double x : xs) s.add(x);
  const auto a = s.summary();
  const auto exact = summarise(xs);
  CHECK(a.mean == Approx(exact.mean).epsilon(1e-10));
  CHECK(a.sd == Approx(exact.sd).epsilon(1e-10));
  std::vector<double> sorted = xs;
  std::sort(sorted.begin(), sorted.end());
  auto at = [&](double q) { return sorted[static_cast<std::size_t>(q * 19'999)]; };
  CHECK(a.p05 > at(0.04));
  CHECK(a.p05 < at(0.06));
  CHECK(a.p50 > at(0.49));
  CHECK(a.p50 < at(0.51));
  CHECK(a.p95 > at(0.94));
  CHECK(a.p95 < at(0.96));
}

TEST_CASE("infinite values past the exact limit keep the percentiles that fall among them",
          "[montecarlo][summary]") {
  const double inf = std::numeric_limits<double>::infinity();
  StreamingSummary s;
  for (int i = 0; i < 1000; ++i) s.add(inf);
  s.add(std::numeric_limits<double>::quiet_NaN());
  const auto a = s.summary();
  CHECK(a.n == 1000);
  CHECK(a.mean == inf);
  CHECK(a.p05 == inf);
  CHECK(a.p95 == inf);
  CHECK(std::isnan(a.ci95_low));
}

TEST_CASE("a moments-only summary has no percentiles", "[montecarlo][summary]") {
  StreamingSummary s(StreamingSummary::Percentiles::kNone);
  for (double x : {1.0, 2.0, 3.0}) s.add(x);
  const auto a = s.summary();
  CHECK(a.mean == Approx(2.0));
  CHECK(a.sd == Approx(1.0));
  CHECK(std::isnan(a.p50));
}
