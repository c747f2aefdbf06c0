#include "sim/model/lane_capacity.hpp"

#include <catch2/catch.hpp>
#include <numeric>
#include <vector>

#include "sim/model/replication.hpp"
#include "tests/model/chain_fixtures.hpp"

using c2msim::model::LaneCapacity;
using namespace c2msim::testing;

TEST_CASE("a lane without capacity lets every shipment leave at once", "[model][lane]") {
  LaneCapacity lane;
  CHECK_FALSE(lane.limited());
  CHECK(lane.book(3.5, 1e9) == 3.5);
}

TEST_CASE("shipments take a lane's daily capacity first come first served", "[model][lane]") {
  // Capacity 4 a day. Worked by hand: day 5 takes 3 (leaves at once), then 6 more: 1 fits on
  // day 5, 4 on day 6 and the last 1 on day 7, so it leaves at the start of day 7. The next
  // shipment, ready at 5.5, queues behind it: 3 more on day 7 (leaves at 7.0), then 1 on day 7
  // fills it and 1 goes to day 8.
  LaneCapacity lane(4.0);
  CHECK(lane.book(5.2, 3.0) == 5.2);
  CHECK(lane.book(5.3, 6.0) == 7.0);
  CHECK(lane.book(5.5, 3.0) == 7.0);
  CHECK(lane.book(5.6, 2.0) == 8.0);
  // A day with nothing booked loses its capacity: a shipment ready on day 20 leaves at once.
  CHECK(lane.book(20.25, 4.0) == 20.25);
  CHECK(lane.book(20.5, 0.5) == 21.0);
}

TEST_CASE("a lane's capacity limits what a retailer receives over time", "[model][lane]") {
  // A retailer on daily base stock facing a deterministic 10 a day, supplied over a lane that
  // carries 6 a day: in the long run it receives 6 a day, not 10.
  auto spec = [](std::optional<double> capacity) {
    ChainSpec c;
    c.horizon_days = 100;
    c.products = {product(10.0)};
    c.markets = {market(10.0, 100, ArrivalProcess::kDeterministic)};
    NodeSpec f = factory_node("factory", FactoryMode::kMakeToStock, 1e-6);
    StockSpec fs;
    fs.policy = BaseStockPolicy{1.0, 1e7};
    fs.initial_on_hand = 1e7;
    f.stock = fs;
    c.nodes = {f,
               stock_node("retailer", NodeKind::kRetailer, 0.5, BaseStockPolicy{1.0, 40.0}, 40.0)};
    c.lanes = {lane(0, 1, 1.0), lane(1, 0, 0.0, true)};
    c.lanes[0].capacity_per_day = capacity;
    return c;
  };
  auto received_days_20_to_80 = [](const ChainSpec& c) {
    double total = 0;
    c2msim::model::run_replication(c, 1, 0, [&](const DailySnapshot& s) {
      if (s.node == 1 && s.day > 20 && s.day <= 80) total += s.received;
    });
    return total;
  };
  CHECK(received_days_20_to_80(spec(std::nullopt)) == Approx(600.0));
  // Shipments leave whole, so the 60 days' receipts are 360 give or take one order of 10.
  const double limited = received_days_20_to_80(spec(6.0));
  CHECK(limited >= 350.0);
  CHECK(limited <= 370.0);
}
