#include "sim/engine/simulation.hpp"

#include <array>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <vector>

#include "sim/random/random_stream.hpp"

using c2msim::engine::EventHandle;
using c2msim::engine::Simulation;

// Counts every heap allocation in this test binary, so that a test can assert that the run loop
// allocates nothing per event once the calendar has grown to its working size. The sanitizers
// bring their own operator new, so the count is taken in the builds without them (g++ says so
// with __SANITIZE_*__, clang with __has_feature).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define C2MSIM_SANITIZED_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define C2MSIM_SANITIZED_ALLOCATOR 1
#endif
#endif
#if defined(C2MSIM_SANITIZED_ALLOCATOR)
namespace {
constexpr bool kCountingAllocations = false;
std::size_t allocations() {
  return 0;
}
}  // namespace
#else
namespace {
constexpr bool kCountingAllocations = true;
std::atomic<std::size_t> g_allocations{0};
std::size_t allocations() {
  return g_allocations.load();
}
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
#endif

TEST_CASE("the clock jumps to each event's time", "[engine][simulation]") {
  Simulation<int> sim;
  sim.schedule_at(2.5, 1);
  sim.schedule_at(7.0, 2);
  std::vector<double> seen;
  sim.run([&](const auto& e) {
    seen.push_back(sim.now());
    CHECK(e.time == sim.now());
  });
  CHECK(seen == std::vector<double>{2.5, 7.0});
  CHECK(sim.events_processed() == 2);
}

TEST_CASE("run_until handles events up to and including the end time, then stops the clock there",
          "[engine][simulation]") {
  Simulation<int> sim;
  sim.schedule_at(1.0, 1);
  sim.schedule_at(3.0, 3);
  sim.schedule_at(3.0000001, 4);
  std::vector<int> seen;
  sim.run_until(3.0, [&](const auto& e) { seen.push_back(e.payload); });
  CHECK(seen == std::vector<int>{1, 3});
  CHECK(sim.now() == 3.0);
  CHECK(sim.pending_events() == 1);
  sim.run_until(10.0, [&](const auto& e) { seen.push_back(e.payload); });
  CHECK(seen == std::vector<int>{1, 3, 4});
  CHECK(sim.now() == 10.0);
}

TEST_CASE("handlers can schedule events, including at the current time", "[engine][simulation]") {
  Simulation<int> sim;
  sim.schedule_at(0.0, 0);
  std::vector<std::pair<double, int>> seen;
  sim.run_until(5.0, [&](const auto& e) {
    seen.emplace_back(sim.now(), e.payload);
    if (e.payload == 0) {
      sim.schedule_in(0.0, 1);  // same time: runs after this one
      sim.schedule_in(1.0, 2);
    }
  });
  CHECK(seen == std::vector<std::pair<double, int>>{{0.0, 0}, {0.0, 1}, {1.0, 2}});
}

TEST_CASE("scheduling before the current time is an error", "[engine][simulation]") {
  Simulation<int> sim;
  sim.schedule_at(5.0, 0);
  sim.run([&](const auto&) {
    CHECK_THROWS_AS(sim.schedule_at(4.0, 1), std::invalid_argument);
    CHECK_THROWS_AS(sim.schedule_in(-0.5, 1), std::invalid_argument);
  });
  CHECK(sim.pending_events() == 0);
}

TEST_CASE("reschedule moves a pending event and keeps its payload", "[engine][simulation]") {
  Simulation<int> sim;
  const EventHandle a = sim.schedule_at(1.0, 10);
  sim.schedule_at(2.0, 20);
  const EventHandle moved = sim.reschedule(a, 3.0);
  CHECK_FALSE(sim.pending(a));
  CHECK(sim.pending(moved));
  std::vector<std::pair<double, int>> seen;
  sim.run([&](const auto& e) { seen.emplace_back(e.time, e.payload); });
  CHECK(seen == std::vector<std::pair<double, int>>{{2.0, 20}, {3.0, 10}});
  const EventHandle gone = sim.reschedule(moved, 4.0);
  CHECK_FALSE(sim.pending(gone));
}

TEST_CASE("stop ends the run after the current event", "[engine][simulation]") {
  Simulation<int> sim;
  for (int i = 0; i < 10; ++i) sim.schedule_at(i, i);
  int handled = 0;
  sim.run_until(100.0, [&](const auto& e) {
    ++handled;
    if (e.payload == 3) sim.stop();
  });
  CHECK(handled == 4);
  CHECK(sim.now() == 3.0);
  CHECK(sim.pending_events() == 6);
}

TEST_CASE("the run loop allocates nothing per event in steady state", "[engine][simulation]") {
  Simulation<int> sim;
  c2msim::random::RandomStream rng({1, 0, 0, 0});
  for (int i = 0; i < 1000; ++i) sim.schedule_at(rng.uniform01(), i);
  auto hold_with_cancellations = [&](const auto& e) {
    const EventHandle h = sim.schedule_in(rng.uniform01(), e.payload);
    if (e.payload % 7 == 0) {
      sim.cancel(h);
      sim.schedule_in(rng.uniform01(), e.payload);
    }
  };
  // Warm up: let the calendar, its slot pool and free list reach their working sizes.
  sim.run_until(20.0, hold_with_cancellations);
  const std::size_t before = allocations();
  const std::uint64_t events_before = sim.events_processed();
  sim.run_until(200.0, hold_with_cancellations);
  CHECK(sim.events_processed() - events_before > 100000);
  if (kCountingAllocations) CHECK(allocations() == before);
}

TEST_CASE("zero-delay events, timers and cancellations allocate nothing in steady state",
          "[engine][simulation]") {
  Simulation<int> sim;
  c2msim::random::RandomStream rng({2, 0, 0, 0});
  // Arrays, not vectors: g++ 12 takes the replaced operator new and delete above for a mismatch
  // when it inlines both around a local vector (-Wmismatched-new-delete).
  std::array<Simulation<int>::TimerId, 50> timers{};
  for (std::size_t k = 0; k < timers.size(); ++k) {
    timers[k] = sim.add_timer(-1 - static_cast<int>(k));
    sim.arm_timer(timers[k], rng.uniform01());
  }
  for (int i = 0; i < 200; ++i) sim.schedule_at(rng.uniform01(), i);
  std::array<EventHandle, 64> patience{};
  constexpr int kPatience = 1000;
  auto handler = [&](const auto& e) {
    if (e.payload < 0) {
      sim.arm_timer(timers[static_cast<std::size_t>(-1 - e.payload)], sim.now() + rng.uniform01());
      return;
    }
    if (e.payload >= kPatience) return;  // an expiry that came
    const std::size_t j = static_cast<std::size_t>(e.payload) % patience.size();
    sim.cancel(patience[j]);  // an expiry that never comes, as a served customer's patience
    patience[j] = sim.schedule_in(10.0 * rng.uniform01(), kPatience + static_cast<int>(j));
    sim.schedule_in(rng.below(3) == 0 ? 0.0 : rng.uniform01(), e.payload);
  };
  sim.run_until(20.0, handler);
  const std::size_t before = allocations();
  const std::uint64_t events_before = sim.events_processed();
  sim.run_until(200.0, handler);
  CHECK(sim.events_processed() - events_before > 100000);
  CHECK(sim.counters().fifo_events > 10000);
  CHECK(sim.counters().timer_firings > 10000);
  if (kCountingAllocations) CHECK(allocations() == before);
}

TEST_CASE("cancelled events do not pile up: scheduling and cancelling forever allocates nothing",
          "[engine][simulation]") {
  Simulation<int> sim;
  sim.schedule_at(1.0, 0);
  int cancelled = 0;
  auto churn = [&](int rounds) {
    for (int i = 0; i < rounds; ++i) {
      const EventHandle far = sim.schedule_at(1000.0 + i, i);
      const EventHandle now = sim.schedule_at(0.0, i);
      cancelled += sim.cancel(far) ? 1 : 0;
      cancelled += sim.cancel(now) ? 1 : 0;
    }
  };
  churn(1000);  // the queues and the cancelled set reach their working sizes
  const std::size_t before = allocations();
  churn(100000);
  CHECK(cancelled == 2 * 101000);
  CHECK(sim.pending_events() == 1);
  if (kCountingAllocations) CHECK(allocations() == before);
}

TEST_CASE("reset returns to time zero with nothing pending", "[engine][simulation]") {
  Simulation<int> sim;
  sim.schedule_at(1.0, 1);
  sim.schedule_at(2.0, 2);
  sim.run_until(1.5, [](const auto&) {});
  sim.reset();
  CHECK(sim.now() == 0.0);
  CHECK(sim.pending_events() == 0);
  CHECK(sim.events_processed() == 0);
}
