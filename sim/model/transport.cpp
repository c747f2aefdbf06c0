#include "sim/model/transport.hpp"

#include <algorithm>
#include <limits>

#include "sim/model/stream_purpose.hpp"

namespace c2msim::model {

Transport::Transport(const ArmPlan& plan, std::uint64_t seed, std::uint64_t replication,
                     Books& books, Calendar& calendar)
    : plan_(plan), books_(books), calendar_(calendar) {
  const auto& lanes = plan.spec().lanes;
  capacity_.reserve(lanes.size());
  lead_time_streams_.reserve(lanes.size());
  for (Index l = 0; l < lanes.size(); ++l) {
    capacity_.emplace_back(
        lanes[l].capacity_per_day.value_or(std::numeric_limits<double>::infinity()));
    lead_time_streams_.emplace_back(random::StreamKey{seed, replication, kLaneLeadTimes, l});
  }
}

}  // namespace c2msim::model
