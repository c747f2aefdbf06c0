#pragma once
// The discrete-event kernel: a clock in days, an event calendar and the run loop.
// It knows nothing of supply chains: a model defines its own Payload (usually a small struct of an
// event kind and dense ids) and a handler that the loop calls for each event.

#include <cstdint>
#include <stdexcept>
#include <utility>

#include "sim/engine/event_calendar.hpp"

namespace c2msim::engine {

template <class Payload>
class Simulation {
 public:
  using Calendar = EventCalendar<Payload>;
  using Event = typename Calendar::Event;

  // Simulated time in days.
  [[nodiscard]] double now() const noexcept { return now_days_; }
  // Events handled since construction (or the last reset).
  [[nodiscard]] std::uint64_t events_processed() const noexcept { return events_processed_; }
  [[nodiscard]] std::size_t pending_events() const noexcept { return calendar_.size(); }
  // The time of the next pending event (+infinity when none is left).
  [[nodiscard]] double next_time() { return calendar_.next_time(); }
  [[nodiscard]] bool pending(EventHandle handle) const noexcept {
    return calendar_.pending(handle);
  }

  EventHandle schedule_at(double time_days, Payload payload) {
    if (!(time_days >= now_days_)) {
      throw std::invalid_argument("cannot schedule an event before the current simulated time");
    }
    return calendar_.schedule(time_days, std::move(payload));
  }

  EventHandle schedule_in(double delay_days, Payload payload) {
    return schedule_at(now_days_ + delay_days, std::move(payload));
  }

  bool cancel(EventHandle handle) { return calendar_.cancel(handle); }

  // Moves a pending event to a new time, keeping its payload. The event then ranks after events
  // already scheduled at that time. Returns the new handle, or an empty one if it was not pending.
  EventHandle reschedule(EventHandle handle, double time_days) {
    const Payload* payload = calendar_.find(handle);
    if (payload == nullptr) return EventHandle{};
    Payload copy = *payload;
    EventHandle moved = schedule_at(time_days, std::move(copy));
    calendar_.cancel(handle);
    return moved;
  }

  // Asks the loop to return after the event being handled.
  void stop() noexcept { stop_requested_ = true; }

  // Handles every event with time <= end_days in (time, sequence) order, then advances the clock
  // to end_days (unless stop() was called). handler(const Event&) may schedule and cancel events.
  template <class Handler>
  void run_until(double end_days, Handler&& handler) {
    stop_requested_ = false;
    while (!stop_requested_ && calendar_.next_time() <= end_days) step(handler);
    if (!stop_requested_ && end_days > now_days_) now_days_ = end_days;
  }

  // Handles events until none is left (or stop() is called).
  template <class Handler>
  void run(Handler&& handler) {
    stop_requested_ = false;
    while (!stop_requested_ && !calendar_.empty()) step(handler);
  }

  void reserve(std::size_t events) { calendar_.reserve(events); }

  // Back to time zero with an empty calendar; keeps allocated capacity.
  void reset() noexcept {
    calendar_.clear();
    now_days_ = 0.0;
    events_processed_ = 0;
    stop_requested_ = false;
  }

 private:
  template <class Handler>
  void step(Handler& handler) {
    Event event = calendar_.pop();
    now_days_ = event.time;
    ++events_processed_;
    handler(static_cast<const Event&>(event));
  }

  Calendar calendar_;
  double now_days_ = 0.0;
  std::uint64_t events_processed_ = 0;
  bool stop_requested_ = false;
};

}  // namespace c2msim::engine
