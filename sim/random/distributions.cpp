#include "sim/random/distributions.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace c2msim::random {
namespace {

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(what);
}

bool finite(double x) {
  return std::isfinite(x);
}

// RandomStream's bits in the shape Boost.Random's distributions take. Only this file sees it, so
// the algorithm behind every draw stays the one written here or named here (not the standard
// library's, which differs between implementations).
struct BoostEngine {
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() { return stream.next_u64(); }
  RandomStream& stream;
};

// A standard normal draw by the ziggurat method (Marsaglia and Tsang 2000, with Doornik's 2005
// correction), as Boost.Random implements it: about one 64-bit word and no transcendental
// function in 99% of draws, against a log and a cosine for Box-Muller.
double standard_normal(RandomStream& s) {
  BoostEngine engine{s};
  return boost::random::normal_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace

// The ziggurat for the exponential (Marsaglia and Tsang 2000), as Boost.Random implements it:
// about one 64-bit word and no logarithm in 98% of draws, against a log for inversion (the log was
// a ninth of the time of a chain whose customers arrive one by one).
double standard_exponential(RandomStream& s) {
  BoostEngine engine{s};
  return boost::random::exponential_distribution<double>(1.0)(engine);
}

namespace {

// Marsaglia & Tsang (2000), "A simple method for generating gamma variables", for shape >= 1.
double standard_gamma_at_least_one(double shape, RandomStream& s) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x;
    double v;
    do {
      x = standard_normal(s);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = s.uniform_open01();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double standard_gamma(double shape, RandomStream& s) {
  if (shape >= 1.0) return standard_gamma_at_least_one(shape, s);
  const double g = standard_gamma_at_least_one(shape + 1.0, s);
  return g * std::pow(s.uniform_open01(), 1.0 / shape);
}

// Inversion by sequential search from 0 (Devroye 1986, III.2): one uniform, O(mean) steps.
std::uint64_t poisson_inversion(double lambda, RandomStream& s) {
  double u = s.uniform01();
  double p = std::exp(-lambda);
  std::uint64_t k = 0;
  while (u > p) {
    u -= p;
    ++k;
    p *= lambda / static_cast<double>(k);
    if (p <= 0.0) break;  // numerical tail: u is below what doubles resolve
  }
  return k;
}

// Hoermann (1993), "The transformed rejection method for generating Poisson random variables",
// algorithm PTRS, valid for lambda >= 10.
std::uint64_t poisson_ptrs(double lambda, RandomStream& s) {
  const double slam = std::sqrt(lambda);
  const double loglam = std::log(lambda);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = s.uniform01() - 0.5;
    const double v = s.uniform_open01();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= v_r) return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -lambda + k * loglam - std::lgamma(k + 1.0)) {
      return static_cast<std::uint64_t>(k);
    }
  }
}

std::uint64_t poisson(double lambda, RandomStream& s) {
  if (lambda <= 0.0) return 0;
  return lambda < 12.0 ? poisson_inversion(lambda, s) : poisson_ptrs(lambda, s);
}

}  // namespace

Uniform::Uniform(double lo, double hi) : min(lo), max(hi) {
  require(finite(lo) && finite(hi) && lo <= hi, "uniform needs finite min <= max");
}

Exponential::Exponential(double r) : rate(r) {
  require(finite(r) && r > 0.0, "exponential rate must be > 0");
}
double Exponential::operator()(RandomStream& s) const {
  return standard_exponential(s) / rate;
}

Normal::Normal(double mean, double sd) : mu(mean), sigma(sd) {
  require(finite(mean) && finite(sd) && sd >= 0.0, "normal needs a finite mean and sd >= 0");
}
double Normal::operator()(RandomStream& s) const {
  return mu + sigma * standard_normal(s);
}

LogNormal LogNormal::from_log_params(double mu, double sigma) {
  require(finite(mu) && finite(sigma) && sigma >= 0.0, "lognormal needs finite mu and sigma >= 0");
  LogNormal d;
  d.mu = mu;
  d.sigma = sigma;
  return d;
}
LogNormal LogNormal::from_mean_sd(double mean, double sd) {
  require(finite(mean) && finite(sd) && mean > 0.0 && sd >= 0.0,
          "lognormal needs mean > 0 and sd >= 0");
  const double sigma2 = std::log1p((sd * sd) / (mean * mean));
  return from_log_params(std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2));
}
double LogNormal::operator()(RandomStream& s) const {
  return std::exp(mu + sigma * standard_normal(s));
}
double LogNormal::mean() const {
  return std::exp(mu + 0.5 * sigma * sigma);
}
double LogNormal::variance() const {
  return std::expm1(sigma * sigma) * std::exp(2.0 * mu + sigma * sigma);
}

Gamma::Gamma(double k, double theta) : shape(k), scale(theta) {
  require(finite(k) && finite(theta) && k > 0.0 && theta > 0.0,
          "gamma needs shape > 0 and scale > 0");
}
Gamma Gamma::from_mean_sd(double mean, double sd) {
  require(finite(mean) && finite(sd) && mean > 0.0 && sd > 0.0, "gamma needs mean > 0 and sd > 0");
  return Gamma(mean * mean / (sd * sd), sd * sd / mean);
}
double Gamma::operator()(RandomStream& s) const {
  return scale * standard_gamma(shape, s);
}

Poisson::Poisson(double mean) : lambda(mean) {
  require(finite(mean) && mean >= 0.0, "poisson mean must be >= 0");
}
std::uint64_t Poisson::operator()(RandomStream& s) const {
  return poisson(lambda, s);
}

NegativeBinomial::NegativeBinomial(double mean, double dispersion) : mu(mean), r(dispersion) {
  require(finite(mean) && mean >= 0.0, "negative binomial mean must be >= 0");
  require(finite(dispersion) && dispersion > 0.0, "negative binomial dispersion must be > 0");
}
NegativeBinomial NegativeBinomial::from_mean_variance(double mean, double variance) {
  require(finite(variance) && variance > mean && mean > 0.0,
          "negative binomial needs variance > mean > 0");
  return NegativeBinomial(mean, mean * mean / (variance - mean));
}
std::uint64_t NegativeBinomial::operator()(RandomStream& s) const {
  if (mu <= 0.0) return 0;
  return poisson(standard_gamma(r, s) * (mu / r), s);
}

Triangular::Triangular(double lo, double m, double hi) : min(lo), mode(m), max(hi) {
  require(finite(lo) && finite(m) && finite(hi) && lo <= m && m <= hi && lo < hi,
          "triangular needs min <= mode <= max and min < max");
}
double Triangular::operator()(RandomStream& s) const {
  const double u = s.uniform01();
  const double split = (mode - min) / (max - min);
  const double x = u < split ? min + std::sqrt(u * (max - min) * (mode - min))
                             : max - std::sqrt((1.0 - u) * (max - min) * (max - mode));
  return std::clamp(x, min, max);  // rounding must not step outside the support
}
double Triangular::variance() const noexcept {
  return (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18.0;
}

Categorical::Categorical(const std::vector<double>& weights) {
  require(!weights.empty(), "categorical needs at least one weight");
  double total = 0.0;
  for (double w : weights) {
    require(finite(w) && w >= 0.0, "categorical weights must be finite and >= 0");
    total += w;
  }
  require(total > 0.0 && finite(total), "categorical weights must have a finite, positive sum");
  require(weights.size() <= std::numeric_limits<std::uint32_t>::max(), "too many categories");
  const std::size_t n = weights.size();
  normalised_.resize(n);
  for (std::size_t i = 0; i < n; ++i) normalised_[i] = weights[i] / total;
  // Vose's alias method: scale to mean 1, pair each small column with a large one.
  probability_.assign(n, 1.0);
  alias_.resize(n);
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small;
  std::vector<std::uint32_t> large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = normalised_[i] * static_cast<double>(n);
    alias_[i] = static_cast<std::uint32_t>(i);
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t l = small.back();
    small.pop_back();
    const std::uint32_t g = large.back();
    probability_[l] = scaled[l];
    alias_[l] = g;
    scaled[g] = (scaled[g] + scaled[l]) - 1.0;
    if (scaled[g] < 1.0) {
      large.pop_back();
      small.push_back(g);
    }
  }
  // What is left is 1 up to rounding.
  for (std::uint32_t i : small) probability_[i] = 1.0;
  for (std::uint32_t i : large) probability_[i] = 1.0;
}

Categorical Categorical::zipf(std::size_t n, double exponent) {
  require(n > 0, "zipf needs at least one category");
  require(finite(exponent) && exponent >= 0.0, "zipf exponent must be >= 0");
  std::vector<double> weights(n);
  for (std::size_t k = 0; k < n; ++k) weights[k] = std::pow(static_cast<double>(k + 1), -exponent);
  return Categorical(weights);
}

std::uint64_t Categorical::operator()(RandomStream& s) const {
  const std::uint64_t column = s.below(probability_.size());
  return s.uniform01() < probability_[column] ? column : alias_[column];
}

double Categorical::mean() const {
  double m = 0.0;
  for (std::size_t i = 0; i < normalised_.size(); ++i) m += static_cast<double>(i) * normalised_[i];
  return m;
}
double Categorical::variance() const {
  const double m = mean();
  double v = 0.0;
  for (std::size_t i = 0; i < normalised_.size(); ++i) {
    const double d = static_cast<double>(i) - m;
    v += d * d * normalised_[i];
  }
  return v;
}

namespace {
std::vector<double> equal_weights_if_none(const std::vector<double>& values,
                                          const std::vector<double>& weights) {
  require(!values.empty(), "empirical needs at least one value");
  for (double v : values) require(finite(v), "empirical values must be finite");
  if (weights.empty()) return std::vector<double>(values.size(), 1.0);
  require(weights.size() == values.size(), "empirical needs one weight per value");
  return weights;
}
}  // namespace

Empirical::Empirical(std::vector<double> values, const std::vector<double>& weights)
    : values_(std::move(values)), pick_(equal_weights_if_none(values_, weights)) {}
Empirical::Empirical(const Empirical&) = default;
Empirical::Empirical(Empirical&&) noexcept = default;
Empirical& Empirical::operator=(const Empirical&) = default;
Empirical& Empirical::operator=(Empirical&&) noexcept = default;
Empirical::~Empirical() = default;

double Empirical::mean() const {
  double m = 0.0;
  for (std::size_t i = 0; i < values_.size(); ++i) m += values_[i] * pick_.probability(i);
  return m;
}
double Empirical::variance() const {
  const double m = mean();
  double v = 0.0;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    v += (values_[i] - m) * (values_[i] - m) * pick_.probability(i);
  }
  return v;
}

double sample(const Distribution& d, RandomStream& s) {
  return std::visit([&s](const auto& x) { return static_cast<double>(x(s)); }, d);
}
double mean(const Distribution& d) {
  return std::visit([](const auto& x) { return x.mean(); }, d);
}
double variance(const Distribution& d) {
  return std::visit([](const auto& x) { return x.variance(); }, d);
}

}  // namespace c2msim::random
