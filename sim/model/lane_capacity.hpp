#pragma once
// The daily capacity of a lane: at most `capacity_per_day` units enter the lane in each day
// [d, d + 1). Shipments take capacity first come first served; one that does not fit in what is
// left of today waits for the following days' capacity and leaves, whole, on the day its last unit
// fits (shipments are not split, so a shipment of q units holds the lane for about q / capacity
// days). Hand-written: it is a few lines of bookkeeping, not a general queue.

#include <cmath>
#include <cstdint>
#include <limits>

namespace c2msim::model {

class LaneCapacity {
 public:
  explicit LaneCapacity(double capacity_per_day = std::numeric_limits<double>::infinity())
      : capacity_(capacity_per_day) {}

  [[nodiscard]] bool limited() const noexcept { return std::isfinite(capacity_); }

  // Books `units` on the lane for a shipment ready at time `now` (times never decrease from one
  // call to the next); returns when it leaves: `now` when today's capacity holds it, else the
  // start of the day its last unit fits.
  double book(double now, double units) noexcept {
    if (!limited() || units <= 0) return now;
    const double today = std::floor(now);
    if (today > day_) {  // capacity of days before today is gone unused
      day_ = today;
      used_ = 0;
    }
    used_ += units;
    if (used_ <= capacity_ * (1 + 1e-12)) return day_ > today ? day_ : now;
    // Whole extra days the overflow needs, the last one partly used.
    const double overflow = used_ - capacity_;
    const double extra_days = std::ceil(overflow / capacity_ - 1e-12);
    day_ += extra_days;
    used_ = overflow - (extra_days - 1) * capacity_;
    return day_;
  }

 private:
  double capacity_;
  double day_ = -1;  // the latest day with capacity booked
  double used_ = 0;  // units booked on that day
};

}  // namespace c2msim::model
