#pragma once
// The lanes of an arm: a lead time drawn per shipment from the lane's own random stream, the
// lane's daily capacity, and the shipments between nodes while they travel. Consumer deliveries
// take capacity and a lead time too, but are not tracked as shipments: the customer's record
// holds their delivery time.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/model/books.hpp"
#include "sim/model/lane_capacity.hpp"
#include "sim/model/model_event.hpp"
#include "sim/model/object_pool.hpp"
#include "sim/random/random_stream.hpp"

namespace c2msim::model {

struct Shipment {
  Index lane = 0;
  Index sku = 0;
  double quantity = 0;
};

class Transport {
 public:
  Transport(const ArmPlan& plan, std::uint64_t seed, std::uint64_t replication, Books& books,
            Calendar& calendar);

  // When goods of `units`, ready now, leave on `lane`: now, or later when its daily capacity is
  // used up.
  double departure(Index lane, double units) {
    return capacity_[lane].book(calendar_.now(), units);
  }
  // A lead time of `lane`, drawn from its stream (negative draws count as 0).
  double lead_time(Index lane);

  // Sends `units` of `sku` to the lane's customer node and schedules their arrival.
  void send(Index lane, Index sku, double units);
  // The shipment `id` arrives: it is no longer in transit.
  Shipment arrive(std::uint32_t id);

  [[nodiscard]] double units_in_transit() const noexcept { return units_in_transit_; }
  // Goods between nodes now, at the chain's cost.
  [[nodiscard]] double value_at_chain_cost() const;

 private:
  const ArmPlan& plan_;
  Books& books_;
  Calendar& calendar_;
  std::vector<random::RandomStream> lead_time_streams_;
  std::vector<LaneCapacity> capacity_;
  ObjectPool<Shipment> shipments_;
  double units_in_transit_ = 0;
  std::vector<double> units_by_lane_product_;  // whole units, so their sums are exact
};

inline double Transport::lead_time(Index lane) {
  return std::max(0.0, random::sample(plan_.lane(lane).lead_time_days, lead_time_streams_[lane]));
}

inline void Transport::send(Index lane, Index sku, double units) {
  units_in_transit_ += units;
  books_.in_transit_changed(calendar_.now(), units * plan_.unit_cost(sku));
  units_by_lane_product_[lane * plan_.product_count() + plan_.product_of(sku)] += units;
  const std::uint32_t id = shipments_.add(Shipment{lane, sku, units});
  calendar_.schedule_at(departure(lane, units) + lead_time(lane),
                        {EventKind::kShipmentArrival, false, id, 0});
}

inline Shipment Transport::arrive(std::uint32_t id) {
  const Shipment s = shipments_[id];
  shipments_.release(id);
  units_in_transit_ -= s.quantity;
  books_.in_transit_changed(calendar_.now(), -s.quantity * plan_.unit_cost(s.sku));
  units_by_lane_product_[s.lane * plan_.product_count() + plan_.product_of(s.sku)] -= s.quantity;
  return s;
}

}  // namespace c2msim::model
