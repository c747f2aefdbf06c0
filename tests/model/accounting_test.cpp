// The controller's books over the measured window (docs/model.md, "Accounting"), on chains small
// enough to work by hand: profit with stock at cost at both ends of the window, terminal
// valuation, salvage, the realised markup, turnover with work in process and goods on their way
// to consumers, and cash-to-cash days with payment terms.

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/model/replication.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::run_replication;

namespace {

constexpr SsPolicy kNeverReorders{1.0, -1e9, 0.0};

// A factory (unit cost 10, markup 0.1: it sells at 11) and a shop (markup 0.5: it sells at 16.5)
// with 30 units of opening stock that never reorders. One customer a day, at days 1, 2, ..., 20,
// for one unit; a warm-up of 5.5 days, so the window's customers are those of days 6..20: 15
// units sold in the window, 5 before it, 10 left at the horizon. The shop pays 0.365 a year of
// its stock's value to hold it (0.001 a day) and 0.5 a unit to deliver.
ChainSpec shop_with_opening_stock() {
  ChainSpec c;
  c.horizon_days = 20.0;
  c.warmup_days = 5.5;
  ProductSpec p = product(10.0);
  p.salvage_fraction = 0.25;
  c.products = {p};
  c.markets = {market(1.0, 20.0, ArrivalProcess::kDeterministic)};
  NodeSpec f = stocking_factory("factory", 0.1, kNeverReorders, 0.0);
  NodeSpec shop = stock_node("shop", NodeKind::kRetailer, 0.5, kNeverReorders, 30.0);
  shop.holding_cost_rate_per_year = 0.365;
  c.nodes = {f, shop};
  c.lanes = {lane(0, 1, 0.5), lane(1, 0, 0.0, true)};
  c.lanes[1].cost_per_unit = 0.5;
  return c;
}

// The shop's holding cost in the window: 25 units on hand from 5.5 to 6, then 24, 23, ..., 11
// for a day each (245 unit-days), 257.5 unit-days at 11 a unit, at 0.001 a day.
constexpr double kShopHolding = (25.0 * 0.5 + 245.0) * 11.0 * 0.001;
constexpr double kShopTransport = 15.0 * 0.5;

}  // namespace

TEST_CASE("stock carried into the measured window is charged at cost when it is sold",
          "[model][accounting]") {
  const auto r = run_replication(shop_with_opening_stock(), 1, 0);
  REQUIRE(r.get("system", "units_sold") == 15.0);
  CHECK(r.get("shop", "holding_cost") == Approx(kShopHolding));
  CHECK(r.get("shop", "transport_cost") == Approx(kShopTransport));
  // 15 units at 16.5, each of which cost the shop 11: the opening stock is not free.
  CHECK(r.get("shop", "profit") == Approx(15.0 * (16.5 - 11.0) - kShopHolding - kShopTransport));
  // The chain: what consumers paid less what the units cost it to make (10 each).
  CHECK(r.get("system", "profit") ==
        Approx(15.0 * 16.5 - 15.0 * 10.0 - kShopHolding - kShopTransport));
  // The factory sold nothing in the window; the chain's profit exceeds the sum of the nodes' by
  // the factory's markup (1 a unit) on the 15 units the shop held at the window's start and sold.
  CHECK(r.get("factory", "profit") == 0.0);
  CHECK(r.get("system", "profit") - r.get("shop", "profit") == Approx(15.0 * 1.0));
}

TEST_CASE("stock bought during the warm-up is charged at cost when it is sold in the window",
          "[model][accounting]") {
  // The shop starts empty and buys its 30 units at the review at time 0 (s = 0, S = 30); they
  // arrive at 0.5, in the warm-up. Afterwards the position never falls to 0 again.
  ChainSpec spec = shop_with_opening_stock();
  spec.nodes[0].stock->initial_on_hand = 30.0;
  spec.nodes[1].stock->initial_on_hand = 0.0;
  spec.nodes[1].stock->policy = SsPolicy{1.0, 0.0, 30.0};
  const auto r = run_replication(spec, 1, 0);
  REQUIRE(r.get("system", "units_sold") == 15.0);
  CHECK(r.get("shop", "profit") == Approx(15.0 * (16.5 - 11.0) - kShopHolding - kShopTransport));
  CHECK(r.get("system", "profit") ==
        Approx(15.0 * 16.5 - 15.0 * 10.0 - kShopHolding - kShopTransport));
}

TEST_CASE("stock made during the warm-up is charged at its production cost when it is sold",
          "[model][accounting]") {
  // A factory selling straight to consumers at 11 makes 30 units at time 0 (s = 0, S = 30), done
  // by 0.3, in the warm-up; it sells 15 of them in the window, each made at 10.
  ChainSpec c;
  c.horizon_days = 20.0;
  c.warmup_days = 5.5;
  c.products = {product(10.0)};
  c.markets = {market(1.0, 20.0, ArrivalProcess::kDeterministic)};
  NodeSpec f = stocking_factory("factory", 0.1, SsPolicy{1.0, 0.0, 30.0}, 0.0);
  c.nodes = {f};
  c.lanes = {lane(0, 0, 0.0, true)};
  const auto r = run_replication(c, 1, 0);
  REQUIRE(r.get("system", "units_sold") == 15.0);
  CHECK(r.get("factory", "profit") == Approx(15.0 * (11.0 - 10.0)));
  CHECK(r.get("system", "profit") == Approx(15.0 * (11.0 - 10.0)));
  CHECK(r.get("factory", "ending_inventory_value") == Approx(10.0 * 10.0));
}

TEST_CASE("stock left at the horizon stays at cost unless the terminal valuation salvages it",
          "[model][accounting]") {
  ChainSpec spec = shop_with_opening_stock();
  REQUIRE(spec.terminal_valuation == TerminalValuation::kCost);
  const auto at_cost = run_replication(spec, 1, 0);
  // 10 units left at the shop: 110 at its cost, 100 at the chain's; nothing salvaged.
  CHECK(at_cost.get("shop", "ending_inventory_value") == Approx(10.0 * 11.0));
  CHECK(at_cost.get("system", "ending_inventory_value") == Approx(10.0 * 10.0));
  CHECK(at_cost.get("shop", "salvage_loss") == 0.0);
  CHECK(at_cost.get("system", "salvage_loss") == 0.0);
  CHECK(at_cost.get("system", "unsold_units") == 0.0);
  CHECK(at_cost.get("system", "salvage_revenue") == 0.0);

  spec.terminal_valuation = TerminalValuation::kSalvage;
  const auto salvaged = run_replication(spec, 1, 0);
  // The 10 units are sold off at a quarter of the unit cost: 25 recovered. The shop loses its
  // cost of them less that (110 - 25), the chain its own (100 - 25).
  CHECK(salvaged.get("system", "salvage_revenue") == Approx(10.0 * 10.0 * 0.25));
  CHECK(salvaged.get("shop", "salvage_loss") == Approx(10.0 * 11.0 - 25.0));
  CHECK(salvaged.get("system", "salvage_loss") == Approx(10.0 * 10.0 * (1.0 - 0.25)));
  CHECK(salvaged.get("shop", "ending_inventory_value") == 0.0);
  CHECK(salvaged.get("system", "ending_inventory_value") == 0.0);
  // Profit is lower by exactly the salvage loss; nothing else changes.
  CHECK(at_cost.get("shop", "profit") - salvaged.get("shop", "profit") ==
        Approx(salvaged.get("shop", "salvage_loss")));
  CHECK(at_cost.get("system", "profit") - salvaged.get("system", "profit") ==
        Approx(salvaged.get("system", "salvage_loss")));
  CHECK(salvaged.get("shop", "revenue") == at_cost.get("shop", "revenue"));
}

TEST_CASE("unsold units and their value count the units salvaged at season ends and the horizon",
          "[model][accounting]") {
  // Two products at one shop holding 25 of each, never reordering, one customer of each a day.
  // A (unit cost 10, salvage 0.25) ends its season at 10.5: 10 sold, 15 salvaged then. B (unit
  // cost 20, salvage 0.5) runs to the horizon at day 20: 20 sold, 5 left.
  ChainSpec c;
  c.horizon_days = 20.0;
  ProductSpec a = product(10.0);
  a.id = "a";
  a.season_end_day = 10.5;
  a.salvage_fraction = 0.25;
  ProductSpec b = product(20.0);
  b.id = "b";
  b.salvage_fraction = 0.5;
  c.products = {a, b};
  MarketSpec ma = market(1.0, 20.0, ArrivalProcess::kDeterministic);
  MarketSpec mb = ma;
  mb.id = "b_buyers";
  mb.product = 1;
  c.markets = {ma, mb};
  NodeSpec f = stocking_factory("factory", 0.1, kNeverReorders, 0.0);
  c.nodes = {f, stock_node("shop", NodeKind::kRetailer, 0.5, kNeverReorders, 25.0)};
  c.lanes = {lane(0, 1, 0.0), lane(1, 0, 0.0, true), lane(1, 1, 0.0, true)};

  const auto at_cost = run_replication(c, 1, 0);
  REQUIRE(at_cost.get("system", "units_sold") == 30.0);
  // Only the season end salvages: 15 units of A, at the chain's cost of 10.
  CHECK(at_cost.get("system", "unsold_units") == 15.0);
  CHECK(at_cost.get("system", "unsold_value") == Approx(15.0 * 10.0));
  CHECK(at_cost.get("system", "salvage_revenue") == Approx(15.0 * 10.0 * 0.25));
  CHECK(at_cost.get("system", "ending_inventory_value") == Approx(5.0 * 20.0));

  c.terminal_valuation = TerminalValuation::kSalvage;
  const auto salvaged = run_replication(c, 1, 0);
  // And the horizon's: 5 units of B at 20.
  CHECK(salvaged.get("system", "unsold_units") == 15.0 + 5.0);
  CHECK(salvaged.get("system", "unsold_value") == Approx(15.0 * 10.0 + 5.0 * 20.0));
  const double recovered = 15.0 * 10.0 * 0.25 + 5.0 * 20.0 * 0.5;
  CHECK(salvaged.get("system", "salvage_revenue") == Approx(recovered));
  // The chain's salvage loss is the same population's value less what it recovered; the shop's
  // is at its own cost (11 and 22 a unit).
  CHECK(salvaged.get("system", "salvage_loss") ==
        Approx(salvaged.get("system", "unsold_value") - recovered));
  CHECK(salvaged.get("shop", "salvage_loss") == Approx(15.0 * 11.0 + 5.0 * 22.0 - recovered));
  CHECK(salvaged.get("system", "ending_inventory_value") == 0.0);
}

TEST_CASE("the realised markup is consumer revenue over the unit cost of what consumers bought",
          "[model][accounting]") {
  // 15 units sold at 16.5 with a unit cost of 10; salvaging the 10 left is not a sale, so the
  // realised markup is the list markup 1.1 x 1.5 with or without it.
  ChainSpec spec = shop_with_opening_stock();
  spec.terminal_valuation = TerminalValuation::kSalvage;
  const auto r = run_replication(spec, 1, 0);
  REQUIRE(r.get("system", "salvage_revenue") > 0.0);
  CHECK(r.get("system", "realised_markup") == Approx(16.5 / 10.0));
  CHECK(r.get("system", "list_markup") == Approx(16.5 / 10.0));
}

namespace {

// One customer a day (days 1..60) at a platform whose factory makes each unit to order in half a
// day and ships it to the consumer in two (the factory -> platform lane; the last leg is
// immediate). Unit cost 100: the factory sells at 110, the platform at 118.8.
ChainSpec drop_shipping_chain() {
  ChainSpec spec = c2m_chain(1.0, 60.0, ArrivalProcess::kDeterministic);
  spec.nodes[0].factory->unit_production_days = 0.5;
  return spec;
}

}  // namespace

TEST_CASE("a make-to-order arm's turnover counts work in process and goods on their way",
          "[model][accounting]") {
  const auto r = run_replication(drop_shipping_chain(), 1, 0);
  // The customer of day 60 is still on the line at the horizon: 59 units sold, at 100 each.
  REQUIRE(r.get("system", "units_sold") == 59.0);
  // Held at cost over the 60 days: each unit half a day on the line (the last one's job starts
  // at the horizon), 2950 value-days; then 2 days on its way, but for the units of days 58 and
  // 59 (1.5 and 0.5 days before the horizon): 57 x 200 + 150 + 50 = 11600 value-days.
  const double average = (59.0 * 0.5 * 100.0 + 11600.0) / 60.0;
  const double cogs_per_day = 59.0 * 100.0 / 60.0;
  CHECK(r.get("system", "inventory_turnover") == Approx(cogs_per_day * 365.0 / average));
  CHECK(r.get("system", "days_of_inventory") == Approx(average / cogs_per_day));
  // The factory holds its work in process, at its production cost: half a day per unit sold.
  CHECK(r.get("factory", "average_inventory_value") == Approx(59.0 * 0.5 * 100.0 / 60.0));
  CHECK(r.get("factory", "inventory_turnover") == Approx(365.0 / 0.5));
}

TEST_CASE("an arm that holds nothing and sells nothing has no turnover", "[model][accounting]") {
  // Every quote (half a day) is beyond the customers' patience: nothing is made or sold.
  ChainSpec spec = drop_shipping_chain();
  spec.markets[0].patience_days = c2msim::random::Constant{0.4};
  const auto r = run_replication(spec, 1, 0);
  REQUIRE(r.get("system", "units_sold") == 0.0);
  CHECK(std::isnan(r.get("system", "inventory_turnover")));
  CHECK(std::isnan(r.get("factory", "inventory_turnover")));
}

TEST_CASE("payment terms lengthen the seller's receivable and the buyer's payable by exactly them",
          "[model][accounting]") {
  // A shop on daily base stock supplied by a well-stocked factory; consumers pay at the sale.
  ChainSpec spec;
  spec.horizon_days = 60.0;
  spec.products = {product(10.0)};
  spec.markets = {market(1.0, 60.0, ArrivalProcess::kDeterministic)};
  NodeSpec f = stocking_factory("factory", 0.1, kNeverReorders, 1000.0);
  spec.nodes = {f, stock_node("shop", NodeKind::kRetailer, 0.5, BaseStockPolicy{1.0, 5.0}, 5.0)};
  spec.lanes = {lane(0, 1, 1.0), lane(1, 0, 0.0, true)};
  const auto cash = run_replication(spec, 1, 0);
  spec.lanes[0].payment_terms_days = 30.0;
  const auto terms = run_replication(spec, 1, 0);
  REQUIRE(terms.get("shop", "units_sold") == cash.get("shop", "units_sold"));
  // Without terms every payment is at the sale: cash-to-cash is the days of inventory.
  for (const char* node : {"factory", "shop"}) {
    INFO(node);
    CHECK(cash.get(node, "cash_to_cash_days") == Approx(cash.get(node, "days_of_inventory")));
  }
  CHECK(terms.get("factory", "cash_to_cash_days") ==
        Approx(cash.get("factory", "cash_to_cash_days") + 30.0));
  CHECK(terms.get("shop", "cash_to_cash_days") ==
        Approx(cash.get("shop", "cash_to_cash_days") - 30.0));
  // The chain's consumers pay at the sale either way.
  CHECK(terms.get("system", "cash_to_cash_days") ==
        Approx(terms.get("system", "days_of_inventory")));
}

TEST_CASE("a platform's consumers pay when they order, before a made-to-order unit exists",
          "[model][accounting]") {
  // Each customer pays at arrival; the unit is made and sold half a day later. The platform pays
  // the factory 10 days after the goods leave it.
  ChainSpec spec = drop_shipping_chain();
  spec.lanes[0].payment_terms_days = 10.0;
  const auto r = run_replication(spec, 1, 0);
  // The platform holds nothing (0 days of inventory), is paid half a day before it sells and
  // pays 10 days after.
  CHECK(r.get("platform", "days_of_inventory") == 0.0);
  CHECK(r.get("platform", "cash_to_cash_days") == Approx(-0.5 - 10.0));
  // The factory holds each unit half a day on the line and is paid 10 days after it ships.
  CHECK(r.get("factory", "cash_to_cash_days") == Approx(0.5 + 10.0));
  // The chain: its days of inventory, less the half day its consumers paid in advance.
  CHECK(r.get("system", "cash_to_cash_days") == Approx(r.get("system", "days_of_inventory") - 0.5));
}
