#include "sim/model/production.hpp"

#include <algorithm>
#include <limits>

namespace c2msim::model {

Production::Production(const ArmPlan& plan, Calendar& calendar) : plan_(plan), calendar_(calendar) {
  factories_.reserve(plan.factory_count());
  for (Index fi = 0; fi < plan.factory_count(); ++fi) {
    Factory f;
    f.node = plan.factory_node(fi);
    f.spec = &*plan.node(f.node).factory;
    f.lines.resize(std::max<Index>(1, f.spec->lines));
    for (Index l = 0; l < f.lines.size(); ++l) {
      f.lines[l].done_timer = calendar_.add_timer({EventKind::kProductionDone, false, fi, l});
    }
    f.queued_of_sku.assign(plan.sku_count(), 0);
    f.lines_on_sku.assign(plan.sku_count(), 0);
    factories_.push_back(std::move(f));
  }
  plan_head_of_sku_.assign(plan.sku_count(), kNoJob);
}

void Production::start() {
  for (Index fi = 0; fi < factories_.size(); ++fi) {
    Factory& f = factories_[fi];
    if (f.spec->batching_window_days > 0) {
      f.next_release = f.spec->batching_window_days;
      calendar_.schedule_at(f.next_release, {EventKind::kBatchRelease, false, fi, 0});
    }
  }
}

namespace {

// Where a job of `sku` joins a batch kept in release order: after the last of its variant.
auto batch_place(const std::vector<std::pair<Index, std::uint32_t>>& batch, Index sku) {
  return std::upper_bound(batch.begin(), batch.end(), sku,
                          [](Index s, const auto& entry) { return s < entry.first; });
}

}  // namespace

namespace {

// The dispatch rule, over the jobs at positions [begin, end) of which live(i) says which still
// wait: the first job of the line's own variant (at `own_at`, or end when none waits), or else the
// first of a variant no line is set up for (unclaimed(sku); so that lines do not follow one
// another through the same variants), or else the first. Returns end when none waits. Every pick
// is thus the first waiting job of its variant, which lets plan() find the own variant's job in
// constant time.
template <class Live, class SkuOf, class Unclaimed>
std::size_t choose_job(std::size_t begin, std::size_t end, std::size_t own_at, Live live,
                       SkuOf sku_of, Unclaimed unclaimed) {
  if (own_at < end) return own_at;
  std::size_t first = end;
  for (std::size_t i = begin; i < end; ++i) {
    if (!live(i)) continue;
    if (first == end) first = i;
    if (unclaimed(sku_of(i))) return i;
  }
  return first;
}

}  // namespace

// plan() plans the dispatch of the jobs known without the quoted job J (of variant v, joining the
// batch after its variant's last job, or the queue's end without batching): that plan is the one
// with J until the step at which J is taken, since J changes no other choice (a line set up for
// another variant with a job waiting takes that job; the first job of an unclaimed variant, or the
// first job, is J or another one before it). So a quote looks for the first step at which J would
// be taken, from what each step recorded, and the plan is kept until the factory changes: the
// lines, the queue or the release time (a job joining the batch keeps the steps before the one
// that would have taken it). The part before the release is planned at once; the steps from the
// release on only as far as a quote needs them.

bool Production::planned(const Factory& f) const {
  return f.cache.version == f.version && calendar_.now() <= f.cache.valid_until;
}

void Production::plan_holds_until(const Factory& f) const {
  // An idle line is free now, which moves on; that does not matter while the queue is empty and
  // every line waits for the batch release anyway.
  PlanCache& c = f.cache;
  const double now = calendar_.now();
  const bool idle =
      std::any_of(f.lines.begin(), f.lines.end(), [](const Line& l) { return !l.busy; });
  const bool waits = f.spec->batching_window_days > 0 && f.queue.empty() && now <= f.next_release;
  c.valid_until = !idle ? std::numeric_limits<double>::infinity() : waits ? f.next_release : now;
}

void Production::replan(const Factory& f) const {
  if (planned(f)) return;
  PlanCache& c = f.cache;
  const double now = calendar_.now();
  if (c.variants.empty()) {
    c.variants.resize(plan_.sku_count());
    c.indexed = plan_.sku_count() > PlanCache::kScanUpTo;
    if (c.indexed) c.waiting.reserve(plan_.sku_count());
  }
  for (const Index s : c.touched) {
    PlanCache::Variant& v = c.variants[s];
    v.released.clear();
    v.batched.clear();
    v.released_taken = v.batched_taken = 0;
    v.lines_set_up = 0;
    v.key = v.indexed_key = PlanCache::kNoKey;
    v.stale = false;
    v.taken_at = PlanCache::kNoStep;
    v.searched = v.cuts_seen = 0;
    v.touched = false;
  }
  c.touched.clear();
  c.cuts.clear();
  c.waiting.clear();
  c.stale.clear();
  c.version = f.version;
  c.steps.clear();
  c.step_lines.clear();
  c.begin = 0;
  c.batch_from = PlanCache::kNoStep;
  c.before_release = true;
  c.release = f.spec->batching_window_days > 0 ? f.next_release : now;
  const double unit_days = f.spec->unit_production_days;
  c.released_left = 0;
  for (std::size_t i = 0; i < f.queue.size(); ++i) {
    const std::uint32_t id = f.queue[i];
    if (id == kNoRecord) continue;
    c.touch(jobs_[id].sku).released.push_back({i, jobs_[id].quantity * unit_days});
    ++c.released_left;
  }
  c.next_key = f.queue.size();
  for (const auto& [sku, id] : f.batch)
    c.touch(sku).batched.push_back(jobs_[id].quantity * unit_days);
  c.lines.clear();
  for (const Line& line : f.lines) {
    c.lines.push_back({line.busy ? line.busy_until : now, line.last_sku});
    if (line.last_sku != kNone) ++c.touch(line.last_sku).lines_set_up;
  }
  for (const Index s : c.touched) c.rekey(s);
  plan_holds_until(f);
}

void Production::plan_step(const Factory& f) const {
  PlanCache& c = f.cache;
  const auto first_free = [&c] {
    return std::min_element(c.lines.begin(), c.lines.end(),
                            [](const auto& a, const auto& b) { return a.first < b.first; });
  };
  auto line = first_free();
  if (c.before_release && (line->first >= c.release || c.released_left == 0)) {
    // The batch is released: with nothing released left, every line waits for it.
    if (line->first < c.release) {
      for (auto& l : c.lines) l.first = std::max(l.first, c.release);
      line = first_free();
    }
    c.before_release = false;
    c.batch_from = c.steps.size();
    for (const Index s : c.touched) c.rekey(s);  // the batched jobs wait from now on
  }
  c.step_lines.insert(c.step_lines.end(), c.lines.begin(), c.lines.end());
  PlanCache::Step step;
  step.line = static_cast<Index>(line - c.lines.begin());
  auto& [free_at, set_up] = *line;
  const bool batch = !c.before_release;
  const auto waits = [batch](const PlanCache::Variant& v) {
    return v.released_taken < v.released.size() || (batch && v.batched_taken < v.batched.size());
  };
  Index took = kNone;
  if (set_up != kNone && waits(c.variants[set_up])) {
    step.own_waits = true;
    took = set_up;
  } else if (!c.indexed) {
    // The first waiting job, and the first of a variant no line is set up for.
    Index first_sku = kNone, unclaimed_sku = kNone;
    for (const Index s : c.touched) {
      const PlanCache::Variant& v = c.variants[s];
      if (!waits(v)) continue;
      const std::uint64_t key = v.released_taken < v.released.size()
                                    ? v.released[v.released_taken].first
                                    : PlanCache::kBatchKey + s;
      if (key < step.first) step.first = key, first_sku = s;
      if (v.lines_set_up == 0 && key < step.unclaimed) step.unclaimed = key, unclaimed_sku = s;
    }
    took = unclaimed_sku != kNone ? unclaimed_sku : first_sku;
  } else {
    // The same from the index: the walk passes at most one variant per line before it finds one
    // no line is set up for.
    c.reindex();
    for (const auto& [key, s] : c.waiting) {
      if (took == kNone) {
        step.first = key;
        took = s;
      }
      if (c.variants[s].lines_set_up == 0) {
        step.unclaimed = key;
        took = s;
        break;
      }
    }
  }
  if (took == kNone) {
    step.end = true;  // every known job is taken: a quoted job is next
    c.steps.push_back(step);
    return;
  }
  PlanCache::Variant& v = c.variants[took];
  step.took = took;
  step.from_batch = v.released_taken == v.released.size();
  double work = 0;
  if (step.from_batch) {
    work = v.batched[v.batched_taken++];
  } else {
    work = v.released[v.released_taken++].second;
    --c.released_left;
  }
  c.rekey(took);
  const bool changes_over = set_up != kNone && set_up != took;
  free_at += (changes_over ? f.spec->changeover_days : 0.0) + work;
  step.done = free_at;
  if (set_up != kNone) --c.variants[set_up].lines_set_up;
  ++v.lines_set_up;
  set_up = took;
  c.steps.push_back(step);
}

std::size_t Production::step_taking(const Factory& f, Index sku) const {
  PlanCache& c = f.cache;
  while (c.before_release) plan_step(f);
  PlanCache::Variant& v = c.touch(sku);
  c.catch_up(v);
  if (v.taken_at != PlanCache::kNoStep && v.taken_at >= c.begin) return v.taken_at;
  const std::size_t lines = c.lines.size();
  // A quoted job of `sku` stands after every released job and every batched one of a variant up to
  // its own: is a job standing at `key` behind it?
  const auto behind = [sku](std::uint64_t key) {
    return key == PlanCache::kNoKey ||
           (key >= PlanCache::kBatchKey && key - PlanCache::kBatchKey > sku);
  };
  for (std::size_t k = std::max({v.searched, c.begin, c.batch_from});; ++k) {
    if (k == c.steps.size()) plan_step(f);
    const PlanCache::Step& step = c.steps[k];
    const auto* at = &c.step_lines[k * lines];
    const Index set_up = at[step.line].second;
    bool takes = false;
    if (step.end || set_up == sku) {
      takes = !step.own_waits;
    } else if (!step.own_waits) {
      const bool claimed =
          std::any_of(at, at + lines, [sku](const auto& line) { return line.second == sku; });
      takes = claimed ? step.unclaimed == PlanCache::kNoKey && behind(step.first)
                      : behind(step.unclaimed);
    }
    if (takes) {
      v.taken_at = v.searched = k;
      return k;
    }
  }
}

void Production::join_plan(const Factory& f, Index sku, double work_days, bool released) const {
  PlanCache& c = f.cache;
  if (c.variants.empty()) return;
  PlanCache::Variant& joining = c.variants[sku];
  if (!joining.touched) return;  // not quoted: planned afresh when needed
  c.catch_up(joining);
  const std::size_t k = joining.taken_at;
  if (k == PlanCache::kNoStep || k < c.begin) return;
  // Undo the steps from the one that takes the new job on.
  for (std::size_t i = c.steps.size(); i > k; --i) {
    const PlanCache::Step& step = c.steps[i - 1];
    if (step.end) continue;
    PlanCache::Variant& took = c.variants[step.took];
    if (step.from_batch) {
      --took.batched_taken;
    } else {
      --took.released_taken;
      ++c.released_left;
    }
    c.rekey(step.took);
  }
  for (const auto& line : c.lines) {
    if (line.second != kNone) --c.variants[line.second].lines_set_up;
  }
  const std::size_t lines = c.lines.size();
  c.lines.assign(c.step_lines.begin() + static_cast<std::ptrdiff_t>(k * lines),
                 c.step_lines.begin() + static_cast<std::ptrdiff_t>((k + 1) * lines));
  for (const auto& line : c.lines) {
    if (line.second != kNone) ++c.variants[line.second].lines_set_up;
  }
  c.steps.resize(k);
  c.step_lines.resize(k * lines);
  c.cuts.push_back(k);
  if (released) {
    c.variants[sku].released.push_back({c.next_key++, work_days});
    ++c.released_left;
  } else {
    c.variants[sku].batched.push_back(work_days);
  }
  c.rekey(sku);
  c.version = f.version;
}

double Production::plan(Index factory, Index sku, double units) const {
  const Factory& f = factories_[factory];
  replan(f);
  const std::size_t k = step_taking(f, sku);
  const PlanCache& c = f.cache;
  const auto& [free_at, set_up] = c.step_lines[k * c.lines.size() + c.steps[k].line];
  const bool changes_over = set_up != kNone && set_up != sku;
  return free_at +
         ((changes_over ? f.spec->changeover_days : 0.0) + units * f.spec->unit_production_days);
}

double Production::plan_by_replay(Index factory, Index sku, double units) const {
  const Factory& f = factories_[factory];
  const double now = calendar_.now();
  const double unit_days = f.spec->unit_production_days;
  // Plan the dispatch forward, as start_free_lines will run it, over the jobs known now: the
  // released queue, then (at the next release) the batch with this job in its sorted place.
  plan_lines_.clear();
  for (const Line& line : f.lines) {
    plan_lines_.push_back({line.busy ? line.busy_until : now, line.last_sku});
  }
  plan_jobs_.clear();
  for (std::size_t i = 0; i < f.queue.size(); ++i) {
    const std::uint32_t id = f.queue[i];
    if (id != kNoRecord) plan_jobs_.push_back({jobs_[id].sku, jobs_[id].quantity * unit_days});
  }
  const std::size_t released = plan_jobs_.size();
  const bool batching = f.spec->batching_window_days > 0;
  std::size_t own = released;
  if (batching) {
    const auto place = batch_place(f.batch, sku);
    for (auto it = f.batch.begin(); it != f.batch.end(); ++it) {
      if (it == place) {
        own = plan_jobs_.size();
        plan_jobs_.push_back({sku, units * unit_days});
      }
      plan_jobs_.push_back({it->first, jobs_[it->second].quantity * unit_days});
    }
    if (place == f.batch.end()) {
      own = plan_jobs_.size();
      plan_jobs_.push_back({sku, units * unit_days});
    }
  } else {
    plan_jobs_.push_back({sku, units * unit_days});
  }
  // Each variant's waiting jobs in planned order, as a list threaded through plan_next_: its head
  // is the job a line set up for the variant takes next.
  plan_waiting_.assign(plan_jobs_.size(), 1);
  plan_next_.resize(plan_jobs_.size());
  for (std::size_t i = plan_jobs_.size(); i > 0; --i) {
    std::size_t& head = plan_head_of_sku_[plan_jobs_[i - 1].sku];
    plan_next_[i - 1] = head;
    head = i - 1;
  }
  const auto unclaimed = [&](Index s) {
    return std::none_of(plan_lines_.begin(), plan_lines_.end(),
                        [s](const auto& line) { return line.second == s; });
  };
  double done = now;
  const double release = batching ? f.next_release : now;
  std::size_t front = 0;
  for (;;) {
    // The line that frees first (the lowest-numbered on a tie, as start_free_lines takes them).
    auto& [free_at, set_up] =
        *std::min_element(plan_lines_.begin(), plan_lines_.end(),
                          [](const auto& a, const auto& b) { return a.first < b.first; });
    while (plan_waiting_[front] == 0) ++front;
    const std::size_t available = free_at >= release ? plan_jobs_.size() : released;
    if (front >= available) {
      // Nothing released yet: every line waits for the batch.
      for (auto& line : plan_lines_) line.first = std::max(line.first, release);
      continue;
    }
    const std::size_t own_at = set_up != kNone ? plan_head_of_sku_[set_up] : kNoJob;
    const std::size_t pick = choose_job(
        front, available, own_at, [&](std::size_t i) { return plan_waiting_[i] != 0; },
        [&](std::size_t i) { return plan_jobs_[i].sku; }, unclaimed);
    const PlannedJob& job = plan_jobs_[pick];
    plan_waiting_[pick] = 0;
    plan_head_of_sku_[job.sku] = plan_next_[pick];  // the pick was its variant's head
    const bool changes_over = set_up != kNone && set_up != job.sku;
    free_at += (changes_over ? f.spec->changeover_days : 0.0) + job.work_days;
    set_up = job.sku;
    if (pick == own) {
      done = free_at;
      break;
    }
  }
  for (const PlannedJob& job : plan_jobs_) plan_head_of_sku_[job.sku] = kNoJob;
  return done;
}

void Production::count_stock_jobs(Factory& f, double now, double change) {
  f.stock_job_area += f.stock_jobs * (now - f.stock_jobs_since);
  f.stock_jobs_since = now;
  f.stock_jobs += change;
}

double Production::expected_stock_job_days(Index factory) const {
  const Factory& f = factories_[factory];
  if (f.stock_jobs_joined == 0) return f.spec->unit_production_days;
  const double area = f.stock_job_area + f.stock_jobs * (calendar_.now() - f.stock_jobs_since);
  return area / f.stock_jobs_joined;
}

void Production::enqueue(Index factory, Job job) {
  Factory& f = factories_[factory];
  const double now = calendar_.now();
  job.queued_at = now;
  f.jobs_in_system.add(now, 1.0);
  if (job.customer == kNoRecord) {
    count_stock_jobs(f, now, 1.0);
    f.stock_jobs_joined += 1;
  }
  const std::uint32_t id = jobs_.add(job);
  // A customer's job joining the factory just after its quote keeps the plan up to its step.
  const bool was_planned = planned(f);
  ++f.version;
  const double work = job.quantity * f.spec->unit_production_days;
  if (f.spec->batching_window_days > 0 && job.customer != kNoRecord) {
    f.batch.insert(batch_place(f.batch, job.sku), {job.sku, id});
    if (was_planned) join_plan(f, job.sku, work, false);
    return;
  }
  if (was_planned && job.customer != kNoRecord) join_plan(f, job.sku, work, true);
  f.queue.push_back(id);
  ++f.queued_of_sku[job.sku];
  start_free_lines(factory);
}

void Production::release_batch(Index factory) {
  Factory& f = factories_[factory];
  ++f.version;
  for (const auto& [sku, id] : f.batch) {
    f.queue.push_back(id);
    ++f.queued_of_sku[sku];
  }
  f.batch.clear();
  f.next_release = calendar_.now() + f.spec->batching_window_days;
  start_free_lines(factory);
  calendar_.schedule_at(f.next_release, {EventKind::kBatchRelease, false, factory, 0});
}

std::uint32_t Production::take_next(Factory& f, const Line& line) {
  const auto live = [&](std::size_t i) { return f.queue[i] != kNoRecord; };
  const auto sku_of = [&](std::size_t i) { return jobs_[f.queue[i]].sku; };
  std::size_t own_at = f.queue.size();
  if (line.last_sku != kNone && f.queued_of_sku[line.last_sku] > 0) {
    own_at = 0;
    while (!live(own_at) || sku_of(own_at) != line.last_sku) ++own_at;
  }
  const std::size_t pick = choose_job(0, f.queue.size(), own_at, live, sku_of,
                                      [&](Index s) { return f.lines_on_sku[s] == 0; });
  std::uint32_t id = kNoRecord;
  std::swap(id, f.queue[pick]);  // a job taken out of turn leaves a hole
  --f.queued_of_sku[jobs_[id].sku];
  // The front is always a live job (or the queue is empty).
  while (!f.queue.empty() && f.queue.front() == kNoRecord) f.queue.pop_front();
  return id;
}

void Production::start_free_lines(Index factory) {
  Factory& f = factories_[factory];
  const double now = calendar_.now();
  for (Index l = 0; l < f.lines.size() && !f.queue.empty(); ++l) {
    Line& line = f.lines[l];
    if (line.busy) continue;
    const bool was_planned = planned(f);
    ++f.version;
    const std::uint32_t id = take_next(f, line);
    const Job& job = jobs_[id];
    const double work = job.quantity * f.spec->unit_production_days;
    if (job.queued_at >= plan_.spec().warmup_days) f.job_waits.add(now - job.queued_at);
    const bool changes_over = line.last_sku != kNone && line.last_sku != job.sku;
    const double setup = changes_over ? f.spec->changeover_days : 0.0;
    if (changes_over) ++f.changeovers;
    if (line.last_sku != kNone) --f.lines_on_sku[line.last_sku];
    ++f.lines_on_sku[job.sku];
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
    calendar_.arm_timer(line.done_timer, line.busy_until);
    // The plan's next step, made: the plan goes on from the one after.
    if (was_planned) {
      PlanCache& c = f.cache;
      if (c.begin == c.steps.size()) plan_step(f);
      const PlanCache::Step& step = c.steps[c.begin];
      if (!step.end && step.line == l && step.took == job.sku && !step.from_batch &&
          step.done == line.busy_until) {
        ++c.begin;
        c.version = f.version;
      }
    }
  }
  if (planned(f)) plan_holds_until(f);
}

Job Production::finish(Index factory, Index line_index) {
  Factory& f = factories_[factory];
  Line& line = f.lines[line_index];
  // Freed when the plan had it free: the plan holds while the time does not move on.
  const bool keeps_plan = planned(f) && line.busy_until == calendar_.now();
  ++f.version;
  const Job job = jobs_[line.job];
  jobs_.release(line.job);
  f.jobs_in_system.add(calendar_.now(), -1.0);
  if (job.customer == kNoRecord) count_stock_jobs(f, calendar_.now(), -1.0);
  if (job.planned_done >= 0) f.lateness.add(calendar_.now() - job.planned_done);
  line.busy = false;
  line.job = kNoRecord;
  if (keeps_plan) {
    f.cache.version = f.version;
    plan_holds_until(f);
  }
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
