// Production alone: one factory's lines, queue, changeovers, batches and quotes, driven through
// its calendar by hand, with the completions, quotes, busy time and waits worked out by hand.

#include <catch2/catch.hpp>
#include <cmath>
#include <ostream>
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

// A factory selling straight to a market, with three variants of one product.
ChainSpec factory_alone(Index lines, double unit_days, double changeover_days,
                        double batching_window_days = 0.0, double warmup_days = 0.0) {
  return lone_factory(
      {lines, 3, unit_days, changeover_days, batching_window_days, 100.0, warmup_days});
}

struct Done {
  double time;
  Index line;
  Index sku;
  double quantity;
  std::uint32_t customer;
  // Times are sums of a few durations: equal to within rounding.
  bool operator==(const Done& o) const {
    return std::fabs(time - o.time) < 1e-9 && line == o.line && sku == o.sku &&
           quantity == o.quantity && customer == o.customer;
  }
};

std::ostream& operator<<(std::ostream& out, const Done& d) {
  return out << "{done at " << d.time << " on line " << d.line << ": sku " << d.sku << " x "
             << d.quantity << " for " << d.customer << "}";
}

// The factory and its calendar; advance(t) plays the events up to t as a replication would: a
// finished job frees its line, which takes the next job; a batch release releases the batch.
struct Fixture {
  explicit Fixture(ChainSpec spec) : plan(std::move(spec)), production(plan, calendar) {}
  ArmPlan plan;
  Calendar calendar;
  Production production;
  std::vector<Done> done;
  std::vector<double> releases;

  void advance(double t) {
    calendar.run_until(t, [this](const Calendar::Event& e) {
      if (e.payload.kind == EventKind::kProductionDone) {
        const Job job = production.finish(e.payload.target, e.payload.line);
        done.push_back({e.time, e.payload.line, job.sku, job.quantity, job.customer});
        production.start_free_lines(e.payload.target);
      } else if (e.payload.kind == EventKind::kBatchRelease) {
        releases.push_back(e.time);
        production.release_batch(e.payload.target);
      }
    });
  }
  void enqueue(Index sku, double quantity, std::uint32_t customer = kNoRecord) {
    production.enqueue(0, Job{sku, quantity, customer});
  }
};

}  // namespace

TEST_CASE("a free line starts a job at once and takes quantity x unit time",
          "[model][production]") {
  Fixture f(factory_alone(1, 0.5, 0.25));
  f.enqueue(0, 2.0);
  f.advance(10.0);
  // 2 units x 0.5 days; the line's first job needs no changeover.
  CHECK(f.done == std::vector<Done>{{1.0, 0, 0, 2.0, kNoRecord}});
  CHECK(f.production.busy_days(0, 10.0) == Approx(1.0));
  CHECK(f.production.job_waits(0).mean() == 0.0);
}

TEST_CASE("a line changes over only when its next job is another variant", "[model][production]") {
  Fixture f(factory_alone(1, 0.5, 0.25));
  f.enqueue(0, 1.0);
  f.enqueue(1, 1.0);
  f.enqueue(1, 1.0);
  f.advance(10.0);
  // sku 0 on [0, 0.5); sku 1 after a changeover on [0.5, 1.25); sku 1 again on [1.25, 1.75).
  CHECK(f.done == std::vector<Done>{{0.5, 0, 0, 1.0, kNoRecord},
                                    {1.25, 0, 1, 1.0, kNoRecord},
                                    {1.75, 0, 1, 1.0, kNoRecord}});
  CHECK(f.production.busy_days(0, 10.0) == Approx(1.75));  // changeovers are busy time
  // Waits from joining the queue (all at 0) to a line taking the job: 0, 0.5, 1.25.
  CHECK(f.production.job_waits(0).count() == 3);
  CHECK(f.production.job_waits(0).mean() == Approx(1.75 / 3.0));
}

TEST_CASE("a free line of several takes the first queued job of its own variant before older ones",
          "[model][production]") {
  Fixture f(factory_alone(2, 0.5, 0.25));
  CHECK(f.production.lines(0) == 2);
  f.enqueue(0, 2.0);  // line 0: [0, 1), then set up for sku 0
  f.enqueue(1, 1.0);  // line 1: [0, 0.5), then set up for sku 1
  f.enqueue(0, 1.0);  // queued first
  f.enqueue(1, 3.0);  // queued second
  f.advance(10.0);
  // At 0.5 line 1 takes the sku-1 job queued second, with no changeover: [0.5, 2); at 1 line 0
  // takes the sku-0 job: [1, 1.5). First come first served would have changed over twice: line 1
  // on sku 0 [0.5, 1.25), line 0 on sku 1 [1, 2.75).
  CHECK(f.done == std::vector<Done>{{0.5, 1, 1, 1.0, kNoRecord},
                                    {1.0, 0, 0, 2.0, kNoRecord},
                                    {1.5, 0, 0, 1.0, kNoRecord},
                                    {2.0, 1, 1, 3.0, kNoRecord}});
  CHECK(f.production.changeovers(0) == 0);
  CHECK(f.production.busy_days(0, 10.0) == Approx(1.0 + 0.5 + 0.5 + 1.5));
  // Jobs in the system: 4 on [0, 0.5), 3 on [0.5, 1), 2 on [1, 1.5), 1 on [1.5, 2): 5 job-days
  // over 2 days.
  CHECK(f.production.jobs_in_system(0).average(2.0) == Approx(2.5));
}

TEST_CASE("a plan runs the queue forward through the lines' dispatch; the quote adds transport",
          "[model][production]") {
  Fixture f(factory_alone(2, 0.5, 0.25));
  f.enqueue(0, 2.0);  // line 0 until 1.0 (a line's first job has no changeover)
  f.enqueue(1, 2.0);  // line 1 until 1.0
  f.enqueue(0, 1.0);  // queued
  // 2 units of sku 2 at 0: both lines free at 1; line 0 (the lower on a tie) takes its own sku-0
  // job until 1.5; line 1, with no sku-1 job, takes sku 2, which no line is set up for: 1 +
  // changeover 0.25 + 2 x 0.5 = 2.25. No make-to-order job has finished: no lateness to add.
  const double planned = f.production.plan(0, 2, 2.0);
  CHECK(planned == Approx(2.25));
  CHECK(f.production.quote(0, planned, 3.0) == Approx(2.25 + 3.0));
  f.advance(1.0);
  // At 1: both jobs done; line 0 runs the queued sku-0 job until 1.5. 1 unit of sku 0: line 1
  // frees first (now), has no sku-1 job, and sku 0 is line 0's: it takes the first job, this one,
  // 1 + changeover 0.25 + 0.5 = 1.75.
  CHECK(f.done.size() == 2);
  CHECK(f.production.plan(0, 0, 1.0) == Approx(1.75));
  f.advance(10.0);
  CHECK(f.done.back() == Done{1.5, 0, 0, 1.0, kNoRecord});
}

TEST_CASE("an idle factory plans its own work on a line never set up, and quotes the transport",
          "[model][production]") {
  Fixture f(factory_alone(3, 0.2, 0.1));
  f.advance(4.0);
  // Now 4, 5 units x 0.2 days; a line's first job needs no changeover.
  const double planned = f.production.plan(0, 0, 5.0);
  CHECK(planned == Approx(4.0 + 1.0));
  CHECK(f.production.quote(0, planned, 1.5) == Approx(4.0 + 1.0 + 1.5));
}

TEST_CASE("make-to-order jobs wait for the batch release, then run sorted by variant",
          "[model][production]") {
  Fixture f(factory_alone(1, 0.1, 0.05, 1.0));
  f.production.start();  // the first release at 1.0
  f.advance(0.2);
  f.enqueue(2, 1.0, 7);
  f.advance(0.4);
  f.enqueue(0, 1.0, 8);
  f.advance(0.6);
  f.enqueue(2, 1.0, 9);
  f.advance(0.99);
  CHECK(f.done.empty());
  f.advance(1.5);
  // Released at 1.0: sku 0 (customer 8) on [1, 1.1), sku 2 (7) after a changeover on
  // [1.1, 1.25), sku 2 (9) on [1.25, 1.35): first come first served within a variant.
  CHECK(f.done ==
        std::vector<Done>{{1.1, 0, 0, 1.0, 8}, {1.25, 0, 2, 1.0, 7}, {1.35, 0, 2, 1.0, 9}});
  // Waits from joining the batch: 1.0 - 0.4, 1.1 - 0.2, 1.25 - 0.6.
  CHECK(f.production.job_waits(0).mean() == Approx((0.6 + 0.9 + 0.65) / 3.0));
  f.advance(2.5);
  CHECK(f.releases == std::vector<double>{1.0, 2.0});  // every window
}

TEST_CASE("a stock job at a batching factory does not wait for the batch", "[model][production]") {
  Fixture f(factory_alone(1, 0.1, 0.0, 1.0));
  f.production.start();
  f.advance(0.3);
  f.enqueue(1, 2.0);
  f.advance(0.9);
  CHECK(f.done == std::vector<Done>{{0.5, 0, 1, 2.0, kNoRecord}});
}

TEST_CASE("a factory without a batching window schedules no release", "[model][production]") {
  Fixture f(factory_alone(1, 0.1, 0.0));
  f.production.start();
  CHECK(f.calendar.pending_events() == 0);
}

TEST_CASE("busy time running past the end of the window is not counted", "[model][production]") {
  Fixture f(factory_alone(1, 1.0, 0.0));
  f.enqueue(0, 2.0);  // [0, 2)
  f.advance(1.5);
  CHECK(f.production.busy_days(0, 1.5) == Approx(1.5));
  f.advance(3.0);
  CHECK(f.production.busy_days(0, 3.0) == Approx(2.0));
}

TEST_CASE("the end of the warm-up keeps committed busy time and forgets earlier waits",
          "[model][production]") {
  Fixture f(factory_alone(1, 1.0, 0.0, 0.0, 1.0));
  f.enqueue(0, 2.0);  // [0, 2): one day of it after the warm-up
  f.advance(0.5);
  f.enqueue(0, 1.0);  // queued in the warm-up, starts at 2: its wait is not measured
  f.advance(1.0);
  f.production.start_measuring(1.0);
  f.advance(1.5);
  // Of the day the running job still had at 1, half has passed.
  CHECK(f.production.busy_days(0, 1.5) == Approx(0.5));
  f.enqueue(0, 1.0);  // queued at 1.5, starts at 3: waits 1.5
  f.advance(10.0);
  CHECK(f.production.busy_days(0, 10.0) == Approx(1.0 + 1.0 + 1.0));
  CHECK(f.production.job_waits(0).count() == 1);
  CHECK(f.production.job_waits(0).mean() == Approx(1.5));
  // Jobs in the system from 1: 2 on [1, 1.5), 3 on [1.5, 2), 2 on [2, 3), 1 on [3, 4): 5.5
  // job-days over the 3 days to 4.
  CHECK(f.production.jobs_in_system(0).average(4.0) == Approx(5.5 / 3.0));
}
