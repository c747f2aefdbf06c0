// Units and money are conserved in every replication: run_replication checks it at the end and
// throws ConservationError otherwise. These tests drive that check over many random networks.

#include "sim/model/conservation.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "sim/model/books.hpp"
#include "sim/model/replication.hpp"
#include "sim/model/stock.hpp"
#include "sim/model/synthetic_chain.hpp"
#include "sim/random/random_stream.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::Books;
using c2msim::model::check_conservation;
using c2msim::model::run_replication;
using c2msim::model::Stock;
using c2msim::random::RandomStream;

TEST_CASE("units and money are conserved on randomly generated networks", "[model][conservation]") {
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    SyntheticChainOptions options;
    options.seed = seed;
    const ChainSpec spec = synthetic_chain(options);
    INFO("network seed " << seed << ": " << spec.nodes.size() << " nodes, " << spec.markets.size()
                         << " markets");
    c2msim::model::ReplicationResult r;
    REQUIRE_NOTHROW(r = run_replication(spec, seed, 0));
    // Every customer is served, lost, or still waiting at the horizon.
    const double demanded = r.get("system", "units_demanded");
    CHECK(r.get("system", "lost_sales_rate") <= 1.0);
    CHECK(demanded >= 0.0);
    CHECK(r.events_processed > 0);
  }
}

namespace {

// factory (stock 10, never reorders) -> retailer (stock 5) -> consumers: opening stock 15.
ArmPlan conserved_chain() {
  ChainSpec c = small_chain();
  c.nodes[0].stock->initial_on_hand = 10.0;
  c.nodes[1].stock->initial_on_hand = 5.0;
  return ArmPlan(c);
}

// Books and stock after a run by hand: the factory shipped 3 to the retailer (2 arrived, 1 is in
// transit), which sold 4 to consumers; the 7 and 3 units left were salvaged at the horizon.
struct Balanced {
  explicit Balanced(const ArmPlan& plan) : books(plan), stock(plan, books) {
    books.ship(0, 3.0);
    books.sell_to_node(0, 1, 36.0, 3.0, 30.0, 0.0, 0.0);
    books.receive(1, 2.0);
    books.ship(1, 4.0);
    books.sell_to_consumer(1, 1, 0, 1, 4.0, 0.0);
    books.salvage(0, 7.0, 0.0, 70.0, 70.0, 70.0);
    books.salvage(1, 3.0, 0.0, 36.0, 30.0, 30.0);
    books.settle(10.0);
  }
  Books books;
  Stock stock;
};

}  // namespace

TEST_CASE("balanced books pass the conservation checks", "[model][conservation]") {
  const ArmPlan plan = conserved_chain();
  Balanced b(plan);
  CHECK_NOTHROW(check_conservation(plan, b.books, b.stock, 1.0));
}

TEST_CASE("a unit missing at a node fails the conservation check, naming the node",
          "[model][conservation]") {
  const ArmPlan plan = conserved_chain();
  Balanced b(plan);
  b.stock.set_on_hand(0.0, 1, 0, 1.0);  // a unit left that neither arrived nor was there
  CHECK_THROWS_WITH(check_conservation(plan, b.books, b.stock, 1.0),
                    Catch::Contains("units not conserved at node retailer"));
}

TEST_CASE("units missing from the chain fail the conservation check", "[model][conservation]") {
  const ArmPlan plan = conserved_chain();
  Balanced b(plan);
  CHECK_THROWS_WITH(check_conservation(plan, b.books, b.stock, 0.0),  // the unit in transit
                    Catch::Contains("units not conserved in the chain"));
}

TEST_CASE("the conservation checks balance the whole run, warm-up included",
          "[model][conservation]") {
  const ArmPlan plan = conserved_chain();
  Balanced b(plan);
  b.books.start_measuring(2.0);  // everything so far was the warm-up
  CHECK_NOTHROW(check_conservation(plan, b.books, b.stock, 1.0));
  b.books.ship(1, 1.0);
  CHECK_THROWS_AS(check_conservation(plan, b.books, b.stock, 1.0),
                  c2msim::model::ConservationError);
}
