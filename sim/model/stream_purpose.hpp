#pragma once
// What each random stream of a replication is for. A stream is keyed by (seed, replication,
// purpose, entity, member); consumer-demand purposes are keyed by market only, so every arm sees
// the same customers (common random numbers).

#include <cstdint>

namespace c2msim::model {

enum StreamPurpose : std::uint64_t {
  kCustomerArrivals = 1,  // unit exponentials (Poisson markets) or daily counts (over-dispersed)
  // 2 was every attribute of a market's customers in one stream, drawn for each in a fixed order.
  kLaneLeadTimes = 3,  // entity: lane index
  // Each attribute of the k-th customer of a market: entity the market, member k, drawn only when
  // the model needs it (sim/model/market_arrivals.hpp).
  kCustomerQuantity = 4,
  kCustomerVariant = 5,
  kCustomerPatience = 6,
  kCustomerChannel = 7,
  kCustomerSubstitution = 8,
  kCustomerCustomisation = 9,
};

}  // namespace c2msim::model
