// Replenishment alone, on a factory -> retailer chain: what each policy orders for a given
// inventory position, when periodic reviews fall, the order constraints, and the forecast policy's
// order-up-to level from its demand signal, each worked by hand.

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "sim/model/books.hpp"
#include "sim/model/production.hpp"
#include "sim/model/replenishment.hpp"
#include "sim/model/stock.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;

namespace {

constexpr Index kFactory = 0, kRetailer = 1;

// factory (stock, base stock level 0) -> retailer (the policy under test) -> consumers; the
// retailer's lane has a 2-day lead time and a 1-day information delay. Two variants, of which the
// retailer and the factory stock the first only.
ChainSpec chain_with(ReplenishmentPolicy policy, OrderConstraints constraints = {}) {
  ChainSpec c = small_chain(2, 30.0);
  c.nodes[kFactory].stock->stocked_variants = 1;
  StockSpec& r = *c.nodes[kRetailer].stock;
  r.policy = policy;
  r.constraints = constraints;
  r.stocked_variants = 1;
  c.lanes[0].lead_time_days = c2msim::random::Constant{2.0};
  c.lanes[0].information_delay_days = 1.0;
  return c;
}

struct Placed {
  Index node;
  Index sku;
  double units;
  bool operator==(const Placed&) const = default;
};

// The parts of a replication that replenishment reads, with the retailer's position set by hand.
struct Fixture {
  explicit Fixture(ChainSpec spec)
      : plan(std::move(spec)), books(plan), stock(plan, books), production(plan, calendar) {}
  ArmPlan plan;
  Books books;
  Stock stock;
  Calendar calendar;
  Production production;  // a factory's lead time, before any stock job: unit_production_days
  std::vector<std::uint8_t> in_season = std::vector<std::uint8_t>(1, 1);

  std::vector<Placed> review(Replenishment& r, std::int64_t day) {
    std::vector<Placed> placed;
    r.review(day, static_cast<double>(day), in_season, [&](Index node, Index sku, double units) {
      placed.push_back({node, sku, units});
    });
    return placed;
  }
  // Position = on hand + on order - backorders.
  void set_position(double on_hand, double on_order, double backorders) {
    stock.set_on_hand(0.0, kRetailer, 0, on_hand);
    stock.add_on_order(kRetailer, 0, on_order - stock.on_order(kRetailer, 0));
    stock.add_backorders(0.0, kRetailer, 0, backorders - stock.totals(kRetailer).backorders, false);
  }
  double retailer_order(Replenishment& r, std::int64_t day) {
    for (const Placed& p : review(r, day)) {
      if (p.node == kRetailer && p.sku == 0) return p.units;
    }
    return -1.0;  // not reviewed
  }
};

}  // namespace

TEST_CASE("the inventory position is on hand plus on order minus backorders", "[model][stock]") {
  Fixture f(chain_with(BaseStockPolicy{1.0, 10.0}));
  f.set_position(4.0, 3.0, 2.0);
  CHECK(f.stock.position(kRetailer, 0) == 5.0);
}

TEST_CASE("(R, s, S) orders up to S at or below s and nothing above it", "[model][replenishment]") {
  Fixture at_s(chain_with(SsPolicy{1.0, 4.0, 10.0}));
  Replenishment r1(at_s.plan, at_s.stock, at_s.production);
  at_s.set_position(3.0, 2.0, 1.0);  // position 4 = s: order 10 - 4
  CHECK(at_s.retailer_order(r1, 1) == 6.0);

  Fixture above(chain_with(SsPolicy{1.0, 4.0, 10.0}));
  Replenishment r2(above.plan, above.stock, above.production);
  above.set_position(5.0, 0.0, 0.0);  // position 5 > s
  CHECK(above.retailer_order(r2, 1) == 0.0);
}

TEST_CASE("base stock orders the gap to its level, whole units up", "[model][replenishment]") {
  Fixture f(chain_with(BaseStockPolicy{1.0, 10.0}));
  Replenishment r(f.plan, f.stock, f.production);
  f.set_position(2.5, 1.0, 0.0);  // 10 - 3.5 = 6.5: 7 units
  CHECK(f.retailer_order(r, 1) == 7.0);
  f.set_position(12.0, 0.0, 0.0);  // above the level: nothing
  CHECK(f.retailer_order(r, 2) == 0.0);
}

TEST_CASE("a periodic review falls on day 0 and every review period after",
          "[model][replenishment]") {
  Fixture f(chain_with(BaseStockPolicy{3.0, 10.0}));
  Replenishment r(f.plan, f.stock, f.production);
  std::vector<std::int64_t> reviewed;
  for (std::int64_t day = 0; day <= 7; ++day) {
    if (f.retailer_order(r, day) >= 0) reviewed.push_back(day);
  }
  CHECK(reviewed == std::vector<std::int64_t>{0, 3, 6});
}

TEST_CASE("a review period is rounded to whole days", "[model][replenishment]") {
  Fixture f(chain_with(BaseStockPolicy{2.5, 10.0}));  // every 3 days
  Replenishment r(f.plan, f.stock, f.production);
  std::vector<std::int64_t> reviewed;
  for (std::int64_t day = 0; day <= 7; ++day) {
    if (f.retailer_order(r, day) >= 0) reviewed.push_back(day);
  }
  CHECK(reviewed == std::vector<std::int64_t>{0, 3, 6});
}

TEST_CASE("a review orders only the variants the node stocks, while in season",
          "[model][replenishment]") {
  Fixture f(chain_with(BaseStockPolicy{1.0, 10.0}));
  Replenishment r(f.plan, f.stock, f.production);
  // Both stock variant 0 of two.
  CHECK(f.review(r, 1) == std::vector<Placed>{{kFactory, 0, 0.0}, {kRetailer, 0, 10.0}});
  f.in_season[0] = 0;
  CHECK(f.review(r, 2).empty());
}

TEST_CASE("orders are raised to the minimum and rounded up to whole case packs",
          "[model][replenishment]") {
  Fixture f(chain_with(BaseStockPolicy{1.0, 10.0}, OrderConstraints{4.0, 6.0}));
  Replenishment r(f.plan, f.stock, f.production);
  f.set_position(9.0, 0.0, 0.0);  // gap 1, raised to 4, rounded up to one case of 6
  CHECK(f.retailer_order(r, 1) == 6.0);
  f.set_position(3.0, 0.0, 0.0);  // gap 7: two cases
  CHECK(f.retailer_order(r, 2) == 12.0);
  f.set_position(10.0, 0.0, 0.0);  // no gap: no order at all, not the minimum
  CHECK(f.retailer_order(r, 3) == 0.0);
}

TEST_CASE("order constraints by hand", "[model][replenishment]") {
  const OrderConstraints minimum{5.0, 1.0};
  CHECK(minimum.apply(0.0) == 0.0);
  CHECK(minimum.apply(-3.0) == 0.0);
  CHECK(minimum.apply(2.0) == 5.0);
  CHECK(minimum.apply(7.0) == 7.0);
  const OrderConstraints cases{0.0, 4.0};
  CHECK(cases.apply(4.0) == 4.0);  // exactly one case, not two
  CHECK(cases.apply(4.5) == 8.0);
}

TEST_CASE("(r, Q) orders the smallest multiple of Q that lifts the position above r",
          "[model][replenishment]") {
  Fixture f(chain_with(RQPolicy{5.0, 4.0}));
  Replenishment r(f.plan, f.stock, f.production);
  CHECK(r.reviews_continuously(kRetailer));
  CHECK_FALSE(r.reviews_continuously(kFactory));
  CHECK(f.review(r, 1) == std::vector<Placed>{{kFactory, 0, 0.0}});  // no periodic review
  f.set_position(6.0, 0.0, 0.0);                                     // above r
  CHECK(r.continuous_order(kRetailer, 0) == 0.0);
  f.set_position(5.0, 0.0, 0.0);  // at r: one batch, to 9
  CHECK(r.continuous_order(kRetailer, 0) == 4.0);
  f.set_position(1.0, 0.0, 0.0);  // r - Q: two batches, to 9
  CHECK(r.continuous_order(kRetailer, 0) == 8.0);
  f.set_position(1.5, 0.0, 0.0);  // floor(3.5 / 4) + 1 = 1 batch, to 5.5 > r
  CHECK(r.continuous_order(kRetailer, 0) == 4.0);
  CHECK(r.continuous_order(kFactory, 0) == 0.0);  // base stock: never a continuous order
}

TEST_CASE("(r, Q) orders obey the order constraints", "[model][replenishment]") {
  Fixture f(chain_with(RQPolicy{5.0, 4.0}, OrderConstraints{0.0, 3.0}));
  Replenishment r(f.plan, f.stock, f.production);
  f.set_position(5.0, 0.0, 0.0);  // Q = 4, in cases of 3: 6
  CHECK(r.continuous_order(kRetailer, 0) == 6.0);
}

TEST_CASE("the forecast policy orders up to F (L + R) + z sigma sqrt(L + R)",
          "[model][replenishment][forecast]") {
  ForecastPolicy p;
  p.review_period_days = 1.0;
  p.method = ForecastMethod::kMovingAverage;
  p.window_days = 2;
  p.safety_factor = 1.0;
  Fixture f(chain_with(p));
  Replenishment r(f.plan, f.stock, f.production);
  // L = 1-day information delay + 2-day lead time; L + R = 4.
  CHECK(f.retailer_order(r, 0) == 0.0);  // nothing observed: level 0 (day 0 observes nothing)
  r.record_demand(kRetailer, 0, 4.0);
  CHECK(f.retailer_order(r, 1) == 16.0);  // {4}: 4 x 4 + 0
  r.record_demand(kRetailer, 0, 8.0);
  // {4, 8}: mean 6, sd sqrt(8): 24 + sqrt(8) x 2 = 29.66, order 30 (the position is still 0).
  CHECK(f.retailer_order(r, 2) == 30.0);
  r.record_demand(kRetailer, 0, 6.0);
  // {8, 6}: mean 7, sd sqrt(2): 28 + 2 sqrt(2) = 30.83, order 31.
  CHECK(f.retailer_order(r, 3) == 31.0);
  f.set_position(20.0, 0.0, 0.0);
  r.record_demand(kRetailer, 0, 7.0);
  // {6, 7}: mean 6.5, sd sqrt(0.5): 26 + 2 sqrt(0.5) = 27.41, less the position 20: 8.
  CHECK(f.retailer_order(r, 4) == 8.0);
}

TEST_CASE("a forecast observes the demand of a whole review period at once",
          "[model][replenishment][forecast]") {
  ForecastPolicy p;
  p.review_period_days = 2.0;
  p.method = ForecastMethod::kExponentialSmoothing;
  p.alpha = 0.5;
  p.safety_factor = 0.0;
  Fixture f(chain_with(p));
  Replenishment r(f.plan, f.stock, f.production);
  CHECK(f.retailer_order(r, 0) == 0.0);
  r.record_demand(kRetailer, 0, 3.0);
  r.record_demand(kRetailer, 0, 5.0);
  CHECK(f.retailer_order(r, 1) == -1.0);  // not a review day
  // Day 2: the period's demand is 8, 4 a day; cover L + R = 3 + 2: 20.
  CHECK(f.retailer_order(r, 2) == 20.0);
  r.record_demand(kRetailer, 0, 12.0);
  // Day 4: 12 in the period; level 8 + 0.5 x 4 = 10 a period, 5 a day: 25.
  CHECK(f.retailer_order(r, 4) == 25.0);
}

TEST_CASE("a POS forecast reads consumer demand, not the orders the node received",
          "[model][replenishment][forecast]") {
  ForecastPolicy p;
  p.review_period_days = 1.0;
  p.window_days = 1;
  p.safety_factor = 0.0;
  p.signal = DemandSignal::kPos;
  Fixture f(chain_with(p));
  Replenishment r(f.plan, f.stock, f.production);
  f.retailer_order(r, 0);
  r.record_demand(kRetailer, 0, 100.0);         // ignored by a POS forecast
  r.record_consumer_demand(kRetailer, 0, 2.0);  // its own consumers
  CHECK(f.retailer_order(r, 1) == 8.0);         // 2 a day x (3 + 1)
}

TEST_CASE("a factory's forecast covers one unit's production time", "[model][replenishment]") {
  ForecastPolicy p;
  p.review_period_days = 1.0;
  p.window_days = 1;
  p.safety_factor = 0.0;
  ChainSpec spec = chain_with(BaseStockPolicy{1.0, 0.0});
  spec.nodes[kFactory].stock->policy = p;
  Fixture f(std::move(spec));
  Replenishment r(f.plan, f.stock, f.production);
  f.review(r, 0);
  r.record_demand(kFactory, 0, 6.0);
  // L = 0.5 days (unit_production_days), R = 1: 6 x 1.5 = 9.
  const std::vector<Placed> placed = f.review(r, 1);
  REQUIRE(placed.size() == 2);
  CHECK(placed[0] == Placed{kFactory, 0, 9.0});
}

// A node reviews every whole number of days nearest its period (review_days; the loader takes
// whole numbers only, a spec built in code need not): the forecast's level covers those days, as
// its reviews do, not the period as written.
TEST_CASE("a forecast policy covers the review period it really has",
          "[model][replenishment][forecast]") {
  ForecastPolicy p;
  p.review_period_days = 2.5;  // reviews on days 0, 3, 6, ...
  p.method = ForecastMethod::kExponentialSmoothing;
  p.alpha = 1.0;
  p.safety_factor = 0.0;
  Fixture f(chain_with(p));
  Replenishment r(f.plan, f.stock, f.production);
  CHECK(f.retailer_order(r, 0) == 0.0);
  r.record_demand(kRetailer, 0, 6.0);
  // 6 over the 3 days since day 0: 2 a day, for L + R = 3 + 3 days.
  CHECK(f.retailer_order(r, 3) == 12.0);
}
