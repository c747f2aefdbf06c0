#include "sim/random/distributions.hpp"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace c2msim::random;

namespace {

constexpr std::size_t kDraws = 200'000;
constexpr double kN = static_cast<double>(kDraws);

// Each check draws from its own stream; `entity` is chosen by the caller so that the keys, and
// therefore the draws, are the same on every platform.
RandomStream stream_for(std::uint64_t entity) {
  return RandomStream({20261125, 0, 1, entity});
}

// Sample mean within 5 standard errors of the analytic mean (SE = sqrt(variance / n)), and sample
// variance within 5 standard errors of the analytic variance, the SE of the sample variance
// being estimated from the sample's fourth central moment: sqrt((m4 - s^4) / n).
template <class D>
void check_moments(const D& d, std::uint64_t entity, const std::string& what) {
  RandomStream s = stream_for(entity);
  std::vector<double> xs(kDraws);
  for (double& x : xs) x = static_cast<double>(d(s));
  double m = 0.0;
  for (double x : xs) m += x;
  m /= kN;
  double m2 = 0.0;
  double m4 = 0.0;
  for (double x : xs) {
    const double sq = (x - m) * (x - m);
    m2 += sq;
    m4 += sq * sq;
  }
  const double s2 = m2 / (kN - 1.0);
  m4 /= kN;
  INFO(what << ": sample mean " << m << " vs " << d.mean() << ", sample variance " << s2 << " vs "
            << d.variance());
  CHECK(std::abs(m - d.mean()) <= 5.0 * std::sqrt(d.variance() / kN));
  CHECK(std::abs(s2 - d.variance()) <= 5.0 * std::sqrt((m4 - s2 * s2) / kN));
}

// Pearson's chi-square of counts against expected counts, over the cells with an expected count
// of at least 5, compared with the 1 - 1e-6 quantile of its distribution.
void check_chi_square(const std::vector<double>& counts, const std::vector<double>& expected,
                      const std::string& what) {
  double chi2 = 0.0;
  std::size_t cells = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    if (expected[k] < 5.0) continue;
    chi2 += (counts[k] - expected[k]) * (counts[k] - expected[k]) / expected[k];
    ++cells;
  }
  REQUIRE(cells >= 2);
  const boost::math::chi_squared dist(static_cast<double>(cells - 1));
  const double critical = boost::math::quantile(boost::math::complement(dist, 1e-6));
  INFO(what << ": chi-square " << chi2 << " over " << cells << " cells, critical " << critical);
  CHECK(chi2 < critical);
}

void check_frequencies(const Categorical& c, std::uint64_t entity, const std::string& what) {
  RandomStream s = stream_for(entity);
  std::vector<double> counts(c.size(), 0.0);
  for (std::size_t i = 0; i < kDraws; ++i) {
    const std::uint64_t k = c(s);
    REQUIRE(k < c.size());
    counts[k] += 1.0;
  }
  std::vector<double> expected(c.size());
  for (std::size_t k = 0; k < c.size(); ++k) {
    expected[k] = c.probability(k) * kN;
    if (c.probability(k) == 0.0) CHECK(counts[k] == 0.0);
  }
  check_chi_square(counts, expected, what);
}

template <class D>
std::vector<double> draws(const D& d, const StreamKey& key, int n) {
  RandomStream s(key);
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(static_cast<double>(d(s)));
  return out;
}

}  // namespace

TEST_CASE("uniform draws have the analytic mean and variance", "[random]") {
  check_moments(Uniform(2.0, 5.0), 1, "uniform [2,5)");
  check_moments(Uniform(-1e3, 1e3), 2, "uniform [-1000,1000)");
}

TEST_CASE("exponential draws have the analytic mean and variance", "[random]") {
  check_moments(Exponential(0.25), 3, "exponential 0.25");
  check_moments(Exponential(40.0), 4, "exponential 40");
}

TEST_CASE("an exponential draw depends only on the stream's position, about one word a draw",
          "[random]") {
  RandomStream s({7, 0, 0, 0});
  const Exponential e(2.0);
  for (int i = 0; i < 1000; ++i) {
    RandomStream copy = s;
    const double x = e(s);
    REQUIRE(x >= 0.0);
    REQUIRE(e(copy) == x);
    REQUIRE(copy.words_drawn() == s.words_drawn());
  }
  // The ziggurat takes one word for most draws and more on rejection or in the base strip.
  CHECK(s.words_drawn() >= 1000u);
  CHECK(s.words_drawn() < 1100u);
}

// The exponential ziggurat draws its base strip by shifting and repeating, and its wedges by
// rejection; a fault in either shows in the frequencies of cells of equal probability and in the
// far tail. 2e6 draws in 50 cells of probability 1/50 (edges -log(1 - k/50)), and the counts
// beyond 5 and 10 (probabilities e^-5 and e^-10, within 5 binomial standard errors).
TEST_CASE("exponential draws have the analytic cell frequencies and tail probabilities",
          "[random]") {
  RandomStream s({10, 0, 0, 0});
  const Exponential e(0.5);  // mean 2: the draw over the rate is checked too
  constexpr int kCellDraws = 2'000'000;
  constexpr std::size_t kCells = 50;
  std::vector<double> counts(kCells, 0.0);
  int beyond_5 = 0;
  int beyond_10 = 0;
  for (int i = 0; i < kCellDraws; ++i) {
    const double x = 0.5 * e(s);       // unit exponential
    const double u = -std::expm1(-x);  // its CDF: uniform on [0, 1)
    counts[std::min(kCells - 1, static_cast<std::size_t>(u * kCells))] += 1;
    beyond_5 += x > 5.0 ? 1 : 0;
    beyond_10 += x > 10.0 ? 1 : 0;
  }
  check_chi_square(counts, std::vector<double>(kCells, kCellDraws / static_cast<double>(kCells)),
                   "exponential cells");
  for (const auto& [z, count] : {std::pair{5.0, beyond_5}, std::pair{10.0, beyond_10}}) {
    const double p = std::exp(-z);
    const double se = std::sqrt(p * (1 - p) / kCellDraws);
    INFO("beyond " << z);
    CHECK(std::fabs(count / static_cast<double>(kCellDraws) - p) < 5 * se);
  }
}

TEST_CASE("normal draws have the analytic mean and variance", "[random]") {
  check_moments(Normal(0.0, 1.0), 5, "normal(0,1)");
  check_moments(Normal(-3.0, 2.5), 6, "normal(-3,2.5)");
}

TEST_CASE("a normal draw keeps no spare: it depends only on the stream's position", "[random]") {
  RandomStream s({8, 0, 0, 0});
  const Normal n(0.0, 1.0);
  for (int i = 0; i < 1000; ++i) {
    RandomStream copy = s;
    const double x = n(s);
    REQUIRE(n(copy) == x);
    REQUIRE(copy.words_drawn() == s.words_drawn());
  }
  // The ziggurat takes one word for most draws and more on rejection: about one on average.
  CHECK(s.words_drawn() >= 1000u);
  CHECK(s.words_drawn() < 1100u);
  CHECK(Normal(4.0, 0.0)(s) == 4.0);
}

// The ziggurat treats its base strip and the tail apart from the rest; a fault there shows in the
// tail probabilities long before it moves the mean or the variance. Counts beyond 2.5 and 3.5 sd
// in 2e6 draws are Binomial: 5 standard errors of tolerance.
TEST_CASE("normal draws have the analytic tail probabilities", "[random]") {
  RandomStream s({9, 0, 0, 0});
  const Normal n(0.0, 1.0);
  constexpr int kTailDraws = 2'000'000;
  int beyond_2_5 = 0;
  int beyond_3_5 = 0;
  for (int i = 0; i < kTailDraws; ++i) {
    const double x = std::fabs(n(s));
    beyond_2_5 += x > 2.5 ? 1 : 0;
    beyond_3_5 += x > 3.5 ? 1 : 0;
  }
  const boost::math::normal standard;
  for (const auto& [z, count] : {std::pair{2.5, beyond_2_5}, std::pair{3.5, beyond_3_5}}) {
    const double p = 2.0 * boost::math::cdf(boost::math::complement(standard, z));
    const double se = std::sqrt(p * (1 - p) / kTailDraws);
    INFO("beyond " << z << " sd");
    CHECK(std::fabs(count / static_cast<double>(kTailDraws) - p) < 5 * se);
  }
}

TEST_CASE("lognormal draws have the analytic mean and variance", "[random]") {
  const LogNormal d = LogNormal::from_mean_sd(4.0, 1.5);
  CHECK(d.mean() == Approx(4.0));
  CHECK(std::sqrt(d.variance()) == Approx(1.5));
  check_moments(d, 7, "lognormal mean 4 sd 1.5");
  const LogNormal l = LogNormal::from_log_params(0.5, 0.3);
  CHECK(l.mean() == Approx(std::exp(0.5 + 0.045)));
  check_moments(l, 8, "lognormal mu 0.5 sigma 0.3");
}

TEST_CASE("gamma draws have the analytic mean and variance for shapes below and above one",
          "[random]") {
  check_moments(Gamma(0.3, 2.0), 9, "gamma k=0.3");
  check_moments(Gamma(0.9, 1.0), 10, "gamma k=0.9");
  check_moments(Gamma(1.0, 3.0), 11, "gamma k=1");
  check_moments(Gamma(7.5, 0.5), 12, "gamma k=7.5");
  check_moments(Gamma(150.0, 0.1), 13, "gamma k=150");
  const Gamma g = Gamma::from_mean_sd(10.0, 2.0);
  CHECK(g.mean() == Approx(10.0));
  CHECK(g.variance() == Approx(4.0));
  check_moments(g, 14, "gamma mean 10 sd 2");
}

TEST_CASE("Poisson draws have the analytic mean and variance on both sides of the algorithm switch",
          "[random]") {
  std::uint64_t entity = 100;
  for (double mean : {0.3, 2.0, 11.9, 12.0, 40.0, 1000.0}) {
    check_moments(Poisson(mean), entity++, "poisson " + std::to_string(mean));
  }
}

TEST_CASE("Poisson of mean zero is always zero", "[random]") {
  RandomStream s({1, 0, 0, 0});
  for (int i = 0; i < 100; ++i) REQUIRE(Poisson(0.0)(s) == 0);
}

TEST_CASE("Poisson frequencies match the probability mass function", "[random]") {
  std::uint64_t entity = 200;
  for (double mean : {3.0, 11.9, 12.0, 25.0}) {  // inversion and PTRS
    RandomStream s = stream_for(entity++);
    const std::size_t cells = static_cast<std::size_t>(mean * 3.0);  // the last one pools the tail
    std::vector<double> counts(cells + 1, 0.0);
    const Poisson p(mean);
    for (std::size_t i = 0; i < kDraws; ++i) counts[std::min<std::size_t>(p(s), cells)] += 1.0;
    std::vector<double> expected(cells + 1);
    double tail = 1.0;
    for (std::size_t k = 0; k < cells; ++k) {
      const double kd = static_cast<double>(k);
      const double pmf = std::exp(kd * std::log(mean) - mean - std::lgamma(kd + 1.0));
      expected[k] = pmf * kN;
      tail -= pmf;
    }
    expected[cells] = tail * kN;
    check_chi_square(counts, expected, "poisson pmf " + std::to_string(mean));
  }
}

TEST_CASE("negative binomial draws have variance mean + mean^2 / r", "[random]") {
  check_moments(NegativeBinomial(5.0, 2.0), 20, "negbin mean 5 r 2");
  check_moments(NegativeBinomial(3.0, 0.5), 21, "negbin mean 3 r 0.5");
  check_moments(NegativeBinomial(80.0, 10.0), 22, "negbin mean 80 r 10");
  const NegativeBinomial nb = NegativeBinomial::from_mean_variance(10.0, 30.0);
  CHECK(nb.mean() == Approx(10.0));
  CHECK(nb.variance() == Approx(30.0));
  CHECK(nb.r == Approx(5.0));
  check_moments(nb, 23, "negbin mean 10 variance 30");
}

TEST_CASE("triangular draws have the analytic mean and variance", "[random]") {
  check_moments(Triangular(1.0, 2.0, 6.0), 30, "triangular 1,2,6");
  check_moments(Triangular(0.0, 0.0, 1.0), 31, "triangular mode at min");
  check_moments(Triangular(-2.0, 3.0, 3.0), 32, "triangular mode at max");
}

TEST_CASE("triangular draws stay within [min, max]", "[random]") {
  std::uint64_t entity = 33;
  for (const Triangular t :
       {Triangular(1.0, 2.0, 6.0), Triangular(0.1, 0.1, 0.7), Triangular(0.1, 0.7, 0.7)}) {
    RandomStream s = stream_for(entity++);
    for (int i = 0; i < 50'000; ++i) {
      const double x = t(s);
      REQUIRE(x >= t.min);
      REQUIRE(x <= t.max);
    }
  }
}

TEST_CASE("categorical frequencies match the weights", "[random]") {
  check_frequencies(Categorical({1.0, 2.0, 3.0, 0.0, 4.0}), 40, "weights 1,2,3,0,4");
  check_frequencies(Categorical({1e-3, 1.0, 1.0, 1e3}), 41, "skewed weights");
  check_frequencies(Categorical::zipf(50, 1.1), 42, "zipf 50, 1.1");
  check_moments(Categorical({0.2, 0.5, 0.3}), 43, "categorical moments");
  RandomStream s({2, 0, 0, 0});
  const Categorical single({7.0});
  for (int i = 0; i < 100; ++i) REQUIRE(single(s) == 0);
}

TEST_CASE("zipf weights fall as 1 / k^s", "[random]") {
  const Categorical z = Categorical::zipf(4, 2.0);
  const double total = 1.0 + 1.0 / 4 + 1.0 / 9 + 1.0 / 16;
  REQUIRE(z.size() == 4);
  for (std::size_t k = 0; k < 4; ++k) {
    const double rank = static_cast<double>(k + 1);
    CHECK(z.probability(k) == Approx(1.0 / (rank * rank) / total));
  }
  for (std::size_t k = 0; k < 5; ++k)
    CHECK(Categorical::zipf(5, 0.0).probability(k) == Approx(0.2));
}

TEST_CASE("empirical draws return only the observed values, with their weights", "[random]") {
  const Empirical weighted({2.0, 3.0, 7.0}, {1.0, 1.0, 2.0});
  CHECK(weighted.mean() == Approx((2.0 + 3.0 + 14.0) / 4.0));
  check_moments(weighted, 50, "empirical weighted");
  const Empirical equal({1.5, 4.0, 4.0, 10.0});
  CHECK(equal.mean() == Approx(19.5 / 4.0));
  check_moments(equal, 51, "empirical equal weights");
  RandomStream s({4, 0, 0, 0});
  for (int i = 0; i < 1000; ++i) {
    const double x = weighted(s);
    REQUIRE((x == 2.0 || x == 3.0 || x == 7.0));
  }
}

TEST_CASE("a constant has zero variance, always returns its value and draws nothing", "[random]") {
  RandomStream s({4, 0, 0, 0});
  const Constant c{3.5};
  for (int i = 0; i < 10; ++i) REQUIRE(c(s) == 3.5);
  CHECK(c.mean() == 3.5);
  CHECK(c.variance() == 0.0);
  CHECK(s.words_drawn() == 0);
}

TEST_CASE("the same key gives the same draws for every distribution", "[random]") {
  const StreamKey key{11, 2, 3, 4};
  const StreamKey other{11, 2, 3, 5};
  CHECK(draws(Uniform(0.0, 1.0), key, 50) == draws(Uniform(0.0, 1.0), key, 50));
  CHECK(draws(Exponential(2.0), key, 50) == draws(Exponential(2.0), key, 50));
  CHECK(draws(Normal(0.0, 1.0), key, 50) == draws(Normal(0.0, 1.0), key, 50));
  const LogNormal ln = LogNormal::from_mean_sd(2.0, 1.0);
  CHECK(draws(ln, key, 50) == draws(ln, key, 50));
  CHECK(draws(Gamma(0.5, 1.0), key, 50) == draws(Gamma(0.5, 1.0), key, 50));
  CHECK(draws(Gamma(5.0, 1.0), key, 50) == draws(Gamma(5.0, 1.0), key, 50));
  CHECK(draws(Poisson(3.0), key, 50) == draws(Poisson(3.0), key, 50));
  CHECK(draws(Poisson(300.0), key, 50) == draws(Poisson(300.0), key, 50));
  CHECK(draws(NegativeBinomial(8.0, 2.0), key, 50) == draws(NegativeBinomial(8.0, 2.0), key, 50));
  CHECK(draws(Triangular(0.0, 1.0, 2.0), key, 50) == draws(Triangular(0.0, 1.0, 2.0), key, 50));
  const Categorical z = Categorical::zipf(10, 1.0);
  CHECK(draws(z, key, 50) == draws(z, key, 50));
  const Empirical e({1.0, 2.0, 3.0});
  CHECK(draws(e, key, 50) == draws(e, key, 50));
  // ... and another key different draws.
  CHECK(draws(Normal(0.0, 1.0), key, 50) != draws(Normal(0.0, 1.0), other, 50));
  CHECK(draws(Poisson(300.0), key, 50) != draws(Poisson(300.0), other, 50));
}

TEST_CASE("the distribution variant dispatches sample, mean and variance to its alternative",
          "[random]") {
  const std::vector<Distribution> all{Constant{1.0},
                                      Uniform(0.0, 1.0),
                                      Exponential(2.0),
                                      Normal(5.0, 1.0),
                                      LogNormal::from_mean_sd(2.0, 1.0),
                                      Gamma(0.5, 1.0),
                                      Triangular(0.0, 1.0, 2.0),
                                      Empirical({1.0, 2.0})};
  for (const Distribution& d : all) {
    std::visit(
        [&d](const auto& alternative) {
          INFO("alternative " << d.index());
          CHECK(mean(d) == alternative.mean());
          CHECK(variance(d) == alternative.variance());
          RandomStream a({1, 0, 0, 0});
          RandomStream b({1, 0, 0, 0});
          for (int i = 0; i < 20; ++i) REQUIRE(sample(d, a) == alternative(b));
          CHECK(a.words_drawn() == b.words_drawn());
        },
        d);
  }
  CHECK(mean(Distribution{Gamma(2.0, 3.0)}) == Approx(6.0));
  CHECK(variance(Distribution{Gamma(2.0, 3.0)}) == Approx(18.0));
}

TEST_CASE("invalid parameters throw invalid_argument", "[random]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(Uniform(2.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Uniform(0.0, inf), std::invalid_argument);
  CHECK_THROWS_AS(Exponential(0.0), std::invalid_argument);
  CHECK_THROWS_AS(Exponential(-1.0), std::invalid_argument);
  CHECK_THROWS_AS(Exponential(nan), std::invalid_argument);
  CHECK_THROWS_AS(Normal(0.0, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(Normal(nan, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(LogNormal::from_log_params(0.0, -0.1), std::invalid_argument);
  CHECK_THROWS_AS(LogNormal::from_mean_sd(0.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(LogNormal::from_mean_sd(1.0, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(Gamma(0.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Gamma(1.0, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(Gamma::from_mean_sd(1.0, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(Poisson(-0.5), std::invalid_argument);
  CHECK_THROWS_AS(Poisson(nan), std::invalid_argument);
  CHECK_THROWS_AS(NegativeBinomial(-1.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(NegativeBinomial(5.0, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(NegativeBinomial::from_mean_variance(10.0, 9.0), std::invalid_argument);
  CHECK_THROWS_AS(NegativeBinomial::from_mean_variance(10.0, 10.0), std::invalid_argument);
  CHECK_THROWS_AS(Triangular(0.0, 3.0, 2.0), std::invalid_argument);
  CHECK_THROWS_AS(Triangular(1.0, 1.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Categorical({}), std::invalid_argument);
  CHECK_THROWS_AS(Categorical({0.0, 0.0}), std::invalid_argument);
  CHECK_THROWS_AS(Categorical({1.0, -1.0}), std::invalid_argument);
  CHECK_THROWS_AS(Categorical({1.0, nan}), std::invalid_argument);
  CHECK_THROWS_AS(Categorical::zipf(0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Categorical::zipf(3, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(Empirical({}), std::invalid_argument);
  CHECK_THROWS_AS(Empirical({1.0, 2.0}, {1.0}), std::invalid_argument);
  CHECK_THROWS_AS(Empirical({1.0, 2.0}, {-1.0, 2.0}), std::invalid_argument);
}
