#pragma once
// The future-event list: events ordered by (time, insertion sequence), with cancellation.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

namespace c2msim::engine {

// Names one scheduled event so that it can be cancelled or rescheduled. A handle stays safe to use
// after its event has run or been cancelled: the calendar then simply reports it as not pending.
struct EventHandle {
  std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
  std::uint64_t sequence = 0;
};

// A d-ary min-heap keyed on (time, sequence), whose entries point into a pool of slots that hold
// the payloads. Why this structure: the hold-model benchmark (c2msim-bench --arity) measured d = 4
// fastest of d = 2, 4, 8 at 1e2..1e6 pending events on x86-64 (shallower than a binary heap, and
// four 24-byte children share cache lines); a pairing heap allocates a node per event and an
// indexed heap pays a position update on every swap, which this design avoids.
// Cancellation is lazy: cancelling frees the slot, and the heap entry, whose sequence number no
// longer matches its slot's, is discarded when it reaches the top. The heap is compacted when
// stale entries outnumber live ones, so memory stays proportional to the pending events.
// In steady state nothing is allocated: popped slots go to a free list and are reused by the next
// schedule, and the heap vector keeps its capacity.
template <class Payload, unsigned Arity = 4>
class EventCalendar {
  static_assert(Arity >= 2, "a heap needs at least two children per node");

 public:
  struct Event {
    double time = 0.0;
    std::uint64_t sequence = 0;
    Payload payload{};
  };

  // Adds an event; ties in time run in the order they were scheduled.
  EventHandle schedule(double time, Payload payload) {
    if (!std::isfinite(time)) throw std::invalid_argument("event time must be finite");
    const std::uint64_t sequence = next_sequence_++;
    std::uint32_t slot;
    if (free_slots_.empty()) {
      if (slots_.size() >= kNoSlot) throw std::length_error("event calendar is full");
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{sequence, std::move(payload)});
    } else {
      slot = free_slots_.back();
      free_slots_.pop_back();
      slots_[slot] = Slot{sequence, std::move(payload)};
    }
    heap_.push_back(Entry{time, sequence, slot});
    sift_up(heap_.size() - 1);
    ++live_;
    return EventHandle{slot, sequence};
  }

  // True while the event is scheduled and has neither run nor been cancelled.
  [[nodiscard]] bool pending(EventHandle handle) const noexcept {
    return handle.slot < slots_.size() && slots_[handle.slot].sequence == handle.sequence &&
           handle.sequence != kFreeSequence;
  }

  // Removes a pending event. Returns false (and does nothing) if it is no longer pending.
  bool cancel(EventHandle handle) {
    if (!pending(handle)) return false;
    release_slot(handle.slot);
    --live_;
    if (heap_.size() > 2 * live_ + kCompactionSlack) compact();
    return true;
  }

  [[nodiscard]] bool empty() const noexcept { return live_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return live_; }

  // Time of the earliest pending event; +infinity when there is none.
  [[nodiscard]] double next_time() {
    discard_stale_top();
    return heap_.empty() ? std::numeric_limits<double>::infinity() : heap_.front().time;
  }

  // Removes and returns the earliest pending event. Precondition: !empty().
  Event pop() {
    discard_stale_top();
    if (heap_.empty()) throw std::logic_error("pop from an empty event calendar");
    const Entry top = heap_.front();
    remove_top();
    Slot& slot = slots_[top.slot];
    Event event{top.time, top.sequence, std::move(slot.payload)};
    release_slot(top.slot);
    --live_;
    return event;
  }

  // The payload of a pending event, or nullptr.
  [[nodiscard]] const Payload* find(EventHandle handle) const noexcept {
    return pending(handle) ? &slots_[handle.slot].payload : nullptr;
  }

  void reserve(std::size_t events) {
    heap_.reserve(events);
    slots_.reserve(events);
    free_slots_.reserve(events);
  }

  void clear() noexcept {
    heap_.clear();
    slots_.clear();
    free_slots_.clear();
    live_ = 0;
  }

 private:
  static constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint64_t kFreeSequence = std::numeric_limits<std::uint64_t>::max();
  static constexpr std::size_t kCompactionSlack = 64;

  struct Entry {
    double time;
    std::uint64_t sequence;
    std::uint32_t slot;
  };
  struct Slot {
    std::uint64_t sequence;  // kFreeSequence when the slot holds no pending event
    Payload payload;
  };

  static bool earlier(const Entry& a, const Entry& b) noexcept {
    return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
  }

  bool stale(const Entry& e) const noexcept { return slots_[e.slot].sequence != e.sequence; }

  void release_slot(std::uint32_t slot) {
    slots_[slot].sequence = kFreeSequence;
    free_slots_.push_back(slot);
  }

  void discard_stale_top() {
    while (!heap_.empty() && stale(heap_.front())) remove_top();
  }

  void remove_top() {
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
  }

  void sift_up(std::size_t i) {
    const Entry moving = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / Arity;
      if (!earlier(moving, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = moving;
  }

  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    const Entry moving = heap_[i];
    for (;;) {
      const std::size_t first = i * Arity + 1;
      if (first >= n) break;
      const std::size_t last = first + Arity < n ? first + Arity : n;
      std::size_t best = first;
      for (std::size_t c = first + 1; c < last; ++c) {
        if (earlier(heap_[c], heap_[best])) best = c;
      }
      if (!earlier(heap_[best], moving)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = moving;
  }

  // Drops every stale entry and rebuilds the heap bottom-up in O(n).
  void compact() {
    std::size_t kept = 0;
    for (const Entry& e : heap_) {
      if (!stale(e)) heap_[kept++] = e;
    }
    heap_.resize(kept);
    for (std::size_t i = kept / Arity + 1; i-- > 0;) {
      if (i < kept) sift_down(i);
    }
  }

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::size_t live_ = 0;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace c2msim::engine
