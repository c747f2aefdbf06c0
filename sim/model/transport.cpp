#include "sim/model/transport.hpp"

#include <algorithm>
#include <limits>

#include "sim/model/stream_purpose.hpp"

namespace c2msim::model {

Transport::Transport(const ArmPlan& plan, std::uint64_t seed, std::uint64_t replication,
                     Books& books, Calendar& calendar)
    : plan_(plan),
      books_(books),
      calendar_(calendar),
      units_by_lane_product_(plan.spec().lanes.size() * plan.product_count(), 0.0) {
  const auto& lanes = plan.spec().lanes;
  capacity_.reserve(lanes.size());
  lead_time_streams_.reserve(lanes.size());
  for (Index l = 0; l < lanes.size(); ++l) {
    capacity_.emplace_back(
        lanes[l].capacity_per_day.value_or(std::numeric_limits<double>::infinity()));
    lead_time_streams_.emplace_back(random::StreamKey{seed, replication, kLaneLeadTimes, l});
  }
}

double Transport::value_at_chain_cost() const {
  double value = 0;
  for (Index l = 0; l < plan_.spec().lanes.size(); ++l) {
    for (Index p = 0; p < plan_.product_count(); ++p) {
      const double units = units_by_lane_product_[l * plan_.product_count() + p];
      if (units != 0) value += units * plan_.chain_cost(plan_.lane(l).from, p);
    }
  }
  return value;
}

}  // namespace c2msim::model
