// Transport alone: a shipment's arrival is scheduled at its departure plus the lane's lead time,
// a lane's daily capacity delays departures, and goods are in transit (valued at unit cost) from
// the moment they are sent until they arrive.

#include "sim/model/transport.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "sim/model/books.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::Books;
using c2msim::model::Calendar;
using c2msim::model::EventKind;
using c2msim::model::Shipment;
using c2msim::model::Transport;

namespace {

constexpr Index kInbound = 0, kToMarket = 1;

// factory -> retailer (2-day lead time, capacity as given) -> consumers (lead time as given).
ChainSpec two_lanes(std::optional<double> capacity, double market_lead_time = 0.5) {
  ChainSpec c = small_chain(2);
  c.lanes[kInbound].lead_time_days = c2msim::random::Constant{2.0};
  c.lanes[kInbound].capacity_per_day = capacity;
  c.lanes[kToMarket].lead_time_days = c2msim::random::Constant{market_lead_time};
  return c;
}

struct Arrival {
  double time;
  Shipment shipment;
};

struct Fixture {
  explicit Fixture(ChainSpec spec)
      : plan(std::move(spec)), books(plan), transport(plan, 1, 0, books, calendar) {}
  ArmPlan plan;
  Calendar calendar;
  Books books;
  Transport transport;
  std::vector<Arrival> arrivals;

  void advance(double t) {
    calendar.run_until(t, [this](const Calendar::Event& e) {
      REQUIRE(e.payload.kind == EventKind::kShipmentArrival);
      arrivals.push_back({e.time, transport.arrive(e.payload.target)});
    });
  }
};

}  // namespace

TEST_CASE("a shipment arrives after the lane's lead time and is in transit until then",
          "[model][transport]") {
  Fixture f(two_lanes(std::nullopt));
  f.advance(0.5);
  f.transport.send(kInbound, 1, 4.0);
  CHECK(f.transport.units_in_transit() == 4.0);
  CHECK(f.books.chain_in_transit_value().value() == 40.0);  // 4 units at unit cost 10
  f.advance(2.4);
  CHECK(f.arrivals.empty());
  f.advance(3.0);
  REQUIRE(f.arrivals.size() == 1);
  CHECK(f.arrivals[0].time == 2.5);
  CHECK(f.arrivals[0].shipment.lane == kInbound);
  CHECK(f.arrivals[0].shipment.sku == 1);
  CHECK(f.arrivals[0].shipment.quantity == 4.0);
  CHECK(f.transport.units_in_transit() == 0.0);
  CHECK(f.books.chain_in_transit_value().value() == 0.0);
  // 40 in transit on [0.5, 2.5).
  CHECK(f.books.chain_in_transit_value().integral(3.0) == Approx(80.0));
}

TEST_CASE("a shipment that does not fit in the day's capacity leaves the next day",
          "[model][transport]") {
  Fixture f(two_lanes(3.0));
  f.advance(0.5);
  f.transport.send(kInbound, 0, 2.0);  // fits: leaves at 0.5, arrives 2.5
  f.advance(0.6);
  f.transport.send(kInbound, 0, 2.0);            // 4 > 3 today: leaves at 1, arrives 3
  CHECK(f.transport.units_in_transit() == 4.0);  // waiting for the lane counts as in transit
  f.advance(5.0);
  REQUIRE(f.arrivals.size() == 2);
  CHECK(f.arrivals[0].time == 2.5);
  CHECK(f.arrivals[1].time == 3.0);
}

TEST_CASE("a departure from an unlimited lane is now; a full lane's is a later day",
          "[model][transport]") {
  Fixture unlimited(two_lanes(std::nullopt));
  unlimited.advance(1.25);
  CHECK(unlimited.transport.departure(kInbound, 1e6) == 1.25);
  Fixture limited(two_lanes(2.0));
  limited.advance(1.25);
  CHECK(limited.transport.departure(kInbound, 2.0) == 1.25);
  CHECK(limited.transport.departure(kInbound, 1.0) == 2.0);  // day 1 is full
}

TEST_CASE("a lane's lead time is its distribution's draw, never negative", "[model][transport]") {
  Fixture f(two_lanes(std::nullopt, 0.75));
  CHECK(f.transport.lead_time(kToMarket) == 0.75);
  CHECK(f.transport.lead_time(kInbound) == 2.0);
  Fixture negative(two_lanes(std::nullopt, -1.0));
  CHECK(negative.transport.lead_time(kToMarket) == 0.0);
}
