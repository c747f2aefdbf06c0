#pragma once
// What each random stream of a replication is for. A stream is keyed by (seed, replication,
// purpose, entity); consumer-demand purposes are keyed by market only, so every arm sees the same
// customers (common random numbers).

#include <cstdint>

namespace c2msim::model {

enum StreamPurpose : std::uint64_t {
  kCustomerArrivals = 1,    // unit exponentials (Poisson markets) or daily counts (over-dispersed)
  kCustomerAttributes = 2,  // quantity, variant, patience, channel, substitution of each customer
  kLaneLeadTimes = 3,       // entity: lane index
};

}  // namespace c2msim::model
