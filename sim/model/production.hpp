#pragma once
// The factories: parallel lines, each making one job at a time (q units take q x
// unit_production_days, plus changeover_days when the line's previous job was another variant);
// the queue of jobs in front of them, from which a free line takes the first job of the variant it
// is set up for, or else the first of a variant no line is set up for, or else the first; optional
// batching of make-to-order jobs, released every window sorted by variant; the delivery quoted to a
// make-to-order customer, planned by running that dispatch forward; and the factory's queueing
// measurements (busy time, jobs in system, waits, the replenishment time of stock jobs).

#include <algorithm>
#include <boost/container/flat_set.hpp>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/model/model_event.hpp"
#include "sim/model/object_pool.hpp"
#include "sim/model/ring_queue.hpp"
#include "sim/stats/running_moments.hpp"
#include "sim/stats/time_weighted_average.hpp"

namespace c2msim::model {

struct Job {
  Index sku = 0;
  double quantity = 0;
  std::uint32_t customer = kNoRecord;  // make-to-order: the customer it is for; else for stock
  double planned_done = -1;            // make-to-order: the completion plan() gave it; else -1
  double queued_at = 0;                // when it joined the factory's queue (or batch)
};

class Production {
 public:
  Production(const ArmPlan& plan, Calendar& calendar);

  // Schedules every batching factory's first release.
  void start();

  // When a make-to-order job of `units` of `sku` joining the factory now would be finished: the
  // lines' work in process, the wait for the next batch release (at a batching factory), and the
  // queued and batched jobs dispatched as the lines will take them, changeovers included. Jobs
  // that join later are not foreseen.
  [[nodiscard]] double plan(Index factory, Index sku, double units) const;
  // The same plan, replayed job by job from scratch: what plan() must equal bit for bit (its tests
  // compare the two after every kind of change to the factory).
  [[nodiscard]] double plan_by_replay(Index factory, Index sku, double units) const;
  // The completion quoted for a job planned to finish at `planned`, plus `transport_days`: the plan
  // plus the mean lateness against their plans of the factory's make-to-order jobs finished so
  // far, which is what later jobs overtaking cost on average.
  [[nodiscard]] double quote(Index factory, double planned, double transport_days) const {
    const stats::RunningMoments& lateness = factories_[factory].lateness;
    return planned + (lateness.count() > 0 ? lateness.mean() : 0.0) + transport_days;
  }

  // A job joins the factory's queue (or its batch, for a make-to-order job at a batching factory).
  void enqueue(Index factory, Job job);
  // The batch is released into the queue, sorted by variant; the next release is scheduled.
  void release_batch(Index factory);
  // Each free line takes the queue's first job of the variant it is set up for; or else the first
  // of a variant no line is set up for; or else the queue's first job.
  void start_free_lines(Index factory);
  // The line finished its job, which is returned; the line is free.
  Job finish(Index factory, Index line);

  // The end of the warm-up: measurements start now.
  void start_measuring(double now);

  [[nodiscard]] Index lines(Index factory) const {
    return static_cast<Index>(factories_[factory].lines.size());
  }
  // Busy time of every line (changeovers included) within the measured window ending at `end`.
  [[nodiscard]] double busy_days(Index factory, double end) const;
  [[nodiscard]] const stats::TimeWeightedAverage& jobs_in_system(Index factory) const {
    return factories_[factory].jobs_in_system;
  }
  [[nodiscard]] const stats::RunningMoments& job_waits(Index factory) const {
    return factories_[factory].job_waits;
  }
  // Changeovers the factory's lines have made since time 0.
  [[nodiscard]] std::uint64_t changeovers(Index factory) const {
    return factories_[factory].changeovers;
  }
  // The expected time from a stock (make-to-stock) job joining the factory to its units entering
  // stock, by Little's law on the replication so far: the area under the number of stock jobs in
  // the factory over [0, now] divided by the stock jobs that joined. Before the first one, the
  // time to make one unit.
  [[nodiscard]] double expected_stock_job_days(Index factory) const;
  // Make-to-order requests of customers who arrived in the measured window, in units: all that
  // reached the factory, and those turned away at the quote.
  void count_request(Index factory, double units, bool turned_away) {
    factories_[factory].requested_units += units;
    if (turned_away) factories_[factory].turned_away_units += units;
  }
  [[nodiscard]] double requested_units(Index factory) const {
    return factories_[factory].requested_units;
  }
  [[nodiscard]] double turned_away_units(Index factory) const {
    return factories_[factory].turned_away_units;
  }
  // Work in process (units on a line, from the end of its changeover to completion) over the
  // measured window, in value-days: at the factory's production cost, and at unit cost.
  [[nodiscard]] double wip_value_days(Index factory) const {
    return factories_[factory].wip_value_days;
  }
  [[nodiscard]] double wip_unit_cost_days() const { return wip_unit_cost_days_; }

 private:
  struct Line {
    bool busy = false;
    Index last_sku = kNone;
    std::uint32_t job = kNoRecord;
    double busy_until = 0;
    // The line's completions: a recurring timer of the calendar, armed when a job starts (a line
    // finishes one job at a time, and nothing cancels a job), so none takes a trip through the
    // heap.
    Calendar::TimerId done_timer = 0;
  };
  // plan()'s memory of one factory (see production.cpp): the dispatch planned over the jobs known
  // (without the one being quoted), kept while the factory does not change; each quote only looks
  // for the step at which its job would be taken.
  struct PlanCache {
    static constexpr std::uint64_t kNoKey = ~std::uint64_t{0};
    static constexpr std::size_t kNoStep = ~std::size_t{0};
    // Where a variant's next waiting job stands in the dispatch order: released jobs by their
    // queue position, before batched ones, which stand in variant order.
    static constexpr std::uint64_t kBatchKey = std::uint64_t{1} << 40;
    // A variant's waiting jobs: released ones (queue position, work days), then batched ones; how
    // many of each the plan has taken so far; the lines set up for it; its dispatch key (kNoKey
    // while none of its jobs waits), and the key `waiting` holds for it; the first step at which a
    // quoted job of the variant would be taken (or kNoStep), the steps already searched, and how
    // many of the plan's `cuts` these two have seen.
    struct Variant {
      std::vector<std::pair<std::size_t, double>> released;
      std::vector<double> batched;
      std::size_t released_taken = 0, batched_taken = 0;
      Index lines_set_up = 0;
      std::uint64_t key = kNoKey, indexed_key = kNoKey;
      std::size_t taken_at = kNoStep, searched = 0, cuts_seen = 0;
      bool touched = false, stale = false;
    };
    // One step of the plan, in the state before it: the line that frees first, whether its own
    // variant still waits, the first waiting job of a variant no line is set up for and the first
    // waiting job (by dispatch key), and what it took.
    struct Step {
      Index line = 0;
      bool own_waits = false, end = false, from_batch = false;
      std::uint64_t unclaimed = kNoKey, first = kNoKey;
      Index took = kNone;
      double done = 0;  // when the line finishes what it took
    };
    std::uint64_t version = kNoKey;    // the factory's version it was planned at
    double valid_until = 0;            // until when it holds: now only, while a line is idle
    double release = 0;                // the batch release it plans (now, without batching)
    bool before_release = true;        // whether the last step planned was before the release
    std::size_t begin = 0;             // the first step not yet made by the lines
    std::size_t batch_from = kNoStep;  // the first step after the release
    std::size_t released_left = 0;     // released jobs not yet taken by the steps planned
    std::uint64_t next_key = 0;        // the dispatch key of a job joining the queue
    std::vector<Variant> variants;     // by SKU
    std::vector<Index> touched;        // the variants to reset before the next plan
    // The first step each join_plan dropped, in order. A variant applies those it has not seen
    // when it is next looked at (catch_up), not every variant at every join: most are not quoted
    // again before the plan changes.
    std::vector<std::size_t> cuts;
    // The variants with a job waiting, as (dispatch key, variant), by key: a step's first waiting
    // job is the front, and the first of a variant no line is set up for is among the next few
    // (at most one per line is skipped), so a step costs O(lines) rather than a scan of every
    // variant. A sorted vector: it holds at most one entry per variant (its capacity is reserved
    // once, so no step allocates) and the walk from the front reads contiguous memory, where a
    // heap would give the front alone and a node-based set would allocate. It is brought up to
    // date only when a step looks at it (most steps take the line's own variant and do not):
    // `stale` lists the variants whose key changed since, once each, so a run of steps on one
    // variant costs one move. With few variants a scan of them is cheaper than keeping the index
    // (measured: keeping it cost quickstart's 6 variants and example-monitors' 12 about 2% of a
    // replication, and saved large-and-complete's 60 about 11%), so only a product of more than
    // kScanUpTo variants has one.
    static constexpr std::size_t kScanUpTo = 16;
    bool indexed = false;
    boost::container::flat_set<std::pair<std::uint64_t, Index>> waiting;
    std::vector<Index> stale;
    std::vector<std::pair<double, Index>> lines;       // at the end of the steps: (free at, set up)
    std::vector<Step> steps;                           // from when it was planned
    std::vector<std::pair<double, Index>> step_lines;  // the lines before each step

    Variant& touch(Index sku) {
      Variant& v = variants[sku];
      if (!v.touched) {
        v.touched = true;
        v.cuts_seen = cuts.size();
        touched.push_back(sku);
      }
      return v;
    }
    // The steps the variant found or searched that joins have dropped since it last looked.
    void catch_up(Variant& v) const {
      for (; v.cuts_seen < cuts.size(); ++v.cuts_seen) {
        const std::size_t cut = cuts[v.cuts_seen];
        if (v.taken_at != kNoStep && v.taken_at >= cut) v.taken_at = kNoStep;
        v.searched = std::min(v.searched, cut);
      }
    }
    // The variant's key after a change to its jobs taken or known, or to the phase (released
    // jobs only before the release, the batch too from it on).
    void rekey(Index sku) {
      if (!indexed) return;
      Variant& v = variants[sku];
      v.key = v.released_taken < v.released.size() ? v.released[v.released_taken].first
              : !before_release && v.batched_taken < v.batched.size() ? kBatchKey + sku
                                                                      : kNoKey;
      if (v.key != v.indexed_key && !v.stale) {
        v.stale = true;
        stale.push_back(sku);
      }
    }
    // `waiting` as the keys stand.
    void reindex() {
      for (const Index sku : stale) {
        Variant& v = variants[sku];
        v.stale = false;
        if (v.key == v.indexed_key) continue;
        if (v.indexed_key != kNoKey) waiting.erase({v.indexed_key, sku});
        if (v.key != kNoKey) waiting.insert({v.key, sku});
        v.indexed_key = v.key;
      }
      stale.clear();
    }
  };
  struct Factory {
    Index node = 0;
    std::uint64_t version = 0;  // bumped at every change to the lines, queue, batch or release
    mutable PlanCache cache;
    const FactorySpec* spec = nullptr;
    std::vector<Line> lines;
    // Released jobs in order of arrival (a released batch sorted by variant); kNoRecord marks a
    // job a line took out of turn.
    RingQueue<std::uint32_t> queue;
    std::vector<std::uint32_t> queued_of_sku;  // live jobs of each variant in `queue`
    std::vector<std::uint32_t> lines_on_sku;   // lines set up for each variant
    // Make-to-order jobs waiting for the next batch release, as (variant, job), kept in release
    // order: by variant, first come first served within one (each joins after its variant's last).
    std::vector<std::pair<Index, std::uint32_t>> batch;
    double next_release = 0;  // time of the next batch release
    std::uint64_t changeovers = 0;
    stats::RunningMoments lateness;  // finished make-to-order jobs: completion - planned_done
    // Stock jobs, for Little's law: how many are in the factory, since when, the area under that
    // count since time 0, and how many have joined.
    double stock_jobs = 0, stock_jobs_since = 0, stock_job_area = 0, stock_jobs_joined = 0;
    double busy_days = 0;  // measured busy time, all lines, booked when a job starts
    stats::TimeWeightedAverage jobs_in_system;  // queued (or batched) or on a line
    stats::RunningMoments job_waits;  // joining the queue to starting, of jobs queued measured
    double wip_value_days = 0;
    double requested_units = 0, turned_away_units = 0;
  };

  const ArmPlan& plan_;
  Calendar& calendar_;
  std::vector<Factory> factories_;
  ObjectPool<Job> jobs_;
  // Takes the job `line` should make next out of the queue, by the dispatch rule (the queue holds
  // a live job).
  std::uint32_t take_next(Factory& f, const Line& line);
  void count_stock_jobs(Factory& f, double now, double change);
  // Whether the factory's plan still holds; until when it holds, after a change that kept it.
  [[nodiscard]] bool planned(const Factory& f) const;
  void plan_holds_until(const Factory& f) const;
  // plan()'s steps: plans the factory afresh if it changed since; plans one more step; finds the
  // step at which a quoted job of `sku` would be taken.
  void replan(const Factory& f) const;
  void plan_step(const Factory& f) const;
  std::size_t step_taking(const Factory& f, Index sku) const;
  // A quoted job of `sku` joins the batch (or, released, the queue) the plan holds: the steps
  // before the one that would take it stay as they are (it changes no choice before), the rest
  // is planned again when needed.
  void join_plan(const Factory& f, Index sku, double work_days, bool released) const;

  // plan()'s scratch: the jobs it plans, which still wait, each variant's first waiting job and
  // the next of the same variant, the lines.
  struct PlannedJob {
    Index sku;
    double work_days;
  };
  static constexpr std::size_t kNoJob = ~std::size_t{0};
  mutable std::vector<PlannedJob> plan_jobs_;
  mutable std::vector<std::uint8_t> plan_waiting_;
  mutable std::vector<std::size_t> plan_head_of_sku_;         // all kNoJob between plans
  mutable std::vector<std::size_t> plan_next_;                // kNoJob: the variant's last
  mutable std::vector<std::pair<double, Index>> plan_lines_;  // (free at, set-up variant)
  double wip_unit_cost_days_ = 0;
};

}  // namespace c2msim::model
