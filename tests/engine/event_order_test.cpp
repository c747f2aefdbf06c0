// The calendar merges three sources (heap, zero-delay queue, recurring timers); these cases pin
// that together they keep the exact (time, sequence) order of one plain priority queue.

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/engine/event_calendar.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/random/random_stream.hpp"

using c2msim::engine::EventCalendar;
using c2msim::engine::EventHandle;
using c2msim::engine::Simulation;

TEST_CASE("an event due now runs after the heap's events at that time and before later ones",
          "[engine][order]") {
  Simulation<int> sim;
  sim.schedule_at(1.0, 1);
  sim.schedule_at(1.0, 2);
  sim.schedule_at(1.5, 4);
  std::vector<int> seen;
  sim.run([&](const auto& e) {
    seen.push_back(e.payload);
    if (e.payload == 1) sim.schedule_in(0.0, 3);  // behind 2, which was scheduled first
    if (e.payload == 3) sim.schedule_at(sim.now(), 5);
  });
  CHECK(seen == std::vector<int>{1, 2, 3, 5, 4});
  // 3 and 5 never went through the heap.
  CHECK(sim.counters().heap_pushes == 3);
  CHECK(sim.counters().heap_pops == 3);
  CHECK(sim.counters().fifo_events == 2);
  CHECK(sim.events_processed() == 5);
}

TEST_CASE("a zero-delay event can be cancelled and its handle tells", "[engine][order]") {
  Simulation<int> sim;
  sim.schedule_at(1.0, 1);
  std::vector<int> seen;
  EventHandle later;
  sim.run([&](const auto& e) {
    seen.push_back(e.payload);
    if (e.payload != 1) return;
    const EventHandle dropped = sim.schedule_in(0.0, 2);
    later = sim.schedule_in(0.0, 3);
    CHECK(sim.pending(dropped));
    CHECK(sim.next_time() == 1.0);
    CHECK(sim.cancel(dropped));
    CHECK_FALSE(sim.pending(dropped));
    CHECK_FALSE(sim.cancel(dropped));
    CHECK(sim.pending_events() == 1);
  });
  CHECK(seen == std::vector<int>{1, 3});
  CHECK_FALSE(sim.pending(later));
  CHECK_FALSE(sim.cancel(later));
}

TEST_CASE("after run_until the clock's end time is the current time for zero-delay events",
          "[engine][order]") {
  Simulation<int> sim;
  sim.schedule_at(9.0, 9);
  sim.run_until(4.0, [](const auto&) {});
  CHECK(sim.now() == 4.0);
  const EventHandle h = sim.schedule_at(4.0, 4);
  CHECK(sim.pending(h));
  CHECK(sim.next_time() == 4.0);
  std::vector<int> seen;
  sim.run([&](const auto& e) { seen.push_back(e.payload); });
  CHECK(seen == std::vector<int>{4, 9});
  CHECK(sim.counters().fifo_events == 1);
  CHECK_FALSE(sim.pending(h));
}

TEST_CASE("a timer ranks as an event scheduled when it was armed", "[engine][order]") {
  Simulation<int> sim;
  const auto timer = sim.add_timer(100);
  sim.schedule_at(2.0, 1);
  sim.arm_timer(timer, 2.0);  // after 1, before 2
  sim.schedule_at(2.0, 2);
  std::vector<int> seen;
  sim.run([&](const auto& e) {
    seen.push_back(e.payload);
    if (e.payload == 100 && sim.now() == 2.0) {
      sim.schedule_at(3.0, 3);
      sim.arm_timer(timer, 3.0);  // re-armed by its own firing: after 3
      sim.schedule_at(3.0, 4);
    }
  });
  CHECK(seen == std::vector<int>{1, 100, 2, 3, 100, 4});
  CHECK(sim.counters().timer_firings == 2);
  CHECK(sim.events_processed() == 6);
  CHECK_FALSE(sim.timer_armed(timer));
}

TEST_CASE("the handler learns which timer fired from the payload registered for it",
          "[engine][order]") {
  Simulation<int> sim;
  std::vector<Simulation<int>::TimerId> timers;
  for (int k = 0; k < 5; ++k) timers.push_back(sim.add_timer(10 * k));
  for (int k = 0; k < 5; ++k) sim.arm_timer(timers[static_cast<std::size_t>(k)], 5.0 - k);
  std::vector<int> seen;
  sim.run([&](const auto& e) { seen.push_back(e.payload); });
  CHECK(seen == std::vector<int>{40, 30, 20, 10, 0});
}

TEST_CASE("re-arming an armed timer moves it, and a disarmed timer does not fire",
          "[engine][order]") {
  Simulation<int> sim;
  const auto a = sim.add_timer(1);
  const auto b = sim.add_timer(2);
  sim.arm_timer(a, 1.0);
  sim.arm_timer(b, 2.0);
  sim.arm_timer(a, 3.0);  // later than b now
  CHECK(sim.timer_armed(a));
  CHECK(sim.pending_events() == 2);
  std::vector<int> seen;
  sim.run([&](const auto& e) { seen.push_back(e.payload); });
  CHECK(seen == std::vector<int>{2, 1});
  sim.arm_timer(a, 5.0);
  sim.arm_timer(b, 4.0);
  sim.disarm_timer(b);
  sim.disarm_timer(b);  // not armed: nothing happens
  CHECK_FALSE(sim.timer_armed(b));
  seen.clear();
  sim.run([&](const auto& e) { seen.push_back(e.payload); });
  CHECK(seen == std::vector<int>{1});
  CHECK(sim.now() == 5.0);
}

TEST_CASE("timers refuse unknown ids and times before now", "[engine][order]") {
  Simulation<int> sim;
  const auto timer = sim.add_timer(1);
  sim.schedule_at(2.0, 0);
  sim.run([](const auto&) {});
  CHECK_THROWS_AS(sim.arm_timer(timer, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(sim.arm_timer(timer, std::numeric_limits<double>::quiet_NaN()),
                  std::invalid_argument);
  CHECK_THROWS_AS(sim.arm_timer(timer + 1, 3.0), std::out_of_range);
  CHECK_THROWS_AS(sim.disarm_timer(timer + 1), std::out_of_range);
  CHECK_THROWS_AS((void)sim.timer_armed(timer + 1), std::out_of_range);
  CHECK_FALSE(sim.timer_armed(timer));
}

TEST_CASE("reset disarms timers and keeps them registered", "[engine][order]") {
  Simulation<int> sim;
  const auto timer = sim.add_timer(7);
  sim.arm_timer(timer, 1.0);
  sim.reset();
  CHECK_FALSE(sim.timer_armed(timer));
  CHECK(sim.pending_events() == 0);
  sim.arm_timer(timer, 2.0);
  std::vector<int> seen;
  sim.run([&](const auto& e) { seen.push_back(e.payload); });
  CHECK(seen == std::vector<int>{7});
}

// The reference is one std::map keyed by (time, sequence) holding every event and every armed
// timer, with the sequence counted as the calendar counts it (one per schedule and per arming).
// Coarse times make ties frequent, and a third of the events are due now, so that any slip in
// the merge of heap, zero-delay queue and timers, in the cancellations or in the compactions
// changes the order the reference predicts.
TEST_CASE("random schedules, cancels and timer re-arms pop in the order of one reference queue",
          "[engine][order]") {
  const std::uint64_t seed = GENERATE(11u, 12u, 13u, 14u);
  c2msim::random::RandomStream rng({seed, 0, 0, 0});
  using Key = std::pair<double, std::uint64_t>;
  EventCalendar<std::uint64_t> calendar;
  std::map<Key, std::uint64_t> reference;
  std::vector<std::pair<EventHandle, Key>> handles;  // every handle ever issued
  constexpr std::uint64_t kTimerBase = 1'000'000'000;
  const std::size_t timer_count = 1 + rng.below(40);
  std::vector<std::pair<bool, Key>> timers(timer_count, {false, Key{}});
  for (std::size_t k = 0; k < timer_count; ++k) REQUIRE(calendar.add_timer(kTimerBase + k) == k);
  std::uint64_t sequence = 0;
  auto time_from_now = [&] {
    return rng.below(3) == 0 ? calendar.now()
                             : calendar.now() + static_cast<double>(1 + rng.below(20)) * 0.5;
  };
  std::size_t popped = 0, fired = 0;
  for (int op = 0; op < 150000; ++op) {
    const std::uint64_t choice = rng.below(20);
    if (choice < 8) {
      const double time = time_from_now();
      const EventHandle h = calendar.schedule(time, sequence);
      reference.emplace(Key{time, sequence}, sequence);
      handles.emplace_back(h, Key{time, sequence});
      ++sequence;
    } else if (choice < 11 && !handles.empty()) {
      const auto& [handle, key] = handles[rng.below(handles.size())];
      const bool was_pending = reference.erase(key) == 1;
      REQUIRE(calendar.cancel(handle) == was_pending);
    } else if (choice < 12 && !handles.empty()) {
      const auto& [handle, key] = handles[rng.below(handles.size())];
      const auto it = reference.find(key);
      REQUIRE(calendar.pending(handle) == (it != reference.end()));
      const std::uint64_t* payload = calendar.find(handle);
      REQUIRE((payload == nullptr) == (it == reference.end()));
      if (payload != nullptr) REQUIRE(*payload == it->second);
    } else if (choice < 14) {
      const std::size_t k = rng.below(timer_count);
      auto& [armed, key] = timers[k];
      if (armed) reference.erase(key);
      if (rng.below(8) == 0) {
        calendar.disarm_timer(static_cast<std::uint32_t>(k));
        armed = false;
      } else {
        const double time = time_from_now();
        calendar.arm_timer(static_cast<std::uint32_t>(k), time);
        key = Key{time, sequence++};
        reference.emplace(key, kTimerBase + k);
        armed = true;
      }
    } else if (!reference.empty()) {
      REQUIRE(calendar.next_time() == reference.begin()->first.first);
      const auto event = calendar.pop();
      const auto& [key, payload] = *reference.begin();
      REQUIRE(event.time == key.first);
      REQUIRE(event.sequence == key.second);
      REQUIRE(event.payload == payload);
      if (payload >= kTimerBase) {
        timers[payload - kTimerBase].first = false;
        ++fired;
        // Usually the timer's own firing re-arms it, as a market's next arrival.
        if (rng.below(4) != 0) {
          const double time = time_from_now();
          calendar.arm_timer(static_cast<std::uint32_t>(payload - kTimerBase), time);
          timers[payload - kTimerBase] = {true, Key{time, sequence}};
          reference.emplace(Key{time, sequence++}, payload);
        }
      }
      reference.erase(reference.begin());
      ++popped;
    }
    REQUIRE(calendar.size() == reference.size());
  }
  while (!reference.empty()) {
    const auto event = calendar.pop();
    REQUIRE(event.sequence == reference.begin()->first.second);
    REQUIRE(event.payload == reference.begin()->second);
    if (event.payload >= kTimerBase) ++fired;
    reference.erase(reference.begin());
    ++popped;
  }
  CHECK(calendar.empty());
  CHECK(popped > 20000);
  const auto& c = calendar.counters();
  CHECK(c.heap_pops + c.fifo_events + c.timer_firings == popped);
  CHECK(c.timer_firings == fired);
  CHECK(c.fifo_events > 1000);
  CHECK(fired > 200);
}
