#pragma once
// Probability distributions of c2msim, written in the project rather than taken from <random>:
// libstdc++'s distribution objects use unspecified algorithms that may change between versions
// and platforms, and a seed must give the same values everywhere. Each type is a small value with
// its draw (`operator()` on a RandomStream), and its exact `mean()` and `variance()`. Constructors
// and factories throw std::invalid_argument on bad parameters. Continuous draws are doubles,
// counts and category indices std::uint64_t.

#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

#include "sim/random/random_stream.hpp"

namespace c2msim::random {

// A fixed value (a deterministic lead time, say).
struct Constant {
  double value = 0.0;
  double operator()(RandomStream&) const noexcept { return value; }
  [[nodiscard]] double mean() const noexcept { return value; }
  [[nodiscard]] double variance() const noexcept { return 0.0; }
};

// Uniform on [min, max).
struct Uniform {
  Uniform(double min, double max);
  double min;
  double max;
  double operator()(RandomStream& s) const noexcept { return min + (max - min) * s.uniform01(); }
  [[nodiscard]] double mean() const noexcept { return 0.5 * (min + max); }
  [[nodiscard]] double variance() const noexcept { return (max - min) * (max - min) / 12.0; }
};

// A unit exponential draw, by the ziggurat method of Boost.Random (a variable number of words).
double standard_exponential(RandomStream& s);

// Exponential with the given rate: a unit exponential over the rate.
struct Exponential {
  explicit Exponential(double rate);
  double rate;
  double operator()(RandomStream& s) const;
  [[nodiscard]] double mean() const noexcept { return 1.0 / rate; }
  [[nodiscard]] double variance() const noexcept { return 1.0 / (rate * rate); }
};

// Normal, by the ziggurat method of Boost.Random (no cached spare, so a draw depends only on the
// stream's position).
struct Normal {
  Normal(double mean, double sd);
  double mu;
  double sigma;
  double operator()(RandomStream& s) const;
  [[nodiscard]] double mean() const noexcept { return mu; }
  [[nodiscard]] double variance() const noexcept { return sigma * sigma; }
};

// Lognormal: exp(N(mu, sigma^2)).
struct LogNormal {
  static LogNormal from_log_params(double mu, double sigma);
  // The lognormal whose own mean and standard deviation are these.
  static LogNormal from_mean_sd(double mean, double sd);
  double mu = 0.0;
  double sigma = 0.0;
  double operator()(RandomStream& s) const;
  [[nodiscard]] double mean() const;
  [[nodiscard]] double variance() const;
};

// Gamma(shape k, scale theta): Marsaglia and Tsang (2000) for k >= 1; for k < 1,
// Gamma(k + 1) * U^(1/k) (their section 6).
struct Gamma {
  Gamma(double shape, double scale);
  static Gamma from_mean_sd(double mean, double sd);
  double shape;
  double scale;
  double operator()(RandomStream& s) const;
  [[nodiscard]] double mean() const noexcept { return shape * scale; }
  [[nodiscard]] double variance() const noexcept { return shape * scale * scale; }
};

// Poisson: inversion by sequential search for means below 12 (Devroye 1986, Non-Uniform Random
// Variate Generation, III.2), Hoermann's PTRS transformed rejection (1993) from 12 up; mean 0 gives
// 0.
struct Poisson {
  explicit Poisson(double mean);
  double lambda;
  std::uint64_t operator()(RandomStream& s) const;
  [[nodiscard]] double mean() const noexcept { return lambda; }
  [[nodiscard]] double variance() const noexcept { return lambda; }
};

// Negative binomial as a gamma-Poisson mixture: Poisson(Gamma(r, mean / r)), so that
// variance = mean + mean^2 / r. `dispersion` is r.
struct NegativeBinomial {
  NegativeBinomial(double mean, double dispersion);
  static NegativeBinomial from_mean_variance(double mean, double variance);
  double mu;
  double r;
  std::uint64_t operator()(RandomStream& s) const;
  [[nodiscard]] double mean() const noexcept { return mu; }
  [[nodiscard]] double variance() const noexcept { return mu + mu * mu / r; }
};

// Triangular on [min, max] with the given mode, by inversion of its CDF.
struct Triangular {
  Triangular(double min, double mode, double max);
  double min;
  double mode;
  double max;
  double operator()(RandomStream& s) const;
  [[nodiscard]] double mean() const noexcept { return (min + mode + max) / 3.0; }
  [[nodiscard]] double variance() const noexcept;
};

// A category index drawn with probability proportional to its weight, in O(1) per draw through
// Walker's alias table (built once, by Vose's 1991 stable method). Two 64-bit words per draw.
class Categorical {
 public:
  explicit Categorical(const std::vector<double>& weights);
  // Weights 1 / k^exponent for k = 1..n: the Zipf law of consumer preferences over variants.
  static Categorical zipf(std::size_t n, double exponent);

  std::uint64_t operator()(RandomStream& s) const;
  [[nodiscard]] std::size_t size() const noexcept { return probability_.size(); }
  [[nodiscard]] double probability(std::size_t i) const { return normalised_.at(i); }
  [[nodiscard]] double mean() const;
  [[nodiscard]] double variance() const;

 private:
  std::vector<double> normalised_;
  std::vector<double> probability_;  // alias-table acceptance probability per column
  std::vector<std::uint32_t> alias_;
};

// One of the observed values, each with its weight (equal by default).
class Empirical {
 public:
  explicit Empirical(std::vector<double> values, const std::vector<double>& weights = {});
  // Defined out of line on purpose: inlined into code that moves a Distribution, the vector
  // members trip GCC 12's false -Wmaybe-uninitialized on std::variant (a known GCC issue),
  // which -Werror turns into a build failure at -O2 with the sanitizers.
  Empirical(const Empirical&);
  Empirical(Empirical&&) noexcept;
  Empirical& operator=(const Empirical&);
  Empirical& operator=(Empirical&&) noexcept;
  ~Empirical();
  double operator()(RandomStream& s) const { return values_[pick_(s)]; }
  [[nodiscard]] double mean() const;
  [[nodiscard]] double variance() const;
  [[nodiscard]] const std::vector<double>& values() const noexcept { return values_; }

 private:
  std::vector<double> values_;
  Categorical pick_;
};

// A non-negative continuous quantity (a lead time, a patience, a quantity), held by value and
// drawn without a virtual call.
using Distribution =
    std::variant<Constant, Uniform, Exponential, Normal, LogNormal, Gamma, Triangular, Empirical>;

double sample(const Distribution& d, RandomStream& s);
double mean(const Distribution& d);
double variance(const Distribution& d);

}  // namespace c2msim::random
