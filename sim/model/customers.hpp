#pragma once
// Consumers' orders from arrival until they are served in full or lost, and what the service
// metrics count of them: units demanded, shipped at once from a stock or lost, customers served
// in full and with their preferred variant, and the lead time from arrival to the last delivery.
// A customer's patience runs out through an event; a customer waiting in a backlog is released by
// the backlog when it reaches the record. A customer served in full, or lost, on arrival never
// needs a record: the calls that close an order take the customer itself, with kNoRecord for one
// that has none.

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/engine/event_calendar.hpp"
#include "sim/model/arm_plan.hpp"
#include "sim/model/model_event.hpp"
#include "sim/model/object_pool.hpp"
#include "sim/stats/stream_quantiles.hpp"

namespace c2msim::model {

struct Customer {
  Index market = 0;
  std::uint64_t number = 0;  // among the market's customers, in order of arrival: who it is
  Index node = 0;            // the consumer-facing node that took the order
  Index sku = 0;             // what the customer receives (the preferred variant or a substitute)
  double remaining = 0;      // units not yet shipped
  double arrival = 0;
  double last_delivery = 0;
  // Drawn when first needed (NaN until then): most customers served at once never need it.
  double patience = std::numeric_limits<double>::quiet_NaN();
  Index waiting_at = kNone;  // the node whose backlog holds the customer, if any
  bool preferred = true;
  bool open = true;
  bool measured = true;  // arrived after the warm-up: its outcome counts in the service metrics
  // Arrived early enough that its service target falls before the horizon: its units count in
  // the service level (later customers' outcomes are not known by the horizon).
  bool service_counted = true;
  engine::EventHandle patience_event;
};

// Service counts of consumers who arrived in the measured window (from the warm-up's end on), per
// consumer-facing node and for the chain.
struct ServiceCounts {
  double customers = 0;
  double units_demanded = 0;
  double units_from_stock = 0;  // shipped at once from a stock (the node's, or a factory's)
  double units_lost = 0;
  // The service level's population (customers whose target falls before the horizon), and its
  // units delivered within the target.
  double units_demanded_for_service = 0;
  double units_on_time = 0;
};

struct ChainService : ServiceCounts {
  double customers_served = 0, customers_matched = 0;
  double list_value = 0, list_cost = 0;  // units demanded x their list price and unit cost
};

class Customers {
 public:
  Customers(const ArmPlan& plan, Calendar& calendar);

  // The `number`-th customer of `market`, arriving now at `node` (the rest of the record is the
  // caller's).
  [[nodiscard]] Customer arriving(Index market, std::uint64_t number, Index node, double now) const;

  std::uint32_t add(const Customer& c) { return pool_.add(c); }
  [[nodiscard]] Customer& operator[](std::uint32_t id) { return pool_[id]; }
  void release(std::uint32_t id) { pool_.release(id); }
  // The most customers' records held at once (open orders, and lost ones still in a backlog).
  [[nodiscard]] std::size_t peak_records() const noexcept { return pool_.peak(); }

  // A new customer's order, at its list price.
  void count_demand(const Customer& c, double list_price, double unit_cost);
  // `shipped` of the customer's units left a stock at once.
  void count_from_stock(const Customer& c, double shipped) {
    if (!c.measured) return;
    node_[c.node].units_from_stock += shipped;
    chain_.units_from_stock += shipped;
  }
  // `units` of the customer's order will be delivered at `delivery`.
  void count_delivery(const Customer& c, double units, double delivery) {
    if (!c.measured || !c.service_counted || delivery - c.arrival > target_days_) return;
    node_[c.node].units_on_time += units;
    chain_.units_on_time += units;
  }

  // Schedules the end of the customer's patience, if it has one (drawn: not NaN).
  void await_patience(std::uint32_t id);
  // The customer's remaining units are lost by the stock of `stock_node` (kNone: by no stock, as
  // at a make-to-order factory's quote); the order is closed.
  void lose(Customer& c, std::uint32_t id, Index stock_node);
  void lose(std::uint32_t id, Index stock_node) { lose(pool_[id], id, stock_node); }
  // Closes the order: served in full, or not. A record not held by a backlog is released.
  void close(Customer& c, std::uint32_t id, bool served_in_full);
  void close(std::uint32_t id, bool served_in_full) { close(pool_[id], id, served_in_full); }

  [[nodiscard]] const ServiceCounts& node_service(Index node) const { return node_[node]; }
  [[nodiscard]] const ChainService& chain_service() const { return chain_; }
  // Units of the measured customers lost by the node's stock (the consumer-facing node's, or a
  // factory's it was asked of): what a lost-sale cost is charged on.
  [[nodiscard]] double units_lost_by_stock(Index node) const { return lost_by_stock_[node]; }
  // Arrival to last delivery of the measured customers served in full.
  [[nodiscard]] const stats::StreamQuantiles& lead_times() const { return lead_times_; }

 private:
  Calendar& calendar_;
  double warmup_days_, service_cutoff_days_, target_days_;
  ObjectPool<Customer> pool_;
  std::vector<ServiceCounts> node_;
  std::vector<double> lost_by_stock_;
  ChainService chain_;
  stats::StreamQuantiles lead_times_;
};

inline Customer Customers::arriving(Index market, std::uint64_t number, Index node,
                                    double now) const {
  Customer c;
  c.market = market;
  c.number = number;
  c.node = node;
  c.arrival = now;
  c.measured = now >= warmup_days_;
  c.service_counted = now <= service_cutoff_days_;
  return c;
}

inline void Customers::count_demand(const Customer& c, double list_price, double unit_cost) {
  if (!c.measured) return;
  for (ServiceCounts* s : {&node_[c.node], static_cast<ServiceCounts*>(&chain_)}) {
    s->customers += 1;
    s->units_demanded += c.remaining;
    if (c.service_counted) s->units_demanded_for_service += c.remaining;
  }
  chain_.list_value += list_price * c.remaining;
  chain_.list_cost += unit_cost * c.remaining;
}

inline void Customers::await_patience(std::uint32_t id) {
  Customer& c = pool_[id];
  if (std::isfinite(c.patience)) {
    c.patience_event =
        calendar_.schedule_at(c.arrival + c.patience, {EventKind::kPatienceExpiry, false, id, 0});
  }
}

inline void Customers::lose(Customer& c, std::uint32_t id, Index stock_node) {
  if (c.measured) {
    node_[c.node].units_lost += c.remaining;
    chain_.units_lost += c.remaining;
    if (stock_node != kNone) lost_by_stock_[stock_node] += c.remaining;
  }
  close(c, id, false);
}

inline void Customers::close(Customer& c, std::uint32_t id, bool served_in_full) {
  c.open = false;
  if (served_in_full && c.measured) {
    lead_times_.add(c.last_delivery - c.arrival);
    chain_.customers_served += 1;
    if (c.preferred) chain_.customers_matched += 1;
  }
  if (id == kNoRecord) return;  // never waited: no patience event, no record
  calendar_.cancel(c.patience_event);
  if (c.waiting_at == kNone) pool_.release(id);
}

}  // namespace c2msim::model
