#pragma once
// The metrics of one replication (docs/model.md, "Metrics"), per node and for the chain, read
// from the parts' books and measurements at the horizon.

#include <cstdint>

#include "sim/model/arm_plan.hpp"
#include "sim/model/books.hpp"
#include "sim/model/customers.hpp"
#include "sim/model/flow_counters.hpp"
#include "sim/model/production.hpp"
#include "sim/model/replication_result.hpp"
#include "sim/model/stock.hpp"
#include "sim/model/transport.hpp"

namespace c2msim::model {

struct MeasuredRun {
  const ArmPlan& plan;
  const Books& books;
  const Stock& stock;
  const Customers& customers;
  const Production& production;
  const FlowCounters& flows;
  const Transport& transport;
  std::uint64_t events_processed = 0;
  std::uint64_t calendar_operations = 0;
  std::uint64_t customers_arrived = 0;
};

ReplicationResult measure(const MeasuredRun& run);

}  // namespace c2msim::model
