#include "sim/model/production.hpp"

#include <algorithm>

namespace c2msim::model {

Production::Production(const ArmPlan& plan, Calendar& calendar) : plan_(plan), calendar_(calendar) {
  factories_.reserve(plan.factory_count());
  for (Index fi = 0; fi < plan.factory_count(); ++fi) {
    Factory f;
    f.node = plan.factory_node(fi);
    f.spec = &*plan.node(f.node).factory;
    f.lines.resize(std::max<Index>(1, f.spec->lines));
    factories_.push_back(std::move(f));
  }
}

void Production::start() {
  for (Index fi = 0; fi < factories_.size(); ++fi) {
    if (factories_[fi].spec->batching_window_days > 0) {
      calendar_.schedule_at(factories_[fi].spec->batching_window_days,
                            {EventKind::kBatchRelease, false, fi, 0});
    }
  }
}

double Production::quote(Index factory, double units, double transport_days) const {
  const Factory& f = factories_[factory];
  const double now = calendar_.now();
  double in_process = 0;
  for (const Line& line : f.lines) in_process += line.busy ? line.busy_until - now : 0.0;
  const double own_work = units * f.spec->unit_production_days + f.spec->changeover_days;
  return now + (f.queued_work_days + in_process) / static_cast<double>(f.lines.size()) + own_work +
         transport_days;
}

void Production::enqueue(Index factory, Job job) {
  Factory& f = factories_[factory];
  // Plan a changeover whenever the job follows one of another variant in the queue, so that
  // make-to-order quotes see the setups a long queue of mixed variants will need.
  job.planned_days =
      job.quantity * f.spec->unit_production_days +
      (f.last_queued_sku != kNone && f.last_queued_sku != job.sku ? f.spec->changeover_days : 0.0);
  f.last_queued_sku = job.sku;
  job.queued_at = calendar_.now();
  f.jobs_in_system.add(calendar_.now(), 1.0);
  const std::uint32_t id = jobs_.add(job);
  f.queued_work_days += job.planned_days;
  if (f.spec->batching_window_days > 0 && job.customer != kNoRecord) {
    f.batch.push_back(id);
    return;
  }
  f.queue.push_back(id);
  start_free_lines(factory);
}

void Production::release_batch(Index factory) {
  Factory& f = factories_[factory];
  // Variant-sorted, so that a batch changes over once per variant; first come first served
  // within a variant. Sorting (variant, position) keys in a reused buffer keeps the order of
  // std::stable_sort without its temporary buffer, which would allocate at every release.
  batch_keys_.clear();
  for (std::uint32_t i = 0; i < f.batch.size(); ++i)
    batch_keys_.push_back({jobs_[f.batch[i]].sku, i});
  std::sort(batch_keys_.begin(), batch_keys_.end());
  for (const auto& [sku, position] : batch_keys_) f.queue.push_back(f.batch[position]);
  f.batch.clear();
  start_free_lines(factory);
  calendar_.schedule_in(f.spec->batching_window_days,
                        {EventKind::kBatchRelease, false, factory, 0});
}

void Production::start_free_lines(Index factory) {
  Factory& f = factories_[factory];
  const double now = calendar_.now();
  for (Index l = 0; l < f.lines.size() && !f.queue.empty(); ++l) {
    Line& line = f.lines[l];
    if (line.busy) continue;
    const std::uint32_t id = f.queue.front();
    f.queue.pop_front();
    const Job& job = jobs_[id];
    const double work = job.quantity * f.spec->unit_production_days;
    f.queued_work_days -= job.planned_days;
    if (job.queued_at >= plan_.spec().warmup_days) f.job_waits.add(now - job.queued_at);
    const double setup =
        line.last_sku != kNone && line.last_sku != job.sku ? f.spec->changeover_days : 0.0;
    line.busy = true;
    line.job = id;
    line.last_sku = job.sku;
    line.busy_until = now + setup + work;
    f.busy_days += setup + work;
    // Work in process, in the measured window: the units on the line while it makes them.
    const double window = measured_overlap(plan_.spec(), now + setup, line.busy_until);
    const Index product = plan_.product_of(job.sku);
    f.wip_value_days += job.quantity * plan_.purchase_cost(f.node, product) * window;
    wip_unit_cost_days_ += job.quantity * plan_.product(product).unit_cost * window;
    calendar_.schedule_at(line.busy_until, {EventKind::kProductionDone, false, factory, l});
  }
}

Job Production::finish(Index factory, Index line_index) {
  Factory& f = factories_[factory];
  Line& line = f.lines[line_index];
  const Job job = jobs_[line.job];
  jobs_.release(line.job);
  f.jobs_in_system.add(calendar_.now(), -1.0);
  line.busy = false;
  line.job = kNoRecord;
  return job;
}

void Production::start_measuring(double now) {
  for (Factory& f : factories_) {
    // Busy time already committed past the warm-up belongs to the measured period.
    double committed = 0;
    for (const Line& line : f.lines) committed += line.busy ? line.busy_until - now : 0.0;
    f.busy_days = committed;
    f.jobs_in_system.restart(now);
    f.job_waits = stats::RunningMoments{};
  }
}

double Production::busy_days(Index factory, double end) const {
  const Factory& f = factories_[factory];
  // Busy time is booked when a job starts; what runs past the horizon is not in the window.
  double busy = f.busy_days;
  for (const Line& line : f.lines) busy -= line.busy ? std::max(0.0, line.busy_until - end) : 0.0;
  return busy;
}

}  // namespace c2msim::model
