#pragma once
// Per-day demand forecasts for forecast-driven order-up-to policies, from one observation per
// review period (the demand of the period, Chen, Drezner, Ryan and Simchi-Levi 2000 take the
// review period as the forecast's period). Moving average over the periods covering the last
// window_days (sigma: the sample standard deviation of those periods), or simple exponential
// smoothing (sigma: the square root of the exponentially smoothed squared one-step forecast
// error, Silver, Pyke & Thomas 2017, sec. 4.6). A period of R days converts to a day as
// mean / R and sd / sqrt(R), as for independent days.

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
        period_days_(static_cast<double>(review_days(policy.review_period_days))),
        window_(
            static_cast<std::size_t>(std::max(1.0, std::round(policy.window_days / period_days_))),
            0.0) {}

  // Records the demand of one review period (units).
  void observe_period(double units) {
    if (method_ == ForecastMethod::kMovingAverage) {
      window_[next_] = units;
      next_ = (next_ + 1) % window_.size();
      filled_ = std::min(filled_ + 1, window_.size());
    } else if (observed_ == 0) {
      level_ = units;
    } else {
      const double error = units - level_;
      squared_error_ =
          observed_ == 1 ? error * error : alpha_ * error * error + (1.0 - alpha_) * squared_error_;
      level_ += alpha_ * error;
    }
    ++observed_;
  }

  // Forecast of demand per day; 0 before any observation.
  [[nodiscard]] double per_day() const { return per_period() / period_days_; }

  // Standard deviation of one day's demand; 0 until it can be estimated.
  [[nodiscard]] double sd_per_day() const { return sd_per_period() / std::sqrt(period_days_); }

 private:
  double per_period() const {
    if (method_ == ForecastMethod::kExponentialSmoothing) return level_;
    if (filled_ == 0) return 0.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < filled_; ++i) sum += window_[i];
    return sum / static_cast<double>(filled_);
  }

  double sd_per_period() const {
    if (method_ == ForecastMethod::kExponentialSmoothing) return std::sqrt(squared_error_);
    if (filled_ < 2) return 0.0;
    const double mean = per_period();
    double ss = 0.0;
    for (std::size_t i = 0; i < filled_; ++i) ss += (window_[i] - mean) * (window_[i] - mean);
    return std::sqrt(ss / static_cast<double>(filled_ - 1));
  }

  ForecastMethod method_ = ForecastMethod::kMovingAverage;
  double alpha_ = 0.3;
  double period_days_ = 1.0;
  std::vector<double> window_ = std::vector<double>(1, 0.0);
  std::size_t next_ = 0;
  std::size_t filled_ = 0;
  std::size_t observed_ = 0;
  double level_ = 0.0;
  double squared_error_ = 0.0;
};

}  // namespace c2msim::model
