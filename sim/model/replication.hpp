#pragma once
// One replication of one arm: the supply chain of an ArmPlan run on the engine from day 0 to the
// horizon, measured after the warm-up. A replication is a value: build it on any thread, run it,
// drop it. Its random draws come from streams keyed by (seed, replication, purpose, entity), and
// consumer demand is keyed by market only, so arms see the same customers (common random numbers).
// How an event travels through the parts of the model: docs/model.md, "Code map".

#include <cstdint>
#include <functional>

#include "sim/model/arm_plan.hpp"
#include "sim/model/chain_spec.hpp"
#include "sim/model/conservation.hpp"
#include "sim/model/replication_result.hpp"

namespace c2msim::model {

// The state of one node at the end of a simulated day (before that day's reviews).
struct DailySnapshot {
  Index day = 0;  // the day that ended: [day - 1, day)
  Index node = 0;
  double on_hand = 0;          // units, all products and variants
  double backorders = 0;       // units owed to customers and downstream nodes
  double on_order = 0;         // units ordered and not yet received
  double orders_placed = 0;    // units ordered upstream (or put into production) during the day
  double demand_received = 0;  // units requested by customers and downstream nodes during the day
  double received = 0;         // units that arrived into the node's stock during the day
};

// Receives every node's snapshot at every day end, in (day, node) order; may be empty.
using DailyObserver = std::function<void(const DailySnapshot&)>;

// Runs replication `replication` of the arm. Throws ConservationError if units or money are not
// conserved (a bug).
ReplicationResult run_replication(const ArmPlan& plan, std::uint64_t seed,
                                  std::uint64_t replication, const DailyObserver& observer = {});

// The same for an arm not compiled yet (one-off runs and tests): compiles it first.
ReplicationResult run_replication(const ChainSpec& spec, std::uint64_t seed,
                                  std::uint64_t replication, const DailyObserver& observer = {});

}  // namespace c2msim::model
