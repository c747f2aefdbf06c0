#pragma once
// The factories: parallel lines, each making one job at a time (q units take q x
// unit_production_days, plus changeover_days when the line's previous job was another variant);
// the queue of jobs in front of them, first come first served; optional batching of make-to-order
// jobs, released every window sorted by variant; the delivery quoted to a make-to-order customer;
// and the factory's queueing measurements (busy time, jobs in system, waits).

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
  double planned_days = 0;             // production time plus the changeover expected before it
  double queued_at = 0;                // when it joined the factory's queue (or batch)
};

class Production {
 public:
  Production(const ArmPlan& plan, Calendar& calendar);

  // Schedules every batching factory's first release.
  void start();

  // When a make-to-order job of `units` of `sku` joining the queue now would be delivered: the
  // queued work (with the changeovers a mixed queue needs) and the work in process spread over the
  // lines, plus this job with a changeover, plus `transport_days`.
  [[nodiscard]] double quote(Index factory, double units, double transport_days) const;

  // A job joins the factory's queue (or its batch, for a make-to-order job at a batching factory).
  void enqueue(Index factory, Job job);
  // The batch is released into the queue, sorted by variant; the next release is scheduled.
  void release_batch(Index factory);
  // Free lines take the next jobs of the queue.
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
  };
  struct Factory {
    Index node = 0;
    const FactorySpec* spec = nullptr;
    std::vector<Line> lines;
    RingQueue<std::uint32_t> queue;
    std::vector<std::uint32_t> batch;  // make-to-order jobs waiting for the next batch release
    double queued_work_days = 0;       // planned time of the queued jobs, changeovers included
    Index last_queued_sku = kNone;
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
  std::vector<std::pair<Index, std::uint32_t>> batch_keys_;  // release_batch's sort buffer
  double wip_unit_cost_days_ = 0;
};

}  // namespace c2msim::model
