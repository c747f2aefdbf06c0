#pragma once
// Per-day demand forecasts from daily observations, for forecast-driven order-up-to policies.
// Moving average over the last p days (sigma: the sample standard deviation of those p days), or
// simple exponential smoothing (sigma: the square root of the exponentially smoothed squared
// one-step forecast error, as in Silver, Pyke & Thomas 2017, sec. 4.6).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "sim/model/replenishment_policy.hpp"

namespace c2msim::model {

class DemandForecast {
 public:
  DemandForecast() = default;
  explicit DemandForecast(const ForecastPolicy& policy)
      : method_(policy.method),
        alpha_(policy.alpha),
        window_(static_cast<std::size_t>(std::max(1, policy.window_days)), 0.0) {}

  // Records one day's demand (units per day).
  void observe(double demand) {
    if (method_ == ForecastMethod::kMovingAverage) {
      window_[next_] = demand;
      next_ = (next_ + 1) % window_.size();
      filled_ = std::min(filled_ + 1, window_.size());
    } else if (observed_ == 0) {
      level_ = demand;
    } else {
      const double error = demand - level_;
      squared_error_ =
          observed_ == 1 ? error * error : alpha_ * error * error + (1.0 - alpha_) * squared_error_;
      level_ += alpha_ * error;
    }
    ++observed_;
  }

  // Forecast of demand per day; 0 before any observation.
  [[nodiscard]] double per_day() const {
    if (method_ == ForecastMethod::kExponentialSmoothing) return level_;
    if (filled_ == 0) return 0.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < filled_; ++i) sum += window_[i];
    return sum / static_cast<double>(filled_);
  }

  // Standard deviation of daily demand around the forecast; 0 until it can be estimated.
  [[nodiscard]] double sd_per_day() const {
    if (method_ == ForecastMethod::kExponentialSmoothing) return std::sqrt(squared_error_);
    if (filled_ < 2) return 0.0;
    const double mean = per_day();
    double ss = 0.0;
    for (std::size_t i = 0; i < filled_; ++i) ss += (window_[i] - mean) * (window_[i] - mean);
    return std::sqrt(ss / static_cast<double>(filled_ - 1));
  }

 private:
  ForecastMethod method_ = ForecastMethod::kMovingAverage;
  double alpha_ = 0.3;
  std::vector<double> window_ = std::vector<double>(1, 0.0);
  std::size_t next_ = 0;
  std::size_t filled_ = 0;
  std::size_t observed_ = 0;
  double level_ = 0.0;
  double squared_error_ = 0.0;
};

}  // namespace c2msim::model
