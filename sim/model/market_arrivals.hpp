#pragma once
// Consumers arriving at the markets: a Poisson process whose rate is constant within each day (by
// inversion of the cumulative rate, sim/model/daily_rate.hpp), a negative binomial count per day
// spread uniformly over the day, or one customer each time the cumulative rate passes a whole
// number; and what each customer brings, drawn in a fixed order from the market's own streams.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/model/daily_rate.hpp"
#include "sim/model/model_event.hpp"
#include "sim/random/random_stream.hpp"

namespace c2msim::model {

// Everything a customer draws on arrival. Every attribute is drawn for every customer, in this
// order, whether it is used or not, so that the k-th customer of a market is the same person in
// every arm (common random numbers).
struct CustomerDraws {
  double quantity = 1;  // units, a whole number of at least 1
  Index variant = 0;    // the preferred variant of the market's product
  double patience_days = 0;
  double channel = 0;        // uniform: which lane into the market serves the customer
  double substitution = 0;   // uniform: takes a substitute when below the node's probability
  double customisation = 0;  // uniform: built to order at a hybrid factory when below its share
};

class MarketArrivals {
 public:
  MarketArrivals(const ArmPlan& plan, std::uint64_t seed, std::uint64_t replication,
                 Calendar& calendar);

  // Schedules each market's first arrival (or first day of arrivals).
  void start();
  // Schedules the market's next customer, one by one (Poisson and deterministic arrivals).
  void schedule_next(Index market);
  // Draws the day's customers of an over-dispersed market and schedules them, and the next day.
  void draw_day(Index market);
  CustomerDraws draw_customer(Index market);

 private:
  const ArmPlan& plan_;
  Calendar& calendar_;
  std::vector<random::RandomStream> arrival_streams_, attribute_streams_;
  std::vector<DailyRatePosition> positions_;  // each market's place on its cumulative rate
  std::vector<double> day_times_;             // draw_day's buffer
};

inline void MarketArrivals::schedule_next(Index m) {
  const MarketSpec& ms = plan_.market(m);
  const double unit = ms.process == ArrivalProcess::kDeterministic
                          ? 1.0
                          : -std::log(arrival_streams_[m].uniform_open01());
  // The k-th customer arrives at Lambda^-1(E_1 + ... + E_k), the rate scaled by price response.
  const double t =
      advance_daily_rate(ms.arrivals_per_day, positions_[m], unit / plan_.market_rate_factor(m));
  if (t <= plan_.spec().horizon_days) {
    calendar_.schedule_at(t, {EventKind::kCustomerArrival, false, m, 0});
  }
}

inline CustomerDraws MarketArrivals::draw_customer(Index m) {
  const MarketSpec& ms = plan_.market(m);
  random::RandomStream& rng = attribute_streams_[m];
  CustomerDraws c;
  c.quantity = std::max(1.0, std::round(random::sample(ms.quantity, rng)));
  c.variant = static_cast<Index>(plan_.variant_choice(m)(rng));
  c.patience_days = ms.patience_days ? std::max(0.0, random::sample(*ms.patience_days, rng))
                                     : std::numeric_limits<double>::infinity();
  c.channel = rng.uniform01();
  c.substitution = rng.uniform01();
  c.customisation = rng.uniform01();
  return c;
}

}  // namespace c2msim::model
