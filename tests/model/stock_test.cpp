// Stock alone: on hand, on order and backorders per node and sku, their totals, the changes of
// on-hand stock reported to the books at the right values, and the units owed to consumers over
// time from the end of the warm-up.

#include "sim/model/stock.hpp"

#include <catch2/catch.hpp>

#include "sim/model/books.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::Books;
using c2msim::model::Stock;

namespace {

constexpr Index kFactory = 0, kRetailer = 1;

// The factory sells at 12 (unit cost 10, markup 0.2); two variants.
ArmPlan two_nodes() {
  return ArmPlan(small_chain(2));
}

}  // namespace

TEST_CASE("stock moves are reported to the books at purchase cost and unit cost",
          "[model][stock]") {
  const ArmPlan plan = two_nodes();
  Books books(plan);
  Stock stock(plan, books);
  stock.set_on_hand(0.0, kRetailer, 1, 5.0);
  stock.take(1.0, kRetailer, 1, 2.0);
  stock.put(3.0, kRetailer, 1, 4.0);
  CHECK(stock.on_hand(kRetailer, 1) == 7.0);
  CHECK(stock.on_hand(kRetailer, 0) == 0.0);
  CHECK(stock.on_hand(kFactory, 1) == 0.0);
  // Units: 5 on [0, 1), 3 on [1, 3), 7 on [3, 4): 18 unit-days; at the retailer's purchase cost
  // of 12 (the factory's price), and at unit cost 10 for the chain.
  books.settle(4.0);
  CHECK(books.inventory(kRetailer).unit_days == Approx(18.0));
  CHECK(books.inventory(kRetailer).value_days == Approx(18.0 * 12.0));
  CHECK(books.inventory(kRetailer).ending_value == Approx(7.0 * 12.0));
  CHECK(books.chain_on_hand_average_value() == Approx(18.0 * 10.0 / 4.0));
  CHECK(books.inventory(kFactory).unit_days == 0.0);
}

TEST_CASE("the inventory position counts on order and subtracts backorders", "[model][stock]") {
  const ArmPlan plan = two_nodes();
  Books books(plan);
  Stock stock(plan, books);
  stock.set_on_hand(0.0, kRetailer, 0, 4.0);
  stock.add_on_order(kRetailer, 0, 6.0);
  stock.add_backorders(0.0, kRetailer, 0, 3.0, false);
  CHECK(stock.on_order(kRetailer, 0) == 6.0);
  CHECK(stock.position(kRetailer, 0) == 7.0);
  CHECK(stock.position(kRetailer, 1) == 0.0);  // another sku
  stock.add_on_order(kRetailer, 0, -6.0);
  stock.add_backorders(1.0, kRetailer, 0, -1.0, false);
  CHECK(stock.position(kRetailer, 0) == 2.0);
}

TEST_CASE("a node's totals add its skus", "[model][stock]") {
  const ArmPlan plan = two_nodes();
  Books books(plan);
  Stock stock(plan, books);
  stock.set_on_hand(0.0, kRetailer, 0, 1.0);
  stock.set_on_hand(0.0, kRetailer, 1, 2.0);
  stock.add_on_order(kRetailer, 0, 3.0);
  stock.add_on_order(kRetailer, 1, 4.0);
  stock.add_backorders(0.0, kRetailer, 0, 5.0, true);
  stock.add_backorders(0.0, kRetailer, 1, 6.0, false);
  stock.set_on_hand(0.0, kFactory, 0, 100.0);
  const auto t = stock.totals(kRetailer);
  CHECK(t.on_hand == 3.0);
  CHECK(t.on_order == 7.0);
  CHECK(t.backorders == 11.0);
  CHECK(stock.totals(kFactory).on_hand == 100.0);
}

TEST_CASE("units owed to consumers are averaged over time from the end of the warm-up",
          "[model][stock]") {
  const ArmPlan plan = two_nodes();
  Books books(plan);
  Stock stock(plan, books);
  stock.add_backorders(1.0, kRetailer, 0, 2.0, true);
  stock.add_backorders(1.0, kRetailer, 0, 5.0, false);  // owed to a node: not a consumer's
  // 2 on [1, 2): 2 unit-days over 2 days.
  CHECK(stock.consumer_backorders(kRetailer).average(2.0) == Approx(1.0));
  stock.start_measuring(2.0);
  stock.add_backorders(3.0, kRetailer, 0, -1.0, true);
  // From 2: 2 on [2, 3), 1 on [3, 4).
  CHECK(stock.consumer_backorders(kRetailer).average(4.0) == Approx(1.5));
  CHECK(stock.consumer_backorders(kFactory).average(4.0) == 0.0);
}
