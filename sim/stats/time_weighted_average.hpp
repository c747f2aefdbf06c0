#pragma once
// The time average of a piecewise-constant quantity such as on-hand inventory or queue length:
// (1/T) * integral of x(t) dt, accumulated exactly at each change.

#include <stdexcept>

namespace c2msim::stats {

class TimeWeightedAverage {
 public:
  explicit TimeWeightedAverage(double start_time = 0.0, double initial_value = 0.0) noexcept
      : start_(start_time), last_change_(start_time), value_(initial_value) {}

  // The quantity takes `value` from `time` on. Times must not decrease.
  void set(double time, double value) {
    advance(time);
    value_ = value;
  }
  void add(double time, double delta) { set(time, value_ + delta); }

  // Forgets the past (the end of a warm-up): the average is taken from `time` on.
  void restart(double time) {
    advance(time);
    start_ = time;
    area_ = 0.0;
  }

  [[nodiscard]] double value() const noexcept { return value_; }
  [[nodiscard]] double integral(double time) const { return area_ + value_ * span(time); }
  [[nodiscard]] double average(double time) const {
    const double length = time - start_;
    return length > 0.0 ? integral(time) / length : value_;
  }

 private:
  double span(double time) const {
    if (time < last_change_) throw std::invalid_argument("time went backwards");
    return time - last_change_;
  }
  void advance(double time) {
    area_ += value_ * span(time);
    last_change_ = time;
  }

  double start_;
  double last_change_;
  double value_;
  double area_ = 0.0;
};

}  // namespace c2msim::stats
