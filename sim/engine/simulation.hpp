#pragma once
// The discrete-event kernel: a clock in days, an event calendar and the run loop.
// It knows nothing of supply chains: a model defines its own Payload (usually a small struct of an
// event kind and dense ids) and a handler that the loop calls for each event.

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>

#include "sim/engine/event_calendar.hpp"

namespace c2msim::engine {

template <class Payload>
class Simulation {
 public:
  using Calendar = EventCalendar<Payload>;
  using Event = typename Calendar::Event;
  using TimerId = typename Calendar::TimerId;

  // Simulated time in days.
  [[nodiscard]] double now() const noexcept { return calendar_.now(); }
  // Events handled since construction (or the last reset), timer firings included.
  [[nodiscard]] std::uint64_t events_processed() const noexcept {
    const CalendarCounters& c = calendar_.counters();
    return c.heap_pops + c.fifo_events + c.timer_firings;
  }
  // Heap pushes and pops, zero-delay events and timer firings (see CalendarCounters).
  [[nodiscard]] const CalendarCounters& counters() const noexcept { return calendar_.counters(); }
  // Pending events and armed timers.
  [[nodiscard]] std::size_t pending_events() const noexcept { return calendar_.size(); }
  // The time of the next pending event (+infinity when none is left).
  [[nodiscard]] double next_time() { return calendar_.next_time(); }
  [[nodiscard]] bool pending(EventHandle handle) const noexcept {
    return calendar_.pending(handle);
  }

  // An event due now skips the heap (it runs after everything else already due now).
  // Throws std::invalid_argument for a time before now() or not finite.
  EventHandle schedule_at(double time_days, Payload payload) {
    return calendar_.schedule(time_days, std::move(payload));
  }

  EventHandle schedule_in(double delay_days, Payload payload) {
    return schedule_at(now() + delay_days, std::move(payload));
  }

  bool cancel(EventHandle handle) { return calendar_.cancel(handle); }

  // Moves a pending event to a new time, keeping its payload. The event then ranks after events
  // already scheduled at that time. Returns the new handle, or an empty one if it was not pending.
  // It looks the payload up by a scan of the pending events: cancelling and scheduling anew with
  // the payload the model knows is cheaper.
  EventHandle reschedule(EventHandle handle, double time_days) {
    const Payload* payload = calendar_.find(handle);
    if (payload == nullptr) return EventHandle{};
    Payload copy = *payload;
    EventHandle moved = schedule_at(time_days, std::move(copy));
    calendar_.cancel(handle);
    return moved;
  }

  // Recurring timers (say, each market's next arrival): registered once with the payload their
  // firings carry, then armed again and again, typically by the handler of their last firing.
  // arm_timer(id, t) orders exactly as schedule_at(t, payload) would, without a heap entry.
  TimerId add_timer(Payload payload) { return calendar_.add_timer(std::move(payload)); }
  void arm_timer(TimerId id, double time_days) { calendar_.arm_timer(id, time_days); }
  [[nodiscard]] bool timer_armed(TimerId id) const { return calendar_.timer_armed(id); }
  void disarm_timer(TimerId id) { calendar_.disarm_timer(id); }

  // Asks the loop to return after the event being handled.
  void stop() noexcept { stop_requested_ = true; }

  // Handles every event with time <= end_days in (time, sequence) order, then advances the clock
  // to end_days (unless stop() was called). handler(const Event&) may schedule and cancel events.
  template <class Handler>
  void run_until(double end_days, Handler&& handler) {
    handle_until(end_days, handler);
    if (!stop_requested_ && end_days > now()) calendar_.advance_to(end_days);
  }

  // Handles events until none is left (or stop() is called).
  template <class Handler>
  void run(Handler&& handler) {
    handle_until(std::numeric_limits<double>::infinity(), handler);
  }

  void reserve(std::size_t events) { calendar_.reserve(events); }

  // Back to time zero with an empty calendar (timers stay registered, disarmed); keeps allocated
  // capacity.
  void reset() noexcept {
    calendar_.clear();
    stop_requested_ = false;
  }

 private:
  template <class Handler>
  void handle_until(double end_days, Handler& handler) {
    stop_requested_ = false;
    Event event;
    while (!stop_requested_ && calendar_.pop_until(end_days, event)) {
      handler(static_cast<const Event&>(event));
    }
  }

  Calendar calendar_;
  bool stop_requested_ = false;
};

}  // namespace c2msim::engine
