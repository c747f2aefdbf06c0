#include "sim/bench/hold_model.hpp"

#include <fmt/core.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <queue>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "sim/engine/event_calendar.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/random/distributions.hpp"
#include "sim/random/random_stream.hpp"

namespace c2msim::bench {
namespace {

// The thread's CPU time, not the wall clock: on a shared machine the wall clock also counts the
// time other processes hold the core, which differs between contenders timed one after another.
struct Clock {
  using time_point = std::chrono::nanoseconds;
  static time_point now() noexcept {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
  }
};

// Models keep one timer per market: tens of thousands at most.
constexpr std::size_t kLargestTimerStudy = 100'000;

double ns_between(Clock::time_point start, Clock::time_point end, std::size_t holds) {
  return std::chrono::duration<double, std::nano>(end - start).count() / static_cast<double>(holds);
}

// Enough holds that the timed part is well above timer resolution and covers a full turnover
// of the queue at the largest size.
std::size_t holds_for(std::size_t queue_size) {
  return std::max<std::size_t>(1'000'000, queue_size);
}

class IncrementCycle {
 public:
  explicit IncrementCycle(const std::vector<double>& increments) : increments_(increments) {}
  double next() noexcept {
    const double v = increments_[i_];
    i_ = (i_ + 1) & (increments_.size() - 1);
    return v;
  }

 private:
  const std::vector<double>& increments_;
  std::size_t i_ = 0;
};

template <unsigned Arity>
HoldTiming hold_on_calendar(std::size_t queue_size, std::size_t holds,
                            const std::vector<double>& increments) {
  engine::EventCalendar<std::uint32_t, Arity> calendar;
  calendar.reserve(queue_size);
  IncrementCycle inc(increments);
  for (std::size_t i = 0; i < queue_size; ++i) calendar.schedule(inc.next(), 0);
  auto hold = [&] {
    const auto e = calendar.pop();
    calendar.schedule(e.time + inc.next(), e.payload);
    return e.time;
  };
  for (std::size_t i = 0; i < queue_size; ++i) hold();  // reach the steady-state time spread
  double last = 0.0;
  const auto start = Clock::now();
  for (std::size_t i = 0; i < holds; ++i) last = hold();
  return {ns_between(start, Clock::now(), holds), last};
}

}  // namespace

std::vector<double> hold_increments(std::size_t count) {
  if (count == 0 || (count & (count - 1)) != 0) {
    throw std::invalid_argument("increment count must be a power of two");
  }
  random::RandomStream stream({0x401d, 0, 0, 0});
  const random::Exponential exponential{1.0};
  std::vector<double> values(count);
  for (double& v : values) v = exponential(stream);
  return values;
}

HoldTiming hold_on_engine(std::size_t queue_size, std::size_t holds,
                          const std::vector<double>& increments) {
  engine::Simulation<std::uint32_t> sim;
  sim.reserve(queue_size);
  IncrementCycle inc(increments);
  for (std::size_t i = 0; i < queue_size; ++i) sim.schedule_at(inc.next(), 0);
  std::size_t remaining = 0;
  auto handler = [&](const auto& event) {
    sim.schedule_in(inc.next(), event.payload);
    if (--remaining == 0) sim.stop();
  };
  remaining = queue_size;  // warm-up
  sim.run(handler);
  remaining = holds;
  const auto start = Clock::now();
  sim.run(handler);
  return {ns_between(start, Clock::now(), holds), sim.now()};
}

HoldTiming hold_on_timers(std::size_t queue_size, std::size_t holds,
                          const std::vector<double>& increments) {
  engine::Simulation<std::uint32_t> sim;
  IncrementCycle inc(increments);
  for (std::size_t i = 0; i < queue_size; ++i) {
    sim.arm_timer(sim.add_timer(static_cast<std::uint32_t>(i)), inc.next());
  }
  std::size_t remaining = 0;
  auto handler = [&](const auto& event) {
    sim.arm_timer(event.payload, sim.now() + inc.next());
    if (--remaining == 0) sim.stop();
  };
  remaining = queue_size;
  sim.run(handler);
  remaining = holds;
  const auto start = Clock::now();
  sim.run(handler);
  return {ns_between(start, Clock::now(), holds), sim.now()};
}

namespace {

// The baseline's entries: (time, sequence) and, as the engine's, the payload the hold model
// carries, ordered by (time, sequence) alone; or the bare key, which the figures once used.
struct KeyAndPayload {
  double time;
  std::uint64_t sequence;
  std::uint32_t payload;
};
struct KeyOnly {
  double time;
  std::uint64_t sequence;
  static constexpr std::uint32_t payload = 0;
};
struct Later {
  template <class E>
  bool operator()(const E& a, const E& b) const noexcept {
    return a.time > b.time || (a.time == b.time && a.sequence > b.sequence);
  }
};

template <class Entry>
HoldTiming hold_on_priority_queue_of(std::size_t queue_size, std::size_t holds,
                                     const std::vector<double>& increments) {
  std::vector<Entry> storage;
  storage.reserve(queue_size + 1);
  std::priority_queue<Entry, std::vector<Entry>, Later> queue(Later{}, std::move(storage));
  IncrementCycle inc(increments);
  std::uint64_t sequence = 0;
  auto make = [&](double time, std::uint32_t payload) {
    if constexpr (std::is_same_v<Entry, KeyOnly>) {
      static_cast<void>(payload);
      return Entry{time, sequence++};
    } else {
      return Entry{time, sequence++, payload};
    }
  };
  for (std::size_t i = 0; i < queue_size; ++i) queue.push(make(inc.next(), 0));
  auto hold = [&] {
    const Entry top = queue.top();
    queue.pop();
    queue.push(make(top.time + inc.next(), top.payload));
    return top.time;
  };
  for (std::size_t i = 0; i < queue_size; ++i) hold();
  double last = 0.0;
  const auto start = Clock::now();
  for (std::size_t i = 0; i < holds; ++i) last = hold();
  return {ns_between(start, Clock::now(), holds), last};
}

}  // namespace

HoldTiming hold_on_priority_queue(std::size_t queue_size, std::size_t holds,
                                  const std::vector<double>& increments) {
  return hold_on_priority_queue_of<KeyAndPayload>(queue_size, holds, increments);
}

HoldTiming hold_on_keys_only_priority_queue(std::size_t queue_size, std::size_t holds,
                                            const std::vector<double>& increments) {
  return hold_on_priority_queue_of<KeyOnly>(queue_size, holds, increments);
}

HoldTiming hold_on_calendar_with_arity(unsigned arity, std::size_t queue_size, std::size_t holds,
                                       const std::vector<double>& increments) {
  switch (arity) {
    case 2:
      return hold_on_calendar<2>(queue_size, holds, increments);
    case 4:
      return hold_on_calendar<4>(queue_size, holds, increments);
    case 8:
      return hold_on_calendar<8>(queue_size, holds, increments);
    default:
      throw std::invalid_argument("arity must be 2, 4 or 8");
  }
}

nlohmann::json run_hold_benchmark(const std::vector<std::size_t>& sizes, int repetitions,
                                  bool arity_study, bool show_progress) {
  const std::vector<double> increments = hold_increments(1u << 12);
  // The best of the repetitions (interference from the rest of the machine only ever adds
  // time), engine and baseline interleaved so that both see the same machine state.
  auto best = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
  nlohmann::json results = nlohmann::json::array();
  for (const std::size_t size : sizes) {
    if (show_progress) fmt::print(stderr, "hold model: {} pending events...\n", size);
    const std::size_t holds = holds_for(size);
    std::vector<double> engine_ns, baseline_ns, keys_only_ns, timer_ns;
    for (int r = 0; r < repetitions; ++r) {
      const HoldTiming e = hold_on_engine(size, holds, increments);
      const HoldTiming b = hold_on_priority_queue(size, holds, increments);
      const HoldTiming k = hold_on_keys_only_priority_queue(size, holds, increments);
      // Same increments, same order: all must end at the same simulated time.
      if (e.checksum != b.checksum || k.checksum != b.checksum) {
        throw std::logic_error("engine and baseline hold models diverged");
      }
      engine_ns.push_back(e.ns_per_hold);
      baseline_ns.push_back(b.ns_per_hold);
      keys_only_ns.push_back(k.ns_per_hold);
      // The same schedule with every pending event a recurring timer instead (a model's markets).
      if (size <= kLargestTimerStudy) {
        const HoldTiming t = hold_on_timers(size, holds, increments);
        if (t.checksum != b.checksum) {
          throw std::logic_error("timer and baseline hold models diverged");
        }
        timer_ns.push_back(t.ns_per_hold);
      }
    }
    nlohmann::json row{{"size", size},
                       {"holds", holds},
                       {"engine_ns_per_hold", best(engine_ns)},
                       {"baseline_ns_per_hold", best(baseline_ns)},
                       {"ratio", best(engine_ns) / best(baseline_ns)},
                       {"keys_only_baseline_ns_per_hold", best(keys_only_ns)},
                       {"keys_only_ratio", best(engine_ns) / best(keys_only_ns)}};
    if (!timer_ns.empty()) {
      row["timers_ns_per_hold"] = best(timer_ns);
      row["timers_ratio"] = best(timer_ns) / best(baseline_ns);
    }
    if (arity_study) {
      for (const unsigned arity : {2u, 4u, 8u}) {
        std::vector<double> ns;
        for (int r = 0; r < repetitions; ++r) {
          ns.push_back(hold_on_calendar_with_arity(arity, size, holds, increments).ns_per_hold);
        }
        row["calendar_ns_per_hold_by_arity"][std::to_string(arity)] = best(ns);
      }
    }
    results.push_back(row);
  }
  return results;
}

}  // namespace c2msim::bench
