#include "sim/model/replication_result.hpp"

#include <limits>
#include <stdexcept>

#include "sim/model/metric_catalogue.hpp"

namespace c2msim::model {

double ReplicationResult::get(const std::string& scope, const std::string& metric) const {
  for (const MetricValue& m : metrics) {
    if (m.scope == scope && m.metric == metric) return m.value;
  }
  if (find_metric(metric) == nullptr) {
    throw std::invalid_argument("no metric is called '" + metric + "' (c2msim metrics lists them)");
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace c2msim::model
