#include "sim/model/replication_result.hpp"

#include <limits>

namespace c2msim::model {

double ReplicationResult::get(const std::string& scope, const std::string& metric) const {
  for (const MetricValue& m : metrics) {
    if (m.scope == scope && m.metric == metric) return m.value;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace c2msim::model
