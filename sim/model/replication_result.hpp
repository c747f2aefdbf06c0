#pragma once
// What one replication of one arm measured: tidy rows of (scope, metric, value), where scope is
// "system" or a node id, plus the run's bookkeeping.

#include <cstdint>
#include <string>
#include <vector>

namespace c2msim::model {

struct MetricValue {
  std::string scope;
  std::string metric;
  double value = 0.0;
};

struct ReplicationResult {
  std::vector<MetricValue> metrics;
  std::uint64_t events_processed = 0;
  // Heap pushes of the event calendar (engine::CalendarCounters): arrivals on timers and events
  // due at once cost none.
  std::uint64_t calendar_operations = 0;
  std::uint64_t customers = 0;              // customers who arrived, in season or not
  std::uint64_t peak_customer_records = 0;  // the most customers' records held at once

  // The value of one metric, or NaN when it was not reported at that scope. Throws
  // std::invalid_argument for a name that is no metric (see metric_catalogue.hpp).
  [[nodiscard]] double get(const std::string& scope, const std::string& metric) const;
};

}  // namespace c2msim::model
