#include "sim/montecarlo/experiment.hpp"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace c2msim::montecarlo {
namespace {

// Held while tasks are created and taken first by each task: the closure a task runs is written
// by the creating thread and read by a worker after a hand-off inside oneTBB's (uninstrumented)
// library, which ThreadSanitizer cannot see; this lock makes the order visible to it.
std::mutex g_task_handoff;

}  // namespace

unsigned thread_count(unsigned requested) {
  return requested > 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

// Workers (oneTBB tasks, one per thread) take replication numbers from an atomic counter, run
// every arm, and hand the results to a reorder buffer that delivers them in replication order.
// A worker more than a window ahead of the oldest undelivered replication waits, so memory does
// not grow with the replication count. Every hand-off between threads goes through the atomic
// counter or the mutex, which ThreadSanitizer can see (oneTBB's own library is not instrumented,
// so hand-offs inside it, as in tbb::parallel_pipeline, look like races to it).
std::uint64_t run_experiment(const std::vector<ArmChain>& arms, const ExperimentOptions& options,
                             const BatchConsumer& consume) {
  const unsigned threads = thread_count(options.threads);
  const std::uint64_t window = kReorderWindowPerThread * threads;
  if (options.progress) options.progress(0, options.replications);

  std::mutex mutex;
  std::condition_variable advanced;
  std::atomic<std::uint64_t> next_ticket{0};
  std::uint64_t next_to_deliver = 0;  // guarded by mutex, as are the rest
  std::map<std::uint64_t, ReplicationBatch> ready;
  std::uint64_t events = 0;
  std::exception_ptr failure;
  // What depends only on the arm is compiled once, here, and shared by every replication.
  std::vector<model::ArmPlan> plans;
  plans.reserve(arms.size());
  for (const ArmChain& arm : arms) plans.emplace_back(arm.chain);

  auto worker = [&] {
    { const std::lock_guard<std::mutex> start(g_task_handoff); }  // before touching the closure
    for (;;) {
      const std::uint64_t ticket = next_ticket.fetch_add(1);
      if (ticket >= options.replications) return;
      {
        std::unique_lock<std::mutex> lock(mutex);
        advanced.wait(lock, [&] { return failure || ticket < next_to_deliver + window; });
        if (failure) return;
      }
      ReplicationBatch batch;
      batch.replication = options.first_replication + ticket;
      try {
        batch.arms.reserve(arms.size());
        const bool record = batch.replication < options.timeseries_replications;
        if (record) batch.timeseries.resize(arms.size());
        for (std::size_t a = 0; a < arms.size(); ++a) {
          model::DailyObserver observer;
          if (record) {
            observer = [&days = batch.timeseries[a]](const model::DailySnapshot& s) {
              days.push_back(s);
            };
          }
          batch.arms.push_back(
              model::run_replication(plans[a], options.seed, batch.replication, observer));
        }
      } catch (...) {
        const std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
        advanced.notify_all();
        return;
      }
      const std::lock_guard<std::mutex> lock(mutex);
      ready.emplace(ticket, std::move(batch));
      try {
        for (auto it = ready.find(next_to_deliver); it != ready.end() && !failure;
             it = ready.find(next_to_deliver)) {
          for (const auto& r : it->second.arms) events += r.events_processed;
          consume(std::move(it->second));
          ready.erase(it);
          ++next_to_deliver;
          if (options.progress) options.progress(next_to_deliver, options.replications);
        }
      } catch (...) {
        if (!failure) failure = std::current_exception();
      }
      advanced.notify_all();
    }
  };

  { const std::lock_guard<std::mutex> prepared(mutex); }
  // Honour the thread count asked for, even beyond the cores (oneTBB otherwise caps it there).
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, threads);
  tbb::task_arena arena(static_cast<int>(threads));
  arena.execute([&] {
    tbb::task_group group;
    {
      // Workers wait for this lock before they read their closure (see g_task_handoff).
      const std::lock_guard<std::mutex> creating(g_task_handoff);
      for (unsigned t = 0; t < threads; ++t) group.run(worker);
    }
    group.wait();
  });
  const std::lock_guard<std::mutex> finished(mutex);
  if (failure) std::rethrow_exception(failure);
  return events;
}

}  // namespace c2msim::montecarlo
