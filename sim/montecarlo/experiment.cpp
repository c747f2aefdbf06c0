#include "sim/montecarlo/experiment.hpp"

#include <fmt/core.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace c2msim::montecarlo {
namespace {

// A one-line progress bar on stderr: done, rate and time left.
class ProgressBar {
 public:
  ProgressBar(bool enabled, std::uint64_t total)
      : enabled_(enabled), total_(total), start_(std::chrono::steady_clock::now()) {}

  void update(std::uint64_t done) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    const double left = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
    constexpr int kWidth = 30;
    const auto filled =
        static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total_));
    fmt::print(stderr, "\r[{:<{}}] {}/{} replications  {:.1f}/s  ETA {:.0f} s ",
               std::string(static_cast<std::size_t>(filled), '#'), kWidth, done, total_, rate,
               left);
    if (done == total_) fmt::print(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  std::uint64_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

std::uint64_t run_experiment(const std::vector<ArmChain>& arms, const ExperimentOptions& options,
                             const BatchConsumer& consume) {
  const unsigned threads =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  ProgressBar progress(options.show_progress, options.replications);
  std::uint64_t next = 0;
  std::uint64_t done = 0;
  std::uint64_t events = 0;
  // Honour the thread count asked for, even beyond the cores (oneTBB otherwise caps it there).
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, threads);
  tbb::task_arena arena(static_cast<int>(threads));
  arena.execute([&] {
    // Enough replications in flight to keep every thread busy while the in-order stage waits
    // for a slow one; bounded, so memory does not grow with the replication count.
    const std::size_t tokens = 4 * static_cast<std::size_t>(threads);
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, std::uint64_t>(tbb::filter_mode::serial_in_order,
                                              [&](tbb::flow_control& control) -> std::uint64_t {
                                                if (next >= options.replications) {
                                                  control.stop();
                                                  return 0;
                                                }
                                                return options.first_replication + next++;
                                              }) &
            tbb::make_filter<std::uint64_t, ReplicationBatch>(
                tbb::filter_mode::parallel,
                [&](std::uint64_t replication) {
                  ReplicationBatch batch;
                  batch.replication = replication;
                  batch.arms.reserve(arms.size());
                  for (const ArmChain& arm : arms) {
                    batch.arms.push_back(
                        model::run_replication(arm.chain, options.seed, replication));
                  }
                  return batch;
                }) &
            tbb::make_filter<ReplicationBatch, void>(tbb::filter_mode::serial_in_order,
                                                     [&](ReplicationBatch batch) {
                                                       for (const auto& r : batch.arms)
                                                         events += r.events_processed;
                                                       consume(std::move(batch));
                                                       progress.update(++done);
                                                     }));
  });
  return events;
}

}  // namespace c2msim::montecarlo
