// Books alone: each flow lands in the fields it names and no other, the measured window opens at
// the end of the warm-up while the whole run keeps everything, and stock is valued over time.

#include "sim/model/books.hpp"

#include <catch2/catch.hpp>

#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::Books;
using c2msim::model::ChainAccount;
using c2msim::model::NodeAccount;

namespace {

constexpr Index kFactory = 0, kRetailer = 1;

// The books only need the node count.
ArmPlan two_nodes() {
  return ArmPlan(small_chain());
}

// Every field of a node's account, for comparing whole accounts.
std::vector<double> fields(const NodeAccount& a) {
  return {a.revenue,        a.consumer_revenue,  a.received_from_nodes,
          a.purchases,      a.paid_to_suppliers, a.production_cost,
          a.transport_cost, a.salvage_revenue,   a.units_sold,
          a.cogs,           a.units_in,          a.units_out,
          a.units_salvaged};
}
std::vector<double> fields(const ChainAccount& c) {
  return {
      c.consumer_revenue,       c.consumer_units, c.consumer_cost_value, c.produced,
      c.salvage_revenue,        c.salvaged_units, c.salvaged_cost_value, c.salvaged_value_at_node,
      c.unsold_units_at_horizon};
}

// One of each flow, with distinct numbers.
void book_one_of_each(Books& b, double k) {
  b.buy_opening_stock(kRetailer, 1 * k);
  b.sell_to_consumer(kRetailer, 2 * k, 3 * k, 4 * k, 5 * k, 6 * k);
  b.sell_to_node(kFactory, kRetailer, 7 * k, 8 * k, 9 * k, 10 * k);
  b.produce(kFactory, 11 * k, 12 * k);
  b.receive(kRetailer, 13 * k);
  b.ship(kFactory, 14 * k);
  b.salvage(kRetailer, 15 * k, 16 * k, 17 * k, 18 * k);
  b.salvage(kFactory, 19 * k, 20 * k, 21 * k, 22 * k);
  b.unsold_at_horizon(23 * k);
}

}  // namespace

TEST_CASE("a sale to a consumer is the seller's revenue, cost of goods and transport",
          "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  // 2 units at 18 each, bought at 12, shipped at 0.25 a unit, worth 10 each at unit cost.
  b.sell_to_consumer(kRetailer, 36.0, 2.0, 24.0, 0.5, 20.0);
  const NodeAccount& r = b.measured(kRetailer);
  CHECK(fields(r) == std::vector<double>{36, 36, 0, 0, 0, 0, 0.5, 0, 2, 24, 0, 0, 0});
  CHECK(fields(b.measured(kFactory)) == std::vector<double>(13, 0.0));
  CHECK(fields(b.measured_chain()) == std::vector<double>{36, 2, 20, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("a sale between nodes is the seller's revenue and the buyer's purchase",
          "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  // 3 units at 12, produced at 10, shipped at 0.5 a unit.
  b.sell_to_node(kFactory, kRetailer, 36.0, 3.0, 30.0, 1.5);
  CHECK(fields(b.measured(kFactory)) ==
        std::vector<double>{36, 0, 36, 0, 0, 0, 1.5, 0, 3, 30, 0, 0, 0});
  CHECK(fields(b.measured(kRetailer)) ==
        std::vector<double>{0, 0, 0, 36, 36, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(fields(b.measured_chain()) == std::vector<double>(9, 0.0));  // no consumer involved
}

TEST_CASE("opening stock is a purchase paid to no node", "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  b.buy_opening_stock(kRetailer, 60.0);
  CHECK(b.measured(kRetailer).purchases == 60.0);
  CHECK(b.measured(kRetailer).paid_to_suppliers == 0.0);
}

TEST_CASE("production, receipts, shipments and salvage land in their own fields",
          "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  b.produce(kFactory, 4.0, 40.0);
  b.receive(kRetailer, 2.0);
  b.ship(kFactory, 3.0);
  // 5 units salvaged at 2.5 each, worth 10 at unit cost and 12 at the retailer's purchase cost.
  b.salvage(kRetailer, 5.0, 12.5, 50.0, 60.0);
  b.unsold_at_horizon(5.0);
  CHECK(fields(b.measured(kFactory)) ==
        std::vector<double>{0, 0, 0, 0, 0, 40, 0, 0, 0, 0, 4, 3, 0});
  CHECK(fields(b.measured(kRetailer)) ==
        std::vector<double>{0, 0, 0, 0, 0, 0, 0, 12.5, 0, 0, 2, 0, 5});
  CHECK(fields(b.measured_chain()) == std::vector<double>{0, 0, 0, 4, 12.5, 5, 50, 60, 5});
}

TEST_CASE("the measured window opens at the end of the warm-up; the whole run keeps all",
          "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  book_one_of_each(b, 1.0);
  b.start_measuring(2.0);
  // What happened in the warm-up is gone from the measured window ...
  CHECK(fields(b.measured(kRetailer)) == std::vector<double>(13, 0.0));
  CHECK(fields(b.measured(kFactory)) == std::vector<double>(13, 0.0));
  CHECK(fields(b.measured_chain()) == std::vector<double>(9, 0.0));
  book_one_of_each(b, 100.0);
  // ... the measured window holds what came after, and the whole run both, field by field.
  Books after_only(plan);
  book_one_of_each(after_only, 100.0);
  Books both(plan);
  book_one_of_each(both, 101.0);
  for (Index node : {kFactory, kRetailer}) {
    INFO("node " << node);
    CHECK(fields(b.measured(node)) == fields(after_only.measured(node)));
    CHECK(fields(b.whole_run(node)) == fields(both.measured(node)));
  }
  CHECK(fields(b.measured_chain()) == fields(after_only.measured_chain()));
  CHECK(fields(b.whole_run_chain()) == fields(both.measured_chain()));
}

TEST_CASE("stock is valued over time from the end of the warm-up", "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  // 5 units worth 60 at the retailer's purchase cost, 50 at unit cost, from 0; 20 in transit
  // from 1.
  b.stock_changed(0.0, kRetailer, 5.0, 60.0, 50.0);
  b.in_transit_changed(1.0, 20.0);
  CHECK(b.inventory(kRetailer).value.integral(2.0) == Approx(120.0));
  CHECK(b.inventory(kRetailer).units.integral(2.0) == Approx(10.0));
  CHECK(b.chain_on_hand_value().integral(2.0) == Approx(100.0));
  CHECK(b.chain_in_transit_value().integral(2.0) == Approx(20.0));
  b.start_measuring(2.0);
  b.stock_changed(3.0, kRetailer, -2.0, -24.0, -20.0);  // 2 of them leave at 3
  // From 2: 60 on [2, 3), 36 on [3, 4).
  CHECK(b.inventory(kRetailer).value.average(4.0) == Approx(48.0));
  CHECK(b.inventory(kRetailer).units.average(4.0) == Approx(4.0));
  CHECK(b.chain_on_hand_value().average(4.0) == Approx(40.0));
  CHECK(b.chain_in_transit_value().average(4.0) == Approx(20.0));
  CHECK(b.inventory(kFactory).value.average(4.0) == 0.0);
}
