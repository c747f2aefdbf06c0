// timeseries.csv, every column against a run worked by hand: directly through TimeseriesCsv on a
// replication's snapshots, and end to end through the CLI on the same chain written as a scenario.

#include "sim/output/timeseries_csv.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "sim/model/replication.hpp"
#include "tests/model/chain_fixtures.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using namespace c2msim::testing;
using c2msim::test::quoted;
using c2msim::test::read_text;
using c2msim::test::run_cli;
using c2msim::test::TempDir;
using c2msim::test::write_text;

namespace {

// The run by hand. A day-end review answers the day's demand: its orders, the factory's shipment
// and the stock levels after them belong to the day that ends (docs/model.md, bullwhip). The
// retailer sells 2 at 1.5 (3 -> 1); its review at 2 orders 2 (position 1), which the factory
// ships at once (20 -> 18), arriving at 4.25. At 2.5 it ships 1 and owes 1; at 3 it orders 2
// (position 0 + 2 - 1), arriving 5.25: on order 4; at 3.5 it owes 2 more (3 owed); at 4 it orders
// 2 (0 + 4 - 3): on order 6. The 2 units of 4.25 go to the customers of 2.5 (its last unit) and
// 3.5 (one of two): owed 1, then 3 after the customer of 4.5; on order 4, then 6 after the review
// at 5; and the same again on day 5, the review at 6 included (factory 12 -> 10).
// Columns: on_hand, backorders, on_order, orders_placed, demand_received, arrivals.
const char* const kWorkedRows[] = {
    // day 0 ends at 1: the review finds position 3, orders nothing
    "factory,20,0,0,0,0,0",
    "retailer,3,0,0,0,0,0",
    // day 1: the customer of 1.5; the review's order of 2 reaches the factory, shipped at once
    "factory,18,0,0,0,2,0",
    "retailer,1,0,2,2,2,0",
    // day 2: the retailer owes 1 of the customer of 2.5
    "factory,16,0,0,0,2,0",
    "retailer,0,1,4,2,2,0",
    // day 3
    "factory,14,0,0,0,2,0",
    "retailer,0,3,6,2,2,0",
    // day 4: the first shipment arrived at 4.25
    "factory,12,0,0,0,2,0",
    "retailer,0,3,6,2,2,2",
    // day 5
    "factory,10,0,0,0,2,0",
    "retailer,0,3,6,2,2,2",
};

std::vector<DailySnapshot> worked_snapshots() {
  std::vector<DailySnapshot> snapshots;
  run_replication(backordering_chain(), 1, 0,
                  [&](const DailySnapshot& s) { snapshots.push_back(s); });
  return snapshots;
}

// The expected file: `arm,replication,day,date,` before each worked row, nodes renamed.
std::string expected_rows(const std::string& arm, int replication, const char* first_dates[6],
                          const std::string& factory, const std::string& retailer) {
  std::string text;
  for (int i = 0; i < 12; ++i) {
    std::string row = kWorkedRows[i];
    const bool is_factory = row.rfind("factory,", 0) == 0;
    row = (is_factory ? factory : retailer) + row.substr(row.find(','));
    text += arm + "," + std::to_string(replication) + "," + std::to_string(i / 2) + "," +
            first_dates[i / 2] + "," + row + "\n";
  }
  return text;
}

constexpr const char* kHeader =
    "arm,replication,day,date,node,on_hand,backorders,on_order,orders_placed,demand_received,"
    "arrivals\n";

}  // namespace

TEST_CASE("timeseries.csv holds every column of a hand-worked run, day by day",
          "[output][timeseries]") {
  TempDir dir;
  const auto path = dir.path() / "timeseries.csv";
  using namespace std::chrono;
  // Day 0 is 2019-12-30: the dates cross a year.
  const sys_days start{year{2019} / December / 30};
  c2msim::output::TimeseriesCsv csv(path.string(), {"traditional", "c2m"},
                                    {{"factory", "retailer"}, {"plant", "shop"}}, start);
  c2msim::montecarlo::ReplicationBatch batch;
  batch.replication = 3;
  batch.timeseries = {worked_snapshots(), worked_snapshots()};
  REQUIRE(batch.timeseries[0].size() == 12);
  csv.write(batch);
  csv.close();
  const char* dates[6] = {"2019-12-30", "2019-12-31", "2020-01-01",
                          "2020-01-02", "2020-01-03", "2020-01-04"};
  CHECK(read_text(path) == std::string(kHeader) +
                               expected_rows("traditional", 3, dates, "factory", "retailer") +
                               expected_rows("c2m", 3, dates, "plant", "shop"));
}

TEST_CASE("run --timeseries writes the hand-worked run of a scenario file", "[output][e2e]") {
  TempDir dir;
  // backordering_chain() as a scenario: the first day's rate halved by an event; c2m is the same
  // arm.
  write_text(dir.path() / "worked.yaml", R"(name: worked
start_date: 2019-12-30
horizon_days: 6
products:
  - {id: item, unit_cost: 10}
markets:
  - id: consumers
    products: [{product: item}]
    demand:
      arrivals_per_day: 1
      process: deterministic
      quantity: 2
      events: [{name: slow-start, start: 2019-12-30, days: 1, multiplier: 0.5}]
arms:
  traditional:
    nodes:
      - id: factory
        kind: factory
        production: {mode: make_to_stock, unit_production_days: 0.1}
        stock: {policy: {base_stock: {review_period_days: 1, level: 0}}, initial_on_hand: 20}
      - id: retailer
        kind: retailer
        markup: 0.5
        stock: {policy: {base_stock: {review_period_days: 1, level: 3}}, initial_on_hand: 3}
    lanes:
      - {from: factory, to: retailer, lead_time_days: 2.25}
      - {from: retailer, to: consumers, lead_time_days: 0}
  c2m:
    extends: traditional
)");
  const auto out = dir.path() / "results";
  const auto r = run_cli(
      "run " + quoted(dir.path() / "worked.yaml") + " -n 2 -q --timeseries 1 --out " + quoted(out),
      dir);
  REQUIRE(r.status == 0);
  const char* dates[6] = {"2019-12-30", "2019-12-31", "2020-01-01",
                          "2020-01-02", "2020-01-03", "2020-01-04"};
  CHECK(read_text(out / "timeseries.csv") ==
        std::string(kHeader) + expected_rows("traditional", 0, dates, "factory", "retailer") +
            expected_rows("c2m", 0, dates, "factory", "retailer"));
}
