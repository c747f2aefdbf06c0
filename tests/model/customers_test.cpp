// Customers alone: what the service counts take from a customer's order, lost units and closed
// orders, patience events, and the end of the warm-up.

#include "sim/model/customers.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::Calendar;
using c2msim::model::Customer;
using c2msim::model::Customers;
using c2msim::model::EventKind;

namespace {

constexpr Index kFactory = 0, kRetailer = 1;

ArmPlan two_nodes() {
  return ArmPlan(small_chain());
}

Customer at_retailer(double arrival, double units, bool measured = true) {
  Customer c;
  c.node = kRetailer;
  c.arrival = arrival;
  c.last_delivery = arrival;
  c.remaining = units;
  c.measured = measured;
  return c;
}

struct Fixture {
  Fixture() : plan(two_nodes()), customers(plan, calendar) {}
  ArmPlan plan;
  Calendar calendar;
  Customers customers;
};

double median_lead_time(const Customers& c) {
  constexpr std::array<double, 1> half{0.5};
  return c.lead_times().quantiles(half)[0];
}

}  // namespace

TEST_CASE("a new order counts its units, its list price and its unit cost", "[model][customers]") {
  Fixture f;
  f.customers.count_demand(at_retailer(1.0, 2.0), 18.0, 10.0);
  f.customers.count_demand(at_retailer(1.5, 1.0), 18.0, 10.0);
  f.customers.count_demand(at_retailer(0.5, 4.0, false), 18.0, 10.0);  // in the warm-up
  CHECK(f.customers.node_service(kRetailer).units_demanded == 3.0);
  CHECK(f.customers.node_service(kFactory).units_demanded == 0.0);
  const auto& s = f.customers.chain_service();
  CHECK(s.customers == 2.0);
  CHECK(s.units_demanded == 3.0);
  CHECK(s.list_value == 54.0);
  CHECK(s.list_cost == 30.0);
}

TEST_CASE("units shipped at once from a stock count for the fill rate only when measured",
          "[model][customers]") {
  Fixture f;
  const Customer measured = at_retailer(1.0, 3.0);
  f.customers.count_from_stock(measured, 2.0);
  const Customer warmup = at_retailer(0.5, 4.0, false);
  f.customers.count_from_stock(warmup, 4.0);
  CHECK(f.customers.node_service(kRetailer).units_from_stock == 2.0);
  CHECK(f.customers.chain_service().units_from_stock == 2.0);
}

TEST_CASE(
    "units delivered within the target count as on time, for customers whose target falls "
    "before the horizon",
    "[model][customers]") {
  Fixture f;  // horizon 10, service target 7 days: customers arriving up to day 3 count
  Customer a = f.customers.arriving(0, 0, kRetailer, 1.0);
  a.remaining = 3.0;
  f.customers.count_demand(a, 18.0, 10.0);
  f.customers.count_delivery(a, 2.0, 8.0);  // 8 - 1 = 7 days: on time
  f.customers.count_delivery(a, 1.0, 8.5);  // 7.5 days: late
  Customer b =
      f.customers.arriving(0, 1, kRetailer, 4.0);  // its target, day 11, is past the horizon
  b.remaining = 2.0;
  f.customers.count_demand(b, 18.0, 10.0);
  f.customers.count_delivery(b, 2.0, 5.0);
  for (const c2msim::model::ServiceCounts* s :
       {&f.customers.node_service(kRetailer),
        static_cast<const c2msim::model::ServiceCounts*>(&f.customers.chain_service())}) {
    CHECK(s->units_demanded == 5.0);              // 3 + 2
    CHECK(s->units_demanded_for_service == 3.0);  // a's only
    CHECK(s->units_on_time == 2.0);
  }
}

TEST_CASE("a lost customer's remaining units are lost, and it is not served",
          "[model][customers]") {
  Fixture f;
  const auto id = f.customers.add(at_retailer(1.0, 3.0));
  f.customers[id].remaining = 2.0;  // one unit shipped before
  f.customers.lose(id, kRetailer);
  CHECK(f.customers.node_service(kRetailer).units_lost == 2.0);
  CHECK(f.customers.units_lost_by_stock(kRetailer) == 2.0);
  CHECK(f.customers.chain_service().units_lost == 2.0);
  CHECK(f.customers.chain_service().customers_served == 0.0);
  CHECK(f.customers.lead_times().count() == 0);
  // A customer of the warm-up is lost uncounted.
  f.customers.lose(f.customers.add(at_retailer(0.5, 5.0, false)), kRetailer);
  CHECK(f.customers.chain_service().units_lost == 2.0);
  CHECK(f.customers.units_lost_by_stock(kRetailer) == 2.0);
  // Lost by no stock (a make-to-order quote): a lost unit of the node, of no stock's.
  f.customers.lose(f.customers.add(at_retailer(1.0, 1.0)), kNone);
  CHECK(f.customers.node_service(kRetailer).units_lost == 3.0);
  CHECK(f.customers.units_lost_by_stock(kRetailer) == 2.0);
}

TEST_CASE("a customer served in full records its lead time, and a match when preferred",
          "[model][customers]") {
  Fixture f;
  const auto a = f.customers.add(at_retailer(1.0, 1.0));
  f.customers[a].last_delivery = 3.5;
  f.customers.close(a, true);
  const auto b = f.customers.add(at_retailer(2.0, 1.0));
  f.customers[b].last_delivery = 2.25;
  f.customers[b].preferred = false;  // took a substitute
  f.customers.close(b, true);
  const auto c = f.customers.add(at_retailer(2.0, 1.0));
  f.customers.close(c, false);  // not in full: neither served nor timed
  const auto d = f.customers.add(at_retailer(0.5, 1.0, false));
  f.customers.close(d, true);  // arrived in the warm-up
  const auto& s = f.customers.chain_service();
  CHECK(s.customers_served == 2.0);
  CHECK(s.customers_matched == 1.0);
  CHECK(f.customers.lead_times().count() == 2);
  CHECK(f.customers.lead_times().mean() == Approx((2.5 + 0.25) / 2));
}

TEST_CASE("patience schedules an expiry at arrival plus patience, cancelled on closing",
          "[model][customers]") {
  Fixture f;
  Customer c = at_retailer(1.0, 1.0);
  c.patience = 2.5;
  const auto id = f.customers.add(c);
  f.customers.await_patience(id);
  REQUIRE(f.calendar.pending_events() == 1);
  std::vector<double> expiries;
  f.calendar.run_until(10.0, [&](const Calendar::Event& e) {
    CHECK(e.payload.kind == EventKind::kPatienceExpiry);
    CHECK(e.payload.target == id);
    expiries.push_back(e.time);
  });
  CHECK(expiries == std::vector<double>{3.5});
  // An infinitely patient customer schedules nothing; closing cancels a pending expiry.
  f.customers.await_patience(f.customers.add(at_retailer(10.0, 1.0)));
  CHECK(f.calendar.pending_events() == 0);
  Customer d = at_retailer(10.0, 1.0);
  d.patience = 1.0;
  const auto other = f.customers.add(d);
  f.customers.await_patience(other);
  CHECK(f.calendar.pending_events() == 1);
  f.customers.close(other, true);
  CHECK(f.calendar.pending_events() == 0);
}

TEST_CASE("a closed customer's record is freed unless a backlog still holds it",
          "[model][customers]") {
  Fixture f;
  const auto a = f.customers.add(at_retailer(1.0, 1.0));
  f.customers.close(a, true);
  f.customers.add(at_retailer(1.0, 1.0));  // reuses a's record
  CHECK(f.customers.peak_records() == 1);
  const auto b = f.customers.add(at_retailer(1.0, 1.0));
  f.customers[b].waiting_at = kRetailer;
  f.customers.lose(b, kRetailer);  // lost while waiting: the backlog releases it when it gets there
  f.customers.add(at_retailer(1.0, 1.0));
  CHECK(f.customers.peak_records() == 3);
}

TEST_CASE("a customer who arrived in the warm-up counts in no service figure",
          "[model][customers]") {
  Fixture f;
  const auto id = f.customers.add(at_retailer(1.0, 2.0, false));
  f.customers.count_demand(f.customers[id], 18.0, 10.0);
  f.customers.count_from_stock(f.customers[id], 1.0);
  f.customers.count_delivery(f.customers[id], 1.0, 1.0);
  f.customers[id].last_delivery = 2.0;
  f.customers.close(id, true);
  f.customers.lose(f.customers.add(at_retailer(1.0, 1.0, false)), kRetailer);
  const auto& n = f.customers.node_service(kRetailer);
  CHECK(n.units_demanded == 0.0);
  CHECK(n.units_demanded_for_service == 0.0);
  CHECK(n.units_on_time == 0.0);
  CHECK(n.units_from_stock == 0.0);
  CHECK(n.units_lost == 0.0);
  const auto& s = f.customers.chain_service();
  CHECK(s.customers == 0.0);
  CHECK(s.customers_served == 0.0);
  CHECK(s.units_lost == 0.0);
  CHECK(s.list_value == 0.0);
  CHECK(f.customers.lead_times().count() == 0);
  CHECK(std::isnan(median_lead_time(f.customers)));
}
