#pragma once
// The event payload of a replication: what happens, and to which record. The replication owns the
// calendar and hands each kind to the part that handles it (sim/model/replication.cpp).

#include <cstdint>

#include "sim/engine/simulation.hpp"
#include "sim/model/chain_spec.hpp"

namespace c2msim::model {

enum class EventKind : std::uint8_t {
  kCustomerArrival,  // target: market
  kDailyArrivals,    // target: market (over-dispersed demand: draws the day's customers)
  kCustomerForward,  // target: customer (a platform's order reaching the factory)
  kOrderArrival,     // target: order (a node's replenishment order reaching its supplier)
  kShipmentArrival,  // target: shipment
  kProductionDone,   // target: factory, line: the line that finished
  kPatienceExpiry,   // target: customer
  kDayEnd,           // forecasts and periodic reviews at the end of a day
  kDayClose,         // the day's books and snapshot, once the review's orders reached suppliers
  kBatchRelease,     // target: factory
  kWarmupEnd,
  kSeasonEnd,  // target: product
};

struct ModelEvent {
  EventKind kind = EventKind::kDayEnd;
  // kCustomerArrival: the customer was drawn with the rest of its day (over-dispersed demand), so
  // no next arrival follows from it.
  bool drawn_with_day = false;
  Index target = 0;  // the market, customer, order, shipment, factory or product of `kind`
  Index line = 0;    // kProductionDone: the production line
};

// The calendar and clock of one replication, shared by the parts that schedule events.
using Calendar = engine::Simulation<ModelEvent>;

// A record id (customer, order, shipment, job) that refers to nothing.
inline constexpr std::uint32_t kNoRecord = ~std::uint32_t{0};

}  // namespace c2msim::model
