#include "sim/engine/event_calendar.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/random/random_stream.hpp"

using c2msim::engine::EventCalendar;
using c2msim::engine::EventHandle;

namespace {

template <class Calendar>
std::vector<int> drain(Calendar& calendar) {
  std::vector<int> order;
  while (!calendar.empty()) order.push_back(calendar.pop().payload);
  return order;
}

}  // namespace

TEST_CASE("events come out in time order", "[engine][calendar]") {
  EventCalendar<int> calendar;
  calendar.schedule(5.0, 5);
  calendar.schedule(1.0, 1);
  calendar.schedule(3.5, 3);
  calendar.schedule(0.0, 0);
  calendar.schedule(4.25, 4);
  CHECK(calendar.size() == 5);
  CHECK(calendar.next_time() == 0.0);
  CHECK(drain(calendar) == std::vector<int>{0, 1, 3, 4, 5});
}

TEST_CASE("events at the same time run in the order they were scheduled", "[engine][calendar]") {
  EventCalendar<int> calendar;
  for (int i = 0; i < 50; ++i) calendar.schedule(i % 2 == 0 ? 2.0 : 1.0, i);
  std::vector<int> expected;
  for (int i = 1; i < 50; i += 2) expected.push_back(i);
  for (int i = 0; i < 50; i += 2) expected.push_back(i);
  CHECK(drain(calendar) == expected);
}

TEST_CASE("a cancelled event never runs", "[engine][calendar]") {
  EventCalendar<int> calendar;
  calendar.schedule(1.0, 1);
  const EventHandle second = calendar.schedule(2.0, 2);
  calendar.schedule(3.0, 3);
  CHECK(calendar.pending(second));
  CHECK(calendar.cancel(second));
  CHECK_FALSE(calendar.pending(second));
  CHECK(calendar.size() == 2);
  CHECK(drain(calendar) == std::vector<int>{1, 3});
}

TEST_CASE("cancelling the earliest event exposes the next one", "[engine][calendar]") {
  EventCalendar<int> calendar;
  const EventHandle first = calendar.schedule(1.0, 1);
  calendar.schedule(2.0, 2);
  REQUIRE(calendar.cancel(first));
  CHECK(calendar.next_time() == 2.0);
  CHECK(calendar.pop().payload == 2);
  CHECK(calendar.empty());
  CHECK(calendar.next_time() == std::numeric_limits<double>::infinity());
}

TEST_CASE("cancelling twice, or after the event ran, does nothing", "[engine][calendar]") {
  EventCalendar<int> calendar;
  const EventHandle a = calendar.schedule(1.0, 1);
  const EventHandle b = calendar.schedule(2.0, 2);
  CHECK(calendar.cancel(a));
  CHECK_FALSE(calendar.cancel(a));
  CHECK(calendar.pop().payload == 2);
  CHECK_FALSE(calendar.cancel(b));
  CHECK_FALSE(calendar.cancel(EventHandle{}));
  CHECK(calendar.empty());
}

TEST_CASE("the handle of an event that ran cannot cancel a later one", "[engine][calendar]") {
  EventCalendar<int> calendar;
  const EventHandle old = calendar.schedule(1.0, 1);
  REQUIRE(calendar.pop().payload == 1);
  const EventHandle later = calendar.schedule(2.0, 2);
  CHECK_FALSE(calendar.pending(old));
  CHECK(calendar.find(old) == nullptr);
  CHECK_FALSE(calendar.cancel(old));
  CHECK(calendar.pending(later));
  REQUIRE(calendar.find(later) != nullptr);
  CHECK(*calendar.find(later) == 2);
}

TEST_CASE("handles stay right through compactions and a clear", "[engine][calendar]") {
  EventCalendar<int> calendar;
  std::vector<EventHandle> handles;
  for (int i = 0; i < 1000; ++i) handles.push_back(calendar.schedule(1.0 + i % 10, i));
  // Cancelling most of them compacts the heap several times.
  for (int i = 0; i < 1000; ++i) {
    if (i % 5 != 0) REQUIRE(calendar.cancel(handles[static_cast<std::size_t>(i)]));
  }
  for (int i = 0; i < 1000; ++i) {
    const EventHandle h = handles[static_cast<std::size_t>(i)];
    REQUIRE(calendar.pending(h) == (i % 5 == 0));
    REQUIRE_FALSE(calendar.cancel(h) != (i % 5 == 0));
  }
  // Those still pending were cancelled just above: nothing is left.
  CHECK(calendar.empty());
  CHECK(calendar.next_time() == std::numeric_limits<double>::infinity());
  for (int i = 0; i < 100; ++i) handles[static_cast<std::size_t>(i)] = calendar.schedule(5.0, i);
  calendar.clear();
  for (std::size_t i = 0; i < 100; ++i) CHECK_FALSE(calendar.pending(handles[i]));
  const EventHandle fresh = calendar.schedule(5.0, 7);
  CHECK(calendar.pending(fresh));
  for (std::size_t i = 0; i < 100; ++i) CHECK_FALSE(calendar.cancel(handles[i]));
  CHECK(calendar.size() == 1);
  CHECK(calendar.pop().payload == 7);
}

// The entry of the event just popped stays at the top of the heap until the next schedule takes
// its place or something else needs the heap; none of that may show.
TEST_CASE("between a pop and the next schedule the popped event is gone", "[engine][calendar]") {
  EventCalendar<int> calendar;
  std::vector<EventHandle> handles;
  for (int i = 0; i < 300; ++i) handles.push_back(calendar.schedule(1.0 + i % 7, i));
  REQUIRE(calendar.pop().payload == 0);
  CHECK(calendar.size() == 299);
  CHECK_FALSE(calendar.pending(handles[0]));
  CHECK(calendar.find(handles[0]) == nullptr);
  CHECK_FALSE(calendar.cancel(handles[0]));
  REQUIRE(calendar.find(handles[7]) != nullptr);
  CHECK(*calendar.find(handles[7]) == 7);
  // Cancelling most of the rest compacts the queues with the popped entry still at the top.
  for (std::size_t i = 1; i < 300; ++i) {
    if (i % 3 != 0) REQUIRE(calendar.cancel(handles[i]));
  }
  CHECK(calendar.size() == 99);
  // Then an event due now (the zero-delay queue) and one later (the heap) are scheduled.
  calendar.schedule(1.0, 1000);
  calendar.schedule(1.5, 1001);
  std::vector<int> expected;
  for (int i = 7; i < 300; i += 7) {
    if (i % 3 == 0) expected.push_back(i);  // the survivors at time 1.0 run before the new one
  }
  expected.push_back(1000);
  expected.push_back(1001);
  for (int day = 1; day < 7; ++day) {
    for (int i = day; i < 300; i += 7) {
      if (i % 3 == 0) expected.push_back(i);
    }
  }
  CHECK(drain(calendar) == expected);
}

// Each pop followed by one schedule (the hold model), on heaps of a few levels to many, with ties
// and now and then a pop with no schedule after it or two schedules.
TEST_CASE("pops each followed by a schedule keep the order of a reference, in and out of cache",
          "[engine][calendar]") {
  // The largest puts the heap's storage on the allocator's huge-page path (over 2 MiB).
  const std::size_t pending = GENERATE(std::size_t{5}, std::size_t{300}, std::size_t{100000});
  c2msim::random::RandomStream rng({11, 0, 0, 0});
  EventCalendar<std::uint64_t> calendar;
  std::map<std::pair<double, std::uint64_t>, std::uint64_t> reference;
  std::uint64_t sequence = 0;
  auto schedule = [&](double time) {
    calendar.schedule(time, sequence);
    reference.emplace(std::make_pair(time, sequence), sequence);
    ++sequence;
  };
  for (std::size_t i = 0; i < pending; ++i) schedule(static_cast<double>(rng.below(64)) * 0.25);
  for (int hold = 0; hold < 100000 && !reference.empty(); ++hold) {
    const auto event = calendar.pop();
    REQUIRE(event.payload == reference.begin()->second);
    REQUIRE(event.time == reference.begin()->first.first);
    reference.erase(reference.begin());
    if (rng.below(10) != 0) schedule(event.time + static_cast<double>(rng.below(64)) * 0.25);
    if (rng.below(10) == 0) schedule(event.time + static_cast<double>(rng.below(64)) * 0.25);
    REQUIRE(calendar.size() == reference.size());
  }
  while (!reference.empty()) {
    REQUIRE(calendar.pop().payload == reference.begin()->second);
    reference.erase(reference.begin());
  }
  CHECK(calendar.empty());
}

TEST_CASE("an event cannot be scheduled before the last one popped", "[engine][calendar]") {
  EventCalendar<int> calendar;
  CHECK_THROWS_AS(calendar.schedule(-1.0, 0), std::invalid_argument);
  calendar.schedule(3.0, 3);
  REQUIRE(calendar.pop().time == 3.0);
  CHECK(calendar.now() == 3.0);
  CHECK_THROWS_AS(calendar.schedule(2.5, 0), std::invalid_argument);
  CHECK(calendar.empty());
}

TEST_CASE("non-finite event times are rejected", "[engine][calendar]") {
  EventCalendar<int> calendar;
  CHECK_THROWS_AS(calendar.schedule(std::numeric_limits<double>::quiet_NaN(), 0),
                  std::invalid_argument);
  CHECK_THROWS_AS(calendar.schedule(std::numeric_limits<double>::infinity(), 0),
                  std::invalid_argument);
  CHECK(calendar.empty());
  CHECK_THROWS_AS(calendar.pop(), std::logic_error);
}

// The reference: a std::multimap keyed by (time, sequence), which orders ties by construction.
TEST_CASE("a large random schedule with cancellations matches a reference implementation",
          "[engine][calendar]") {
  const std::uint64_t seed = GENERATE(1u, 2u, 3u);
  c2msim::random::RandomStream rng({seed, 0, 0, 0});
  EventCalendar<std::uint64_t> calendar;
  std::map<std::pair<double, std::uint64_t>, std::uint64_t> reference;
  std::vector<std::pair<EventHandle, std::pair<double, std::uint64_t>>> handles;
  std::uint64_t sequence = 0;
  double now = 0.0;
  std::size_t popped = 0;
  for (int op = 0; op < 200000; ++op) {
    const std::uint64_t choice = rng.below(10);
    if (choice < 5 || reference.empty()) {
      // Coarse times make ties frequent.
      const double time = now + static_cast<double>(rng.below(50)) * 0.5;
      const EventHandle h = calendar.schedule(time, sequence);
      reference.emplace(std::make_pair(time, sequence), sequence);
      handles.emplace_back(h, std::make_pair(time, sequence));
      ++sequence;
    } else if (choice < 7) {
      const std::size_t pick = rng.below(handles.size());
      const auto [handle, key] = handles[pick];
      const bool was_pending = reference.erase(key) == 1;
      CHECK(calendar.cancel(handle) == was_pending);
      handles[pick] = handles.back();
      handles.pop_back();
    } else {
      REQUIRE(calendar.next_time() == reference.begin()->first.first);
      const auto event = calendar.pop();
      REQUIRE(event.payload == reference.begin()->second);
      REQUIRE(event.time == reference.begin()->first.first);
      now = event.time;
      reference.erase(reference.begin());
      ++popped;
    }
    REQUIRE(calendar.size() == reference.size());
  }
  while (!reference.empty()) {
    REQUIRE(calendar.pop().payload == reference.begin()->second);
    reference.erase(reference.begin());
  }
  CHECK(calendar.empty());
  CHECK(popped > 10000);
}

TEMPLATE_TEST_CASE_SIG("every heap arity orders events identically", "[engine][calendar]",
                       ((unsigned A), A), 2, 3, 4, 8) {
  c2msim::random::RandomStream rng({7, 0, 0, 0});
  EventCalendar<int, A> calendar;
  EventCalendar<int, 2> binary;
  for (int i = 0; i < 5000; ++i) {
    const double t = static_cast<double>(rng.below(100));
    calendar.schedule(t, i);
    binary.schedule(t, i);
  }
  CHECK(drain(calendar) == drain(binary));
}
