#pragma once
// Streaming mean and variance (Welford 1962, in the numerically stable update of Knuth TAOCP 2,
// 4.2.2): one pass, constant memory, exact enough for millions of values.

#include <cmath>
#include <cstdint>
#include <limits>

namespace c2msim::stats {

class RunningMoments {
 public:
  void add(double x) noexcept {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
  }

  [[nodiscard]] std::uint64_t count() const noexcept { return n_; }
  [[nodiscard]] double mean() const noexcept {
    return n_ > 0 ? mean_ : std::numeric_limits<double>::quiet_NaN();
  }
  // The unbiased sample variance (divisor n - 1); NaN below two values.
  [[nodiscard]] double variance() const noexcept {
    return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : std::numeric_limits<double>::quiet_NaN();
  }
  [[nodiscard]] double sd() const noexcept { return std::sqrt(variance()); }

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
};

}  // namespace c2msim::stats
