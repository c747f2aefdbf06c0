#pragma once
// What one replication of an arm will cost, estimated from its plan before anything runs: the
// customers and events to expect, the memory it holds at its peak, and the metric rows it
// reports. The CLI multiplies these out for a whole run and refuses one that cannot fit in the
// machine's memory or on its disk. Estimates, not bounds: the events are within a small factor
// of what runs (a test holds them to it on the shipped scenarios), the memory errs high.

#include <cstdint>

#include "sim/model/arm_plan.hpp"

namespace c2msim::model {

struct ReplicationSize {
  double customers = 0;           // expected arrivals over the horizon, after price response
  double events = 0;              // calendar events
  double peak_bytes = 0;          // memory of one replication at its peak
  std::uint64_t metric_rows = 0;  // metric values it reports (at most)
};

ReplicationSize estimate_replication(const ArmPlan& plan);

}  // namespace c2msim::model
