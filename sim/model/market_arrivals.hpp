#pragma once
// Consumers arriving at the markets: a Poisson process whose rate is constant within each day (by
// inversion of the cumulative rate, sim/model/daily_rate.hpp), a negative binomial count per day
// spread uniformly over the day, or one customer each time the cumulative rate passes a whole
// number; and what each customer brings: each attribute of the k-th customer of a market comes
// from its own stream keyed by (market, k) and is drawn only when the model needs it, so the k-th
// customer is the same person in every arm (common random numbers), whichever attributes an arm
// asks about and however many words its predecessors' draws took.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/model/daily_rate.hpp"
#include "sim/model/model_event.hpp"
#include "sim/model/stream_purpose.hpp"
#include "sim/random/distributions.hpp"
#include "sim/random/random_stream.hpp"

namespace c2msim::model {

class MarketArrivals {
 public:
  MarketArrivals(const ArmPlan& plan, std::uint64_t seed, std::uint64_t replication,
                 Calendar& calendar);

  // Schedules each market's first arrival (or first day of arrivals).
  void start();
  // Schedules the market's next customer, one by one (Poisson and deterministic arrivals): each
  // such market's arrivals are one recurring timer, re-armed by each arrival, so a customer costs
  // no heap entry (the timer ranks exactly as the event it replaces would).
  void schedule_next(Index market);
  // Draws the day's customers of an over-dispersed market and schedules them, and the next day.
  void draw_day(Index market);

  // The number of the market's customer arriving now (0 for its first): customers are numbered
  // in the order they arrive.
  std::uint64_t next_customer(Index market) { return customers_arrived_[market]++; }
  // Customers who arrived so far, at every market.
  [[nodiscard]] std::uint64_t customers_arrived() const noexcept {
    return std::accumulate(customers_arrived_.begin(), customers_arrived_.end(), std::uint64_t{0});
  }
  // The k-th customer's attributes, each a pure function of (seed, replication, market, k).
  // Units wanted: a whole number of at least 1.
  [[nodiscard]] double quantity(Index market, std::uint64_t k) const;
  // The preferred variant of the market's product.
  [[nodiscard]] Index variant(Index market, std::uint64_t k) const;
  // Days the customer waits for an order not served at once (+infinity without a patience).
  [[nodiscard]] double patience_days(Index market, std::uint64_t k) const;
  // The lane into the market that serves the customer, by the lanes' shares.
  [[nodiscard]] Index channel_lane(Index market, std::uint64_t k) const;
  // Uniform draws: takes a substitute when below the node's probability; built to order at a
  // hybrid factory when below its make-to-order share.
  [[nodiscard]] double substitution_draw(Index market, std::uint64_t k) const;
  [[nodiscard]] double customisation_draw(Index market, std::uint64_t k) const;

 private:
  [[nodiscard]] random::RandomStream customer_stream(std::uint64_t purpose, Index market,
                                                     std::uint64_t k) const {
    return random::RandomStream({seed_, replication_, purpose, market, k});
  }

  const ArmPlan& plan_;
  Calendar& calendar_;
  std::uint64_t seed_, replication_;
  std::vector<random::RandomStream> arrival_streams_;
  std::vector<Calendar::TimerId> arrival_timers_;  // per market, for one-by-one arrivals
  std::vector<std::uint64_t> customers_arrived_;   // per market
  std::vector<DailyRatePosition> positions_;       // each market's place on its cumulative rate
  std::vector<double> day_times_;                  // draw_day's buffer
};

inline void MarketArrivals::schedule_next(Index m) {
  const MarketSpec& ms = plan_.market(m);
  const double unit = ms.process == ArrivalProcess::kDeterministic
                          ? 1.0
                          : random::standard_exponential(arrival_streams_[m]);
  // The k-th customer arrives at Lambda^-1(E_1 + ... + E_k), the rate scaled by price response.
  const double t =
      advance_daily_rate(ms.arrivals_per_day, positions_[m], unit / plan_.market_rate_factor(m));
  if (t <= plan_.spec().horizon_days) calendar_.arm_timer(arrival_timers_[m], t);
}

inline double MarketArrivals::quantity(Index m, std::uint64_t k) const {
  random::RandomStream rng = customer_stream(kCustomerQuantity, m, k);
  return std::max(1.0, std::round(random::sample(plan_.market(m).quantity, rng)));
}

inline Index MarketArrivals::variant(Index m, std::uint64_t k) const {
  const random::Categorical& choice = plan_.variant_choice(m);
  if (choice.size() == 1) return 0;
  random::RandomStream rng = customer_stream(kCustomerVariant, m, k);
  return static_cast<Index>(choice(rng));
}

inline double MarketArrivals::patience_days(Index m, std::uint64_t k) const {
  const auto& patience = plan_.market(m).patience_days;
  if (!patience) return std::numeric_limits<double>::infinity();
  random::RandomStream rng = customer_stream(kCustomerPatience, m, k);
  return std::max(0.0, random::sample(*patience, rng));
}

inline Index MarketArrivals::channel_lane(Index m, std::uint64_t k) const {
  if (plan_.market_lanes(m).size() == 1) return plan_.market_lanes(m).front();
  return plan_.channel_lane(m, customer_stream(kCustomerChannel, m, k).uniform01());
}

inline double MarketArrivals::substitution_draw(Index m, std::uint64_t k) const {
  return customer_stream(kCustomerSubstitution, m, k).uniform01();
}

inline double MarketArrivals::customisation_draw(Index m, std::uint64_t k) const {
  return customer_stream(kCustomerCustomisation, m, k).uniform01();
}

}  // namespace c2msim::model
