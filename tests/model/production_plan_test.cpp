// plan() keeps the dispatch it planned until the factory changes: driven through random queues,
// batches, releases, starts and finishes, every quote must equal the dispatch replayed from
// scratch, bit for bit.

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "sim/model/production.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::Calendar;
using c2msim::model::EventKind;
using c2msim::model::Job;
using c2msim::model::kNoRecord;
using c2msim::model::Production;

namespace {

// The factories the random drive picks from: each figure is drawn from its list.
struct Mix {
  std::vector<Index> lines{1, 2, 3};
  std::vector<Index> variants{1, 2, 3, 4, 5, 6};
  std::vector<double> unit_days{0.01, 0.05, 0.1, 0.3};
  std::vector<double> changeover_days{0, 0.01, 0.1, 0.25};
  std::vector<double> batching_window_days{0, 0, 0.3, 0.5, 1.0};
  // The lines' utilisation, from mostly idle to overloaded.
  std::vector<double> utilisation{0.3, 0.7, 0.95, 1.5};
  // Before a customer's own quote, up to this many quotes of other variants, each of which the
  // plan remembers at its own step (0: none).
  int quotes_before = 0;
};

// One random factory driven for `actions` events: customers quoted (and most of them joining,
// usually just after their own quote, as a replication does), stock jobs, jobs joining unquoted,
// repeated quotes with nothing changed in between, at random times and at the times of the
// factory's own finishes and releases. Returns the quotes that differed from the replay, with the
// first one described in `first`.
int mismatches(std::uint64_t seed, int actions, const Mix& mix, std::string& first, int& quotes) {
  std::mt19937_64 rng(seed);
  const auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const auto any = [&pick](const auto& list) {
    return list[static_cast<std::size_t>(pick(static_cast<int>(list.size())))];
  };
  FactoryShape shape;
  shape.days = 1000.0;
  shape.lines = any(mix.lines);
  shape.variants = any(mix.variants);
  shape.unit_days = any(mix.unit_days);
  shape.changeover_days = any(mix.changeover_days);
  shape.batching_window_days = any(mix.batching_window_days);
  // About 2.4 units' work per action.
  const double utilisation = any(mix.utilisation);
  const double gap = 2.4 * shape.unit_days / (static_cast<double>(shape.lines) * utilisation);
  const ArmPlan plan(lone_factory(shape));
  Calendar calendar;
  Production production(plan, calendar);
  production.start();

  int differ = 0;
  std::uint32_t customer = 0;
  const auto quote = [&](Index sku, double units) {
    ++quotes;
    const double fast = production.plan(0, sku, units);
    const double replay = production.plan_by_replay(0, sku, units);
    // Bit for bit: a replication's results depend on every quote.
    if (fast != replay && !(fast != fast && replay != replay)) {
      if (differ++ == 0) {
        std::ostringstream out;
        out.precision(17);
        out << "seed " << seed << " (utilisation " << utilisation << ", " << shape.lines
            << " lines, " << shape.variants << " variants, unit " << shape.unit_days
            << ", changeover " << shape.changeover_days << ", window " << shape.batching_window_days
            << ") at " << calendar.now() << ": sku " << sku << " x " << units << " planned " << fast
            << ", replayed " << replay;
        first = out.str();
      }
    }
    return fast;
  };
  const auto any_sku = [&] { return static_cast<Index>(pick(static_cast<int>(shape.variants))); };
  const auto any_units = [&] { return pick(4) == 0 ? 0.5 + pick(20) * 0.25 : 1.0 + pick(5); };

  calendar.schedule_at(0.0, {EventKind::kCustomerArrival, false, 0, 0});
  int done = 0;
  calendar.run_until(1e9, [&](const Calendar::Event& e) {
    switch (e.payload.kind) {
      case EventKind::kProductionDone:
        (void)production.finish(e.payload.target, e.payload.line);
        if (pick(3) == 0) quote(any_sku(), any_units());  // between the finish and the start
        // Now and then the freed line stays idle until the factory's next change.
        if (pick(10) > 0) production.start_free_lines(e.payload.target);
        break;
      case EventKind::kBatchRelease:
        if (done < actions) production.release_batch(e.payload.target);
        break;
      default: {
        if (++done >= actions) return;
        const int what = pick(10);
        const Index sku = any_sku();
        const double units = any_units();
        if (what < 6) {
          // Other customers first, turned away: the plan keeps the step each was found at, which
          // the job joining next plans again when it is taken before them.
          const int before = mix.quotes_before > 0 ? pick(mix.quotes_before + 1) : 0;
          for (int i = 0; i < before; ++i) quote(any_sku(), any_units());
          const double planned = quote(sku, units);
          if (pick(4) == 0) quote(any_sku(), any_units());  // another customer, turned away
          if (what < 5) production.enqueue(0, Job{sku, units, customer++, planned});
        } else if (what < 8) {
          production.enqueue(0, Job{sku, units, kNoRecord});  // a stock job
        } else if (what < 9) {
          production.enqueue(0, Job{sku, units, customer++, -1});  // joins without a quote
        } else {
          for (int i = 0; i < 3; ++i) quote(any_sku(), any_units());
        }
        quote(any_sku(), any_units());
        // The next customer: at a random time, or at the time of the factory's next event.
        const double next =
            pick(5) == 0 && calendar.next_time() < 1e9
                ? calendar.next_time()
                : calendar.now() + gap * std::uniform_real_distribution<>(0, 2)(rng);
        calendar.schedule_at(next, {EventKind::kCustomerArrival, false, 0, 0});
      }
    }
  });
  return differ;
}

}  // namespace

TEST_CASE(
    "every quote equals the dispatch replayed from scratch, through random queues, batches, "
    "releases, starts and finishes",
    "[model][production]") {
  int quotes = 0, differ = 0;
  std::string first;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    std::string here;
    const int d = mismatches(seed, 300, Mix{}, here, quotes);
    if (d > 0 && differ == 0) first = here;
    differ += d;
  }
  INFO(first);
  CHECK(quotes > 100000);
  CHECK(differ == 0);
}

TEST_CASE(
    "every quote equals the dispatch replayed from scratch at factories of many variants and "
    "lines, whose jobs join the plan ahead of the steps other quotes were found at",
    "[model][production]") {
  // Many variants waiting at once, several of them claimed by lines; changeovers that make the
  // choice between a line's own variant and another matter; batches large enough that a job
  // joining early in the release order moves the steps of many quotes made before it.
  Mix mix;
  mix.lines = {2, 3, 4, 6};
  mix.variants = {8, 16, 40, 60};
  mix.changeover_days = {0.01, 0.1, 0.25};
  mix.batching_window_days = {0, 0.3, 1.0, 2.0};
  mix.utilisation = {0.5, 0.95, 1.5};
  mix.quotes_before = 8;
  int quotes = 0, differ = 0;
  std::string first;
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    std::string here;
    const int d = mismatches(seed, 400, mix, here, quotes);
    if (d > 0 && differ == 0) first = here;
    differ += d;
  }
  INFO(first);
  CHECK(quotes > 100000);
  CHECK(differ == 0);
}
