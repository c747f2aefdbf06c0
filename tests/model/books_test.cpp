// Books alone: each flow lands in the fields it names and no other, consumers' sales and stock
// over time are counted in units and priced when the books are settled, the measured window opens
// at the end of the warm-up while the whole run keeps everything, and stock is valued over time.

#include "sim/model/books.hpp"

#include <catch2/catch.hpp>

#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::Books;
using c2msim::model::ChainAccount;
using c2msim::model::NodeAccount;

namespace {

constexpr Index kFactory = 0, kRetailer = 1;
constexpr Index kItem = 0;        // the product (and its one sku)
constexpr Index kMarketLane = 1;  // retailer -> consumers (lane 0 is factory -> retailer)

// A unit costs 10 to make; the factory sells at 12 (markup 0.2), the retailer at 18 (0.5);
// carrying a unit to the consumer costs 0.25.
ArmPlan two_nodes() {
  ChainSpec c = small_chain();
  c.lanes[kMarketLane].cost_per_unit = 0.25;
  return ArmPlan(c);
}

// Every field of a node's account, for comparing whole accounts.
std::vector<double> fields(const NodeAccount& a) {
  return {a.revenue,
          a.consumer_revenue,
          a.received_from_nodes,
          a.purchases,
          a.paid_to_suppliers,
          a.production_cost,
          a.transport_cost,
          a.salvage_revenue,
          a.salvaged_cost,
          a.units_sold,
          a.cogs,
          a.units_in,
          a.units_out,
          a.units_salvaged,
          a.receivable_value_days,
          a.payable_value_days};
}
std::vector<double> fields(const ChainAccount& c) {
  return {c.consumer_revenue,
          c.consumer_units,
          c.consumer_cost_value,
          c.consumer_chain_cost,
          c.consumer_receivable_value_days,
          c.produced,
          c.salvage_revenue,
          c.salvaged_units,
          c.salvaged_cost_value,
          c.salvaged_chain_cost};
}
// The fields the whole run adds up: those the conservation checks read (the rest stay 0).
std::vector<double> conserved_fields(const NodeAccount& a) {
  return {a.consumer_revenue, a.received_from_nodes, a.paid_to_suppliers,
          a.units_in,         a.units_out,           a.units_salvaged};
}
std::vector<double> conserved_fields(const ChainAccount& c) {
  return {c.consumer_revenue, c.consumer_units, c.produced, c.salvaged_units};
}

// One of each flow, with distinct numbers.
void book_one_of_each(Books& b, double k) {
  b.buy_opening_stock(kRetailer, 1 * k);
  b.sell_to_consumer(kRetailer, kRetailer, kItem, kMarketLane, 3 * k, 8);
  b.sell_to_node(kFactory, kRetailer, 9 * k, 10 * k, 11 * k, 12 * k, 13 * k);
  b.produce(kFactory, 14 * k, 15 * k);
  b.receive(kRetailer, 16 * k);
  b.ship(kFactory, 17 * k);
  b.salvage(kRetailer, 18 * k, 19 * k, 20 * k, 21 * k, 22 * k);
  b.salvage(kFactory, 23 * k, 24 * k, 25 * k, 26 * k, 27 * k);
}

}  // namespace

TEST_CASE(
    "a sale to a consumer is the seller's revenue, cost of goods and transport, priced when "
    "the books are settled",
    "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  // 2 units at 18 each, bought at 12, carried at 0.25 a unit, worth 10 each at unit cost and to
  // the chain, paid 2 days after the sale: 36 x 2 = 72 value-days receivable; then 1 unit paid a
  // day before the sale (a platform's customer): 18 x -1 = -18.
  b.sell_to_consumer(kRetailer, kRetailer, kItem, kMarketLane, 2.0, 2.0);
  CHECK_THROWS_AS(b.measured(kRetailer), std::logic_error);  // not settled
  b.settle(10.0);
  CHECK(fields(b.measured(kRetailer)) ==
        std::vector<double>{36, 36, 0, 0, 0, 0, 0.5, 0, 0, 2, 24, 0, 0, 0, 72, 0});
  CHECK(fields(b.measured(kFactory)) == std::vector<double>(16, 0.0));
  CHECK(fields(b.measured_chain()) == std::vector<double>{36, 2, 20, 20, 72, 0, 0, 0, 0, 0});
  b.sell_to_consumer(kRetailer, kRetailer, kItem, kMarketLane, 1.0, -1.0);
  CHECK_THROWS_AS(b.measured_chain(), std::logic_error);
  b.settle(10.0);
  b.settle(10.0);  // a second settle adds nothing
  CHECK(fields(b.measured(kRetailer)) ==
        std::vector<double>{54, 54, 0, 0, 0, 0, 0.75, 0, 0, 3, 36, 0, 0, 0, 54, 0});
  CHECK(fields(b.measured_chain()) == std::vector<double>{54, 3, 30, 30, 54, 0, 0, 0, 0, 0});
}

TEST_CASE("a sale between nodes is the seller's revenue and the buyer's purchase",
          "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  // 3 units at 12, produced at 10, shipped at 0.5 a unit, paid 30 days after they leave:
  // 36 x 30 = 1080 value-days, receivable for the seller and payable for the buyer.
  b.sell_to_node(kFactory, kRetailer, 36.0, 3.0, 30.0, 1.5, 30.0);
  b.settle(10.0);
  CHECK(fields(b.measured(kFactory)) ==
        std::vector<double>{36, 0, 36, 0, 0, 0, 1.5, 0, 0, 3, 30, 0, 0, 0, 1080, 0});
  CHECK(fields(b.measured(kRetailer)) ==
        std::vector<double>{0, 0, 0, 36, 36, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1080});
  CHECK(fields(b.measured_chain()) == std::vector<double>(10, 0.0));  // no consumer involved
}

TEST_CASE("opening stock is a purchase paid to no node", "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  b.buy_opening_stock(kRetailer, 60.0);
  b.settle(10.0);
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
  // 5 units salvaged at 2.5 each, worth 12 at the retailer's purchase cost, 8 to the chain and
  // 10 at unit cost: 60, 40 and 50.
  b.salvage(kRetailer, 5.0, 12.5, 60.0, 40.0, 50.0);
  b.settle(10.0);
  CHECK(fields(b.measured(kFactory)) ==
        std::vector<double>{0, 0, 0, 0, 0, 40, 0, 0, 0, 0, 0, 4, 3, 0, 0, 0});
  CHECK(fields(b.measured(kRetailer)) ==
        std::vector<double>{0, 0, 0, 0, 0, 0, 0, 12.5, 60, 0, 0, 2, 0, 5, 0, 0});
  CHECK(fields(b.measured_chain()) == std::vector<double>{0, 0, 0, 0, 0, 4, 12.5, 5, 50, 40});
}

TEST_CASE("the measured window opens at the end of the warm-up; the whole run keeps all",
          "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  book_one_of_each(b, 1.0);
  b.start_measuring(2.0);
  b.settle(2.0);
  // What happened in the warm-up is gone from the measured window ...
  CHECK(fields(b.measured(kRetailer)) == std::vector<double>(16, 0.0));
  CHECK(fields(b.measured(kFactory)) == std::vector<double>(16, 0.0));
  CHECK(fields(b.measured_chain()) == std::vector<double>(10, 0.0));
  book_one_of_each(b, 100.0);
  b.settle(10.0);
  // ... the measured window holds what came after, and the whole run both, field by field of
  // those the conservation checks read.
  Books after_only(plan);
  book_one_of_each(after_only, 100.0);
  after_only.settle(10.0);
  Books both(plan);
  book_one_of_each(both, 101.0);
  both.settle(10.0);
  for (Index node : {kFactory, kRetailer}) {
    INFO("node " << node);
    CHECK(fields(b.measured(node)) == fields(after_only.measured(node)));
    CHECK(conserved_fields(b.whole_run(node)) == conserved_fields(both.measured(node)));
  }
  CHECK(fields(b.measured_chain()) == fields(after_only.measured_chain()));
  CHECK(conserved_fields(b.whole_run_chain()) == conserved_fields(both.measured_chain()));
}

TEST_CASE("stock is valued over time from the end of the warm-up", "[model][books]") {
  const ArmPlan plan = two_nodes();
  Books b(plan);
  // 5 units on hand at the retailer from 0, worth 60 at its purchase cost of 12 and 50 at the
  // unit cost of 10; 20 (at unit cost) in transit from 1.
  b.stock_changed(0.0, kRetailer, kItem, 5.0);
  b.in_transit_changed(1.0, 20.0);
  CHECK_THROWS_AS(b.inventory(kRetailer), std::logic_error);  // not settled
  b.settle(2.0);
  CHECK(b.inventory(kRetailer).value_days == Approx(120.0));
  CHECK(b.inventory(kRetailer).unit_days == Approx(10.0));
  CHECK(b.inventory(kRetailer).average_value == Approx(60.0));
  CHECK(b.chain_on_hand_average_value() == Approx(50.0));
  CHECK(b.chain_in_transit_value().integral(2.0) == Approx(20.0));
  b.start_measuring(2.0);
  b.stock_changed(3.0, kRetailer, kItem, -2.0);  // 2 of them leave at 3
  b.stock_changed(3.0, kFactory, kItem, 1.0);    // 1 at the factory from 3, worth 10 there
  b.settle(4.0);
  // From 2: 60 on [2, 3), 36 on [3, 4).
  CHECK(b.inventory(kRetailer).average_value == Approx(48.0));
  CHECK(b.inventory(kRetailer).value_days == Approx(96.0));
  CHECK(b.inventory(kRetailer).unit_days == Approx(8.0));
  CHECK(b.inventory(kRetailer).ending_value == Approx(36.0));
  CHECK(b.inventory(kFactory).average_value == Approx(5.0));
  CHECK(b.inventory(kFactory).ending_value == Approx(10.0));
  // The chain at unit cost: 50 on [2, 3), 30 + 10 on [3, 4).
  CHECK(b.chain_on_hand_average_value() == Approx(45.0));
  CHECK(b.chain_in_transit_value().average(4.0) == Approx(20.0));
}

TEST_CASE("goods on their way to consumers count only for their days inside the measured window",
          "[model][books]") {
  ChainSpec c = small_chain();  // horizon 10
  c.warmup_days = 3.0;
  const ArmPlan plan(c);
  Books b(plan);
  // Worth 20 from 1 to 5: 20 x (5 - 3) = 40; worth 10 from 8 to 12: 10 x (10 - 8) = 20; worth 5
  // from 0 to 2, all in the warm-up: 0.
  b.to_consumer(1.0, 5.0, 20.0);
  b.to_consumer(8.0, 12.0, 10.0);
  b.to_consumer(0.0, 2.0, 5.0);
  CHECK(b.to_consumers_value_days() == Approx(60.0));
}
