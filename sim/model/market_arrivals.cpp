#include "sim/model/market_arrivals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/model/daily_rate.hpp"

namespace c2msim::model {

MarketArrivals::MarketArrivals(const ArmPlan& plan, std::uint64_t seed, std::uint64_t replication,
                               Calendar& calendar)
    : plan_(plan),
      calendar_(calendar),
      seed_(seed),
      replication_(replication),
      customers_arrived_(plan.market_count(), 0),
      positions_(plan.market_count()) {
  arrival_streams_.reserve(plan.market_count());
  arrival_timers_.reserve(plan.market_count());
  for (Index m = 0; m < plan.market_count(); ++m) {
    arrival_streams_.emplace_back(random::StreamKey{seed, replication, kCustomerArrivals, m});
    arrival_timers_.push_back(calendar_.add_timer({EventKind::kCustomerArrival, false, m, 0}));
  }
}

void MarketArrivals::start() {
  for (Index m = 0; m < plan_.market_count(); ++m) {
    if (plan_.market(m).process == ArrivalProcess::kNegativeBinomial) {
      calendar_.schedule_at(0.0, {EventKind::kDailyArrivals, false, m, 0});
    } else {
      schedule_next(m);
    }
  }
}

void MarketArrivals::draw_day(Index m) {
  const MarketSpec& ms = plan_.market(m);
  const double day = calendar_.now();
  const double horizon = plan_.spec().horizon_days;
  const auto d = static_cast<std::size_t>(day);
  if (d < ms.arrivals_per_day.size()) {
    const double mean = ms.arrivals_per_day[d] * plan_.market_rate_factor(m);
    const auto count = random::NegativeBinomial(mean, ms.dispersion)(arrival_streams_[m]);
    day_times_.resize(count);
    for (double& t : day_times_) t = day + arrival_streams_[m].uniform01();
    std::sort(day_times_.begin(), day_times_.end());
    for (double t : day_times_) {
      if (t < horizon) calendar_.schedule_at(t, {EventKind::kCustomerArrival, true, m, 0});
    }
  }
  if (day + 1.0 < horizon)
    calendar_.schedule_at(day + 1.0, {EventKind::kDailyArrivals, false, m, 0});
}

}  // namespace c2msim::model
