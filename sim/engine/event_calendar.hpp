#pragma once
// The future-event list: events ordered by (time, insertion sequence), with cancellation, a
// queue for events due at the current time and recurring timers kept outside the heap.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/engine/heap_allocator.hpp"
#include "sim/engine/sequence_set.hpp"

namespace c2msim::engine {

// Names one scheduled event so that it can be cancelled or rescheduled. A handle stays safe to use
// after its event has run or been cancelled: the calendar then simply reports it as not pending.
// A default-constructed handle names no event.
struct EventHandle {
  double time = 0.0;
  std::uint64_t sequence = std::numeric_limits<std::uint64_t>::max();
};

// What the calendar did, for benchmarks. A "calendar operation" is one heap push and the removal
// that matches it (every event pushed is removed exactly once, whether it runs or is dropped after
// a cancellation), so calendar operations = heap_pushes; events served by the zero-delay queue
// or by a timer cost none.
struct CalendarCounters {
  std::uint64_t heap_pushes = 0;
  std::uint64_t heap_pops = 0;      // events run from the heap
  std::uint64_t fifo_events = 0;    // events run from the zero-delay queue
  std::uint64_t timer_firings = 0;  // recurring timers that fired
};

// Three sources merged in (time, sequence) order; every event and every arming of a timer takes
// the next number of one sequence counter, so ties in time run in the order they were scheduled.
// - A d-ary min-heap of (time, sequence, payload) entries, the payload inline: no second array
//   to miss into. d = 8 measured fastest of 2, 4 and 8 on the hold model with a million pending
//   events and within a few per cent of d = 4 below (c2msim-bench --arity); its storage starts
//   each family on a cache line and sits on huge pages when large (sim/engine/heap_allocator.hpp).
//   The entry of the event just run stays at the top until the calendar next needs the heap: if
//   its handler schedules an event (as most do), the new entry takes its place, one sift for the
//   pair; otherwise it is removed then.
// - A FIFO for events scheduled at the current time: they come after the heap's events at that
//   time (scheduled earlier, so with smaller sequence numbers) and skip the heap.
// - Recurring timers: a model registers a payload per timer and re-arms a timer after it fires;
//   armed timers sit in a small indexed heap of their own, and a timer re-armed by the handler of
//   its own firing is moved by one sift instead of a pop and a push.
// Cancellation costs nothing for events that are never cancelled: the calendar remembers which
// events are done by a watermark, the (time, sequence) of the last event it removed (everything
// issued before it and not after it in the order is done), and keeps a set of the cancelled events
// still queued, which it drops when they reach the front. When cancelled entries outnumber live
// ones the queues are compacted; the sorted list of survivors then tells which older handles are
// still pending, so memory stays proportional to the pending events.
// In steady state nothing is allocated: vectors keep their capacity.
template <class Payload, unsigned Arity = 8>
class EventCalendar {
  static_assert(Arity >= 2, "a heap needs at least two children per node");
  // The timers' heap: its sifts keep each timer's position current, a write per move. With
  // branches choosing the child 8 measured a third slower than 4; bottom-up (a re-armed timer's
  // own firing, the common case) the two are within noise.
  static constexpr unsigned kTimerArity = 4;

 public:
  struct Event {
    double time = 0.0;
    std::uint64_t sequence = 0;
    Payload payload{};
  };
  using TimerId = std::uint32_t;

  // The time of the last event removed (or advanced to); events cannot be scheduled before it.
  [[nodiscard]] double now() const noexcept { return now_; }

  // Adds an event at time >= now(); ties in time run in the order they were scheduled.
  EventHandle schedule(double time, Payload payload) {
    check_time(time);
    time += 0.0;  // -0.0 becomes +0.0, so that the bit patterns of times order as they do
    const std::uint64_t sequence = next_sequence_++;
    if (time == now_) {
      if (fifo_head_ >= kCompactionSlack && 2 * fifo_head_ >= fifo_.size()) drop_served_fifo();
      fifo_.push_back(Queued{sequence, std::move(payload)});
    } else if (heap_top_taken_) {
      // The handler of the event just taken from the top schedules another, which takes the
      // top's place: one sift instead of a removal and an insertion.
      heap_top_taken_ = false;
      replace_heap_top(Entry{time, sequence, std::move(payload)});
      ++counters_.heap_pushes;
    } else {
      heap_.push_back(Entry{time, sequence, std::move(payload)});
      sift_up<Arity>(heap_, heap_.size() - 1, kNoMoveHook);
      ++counters_.heap_pushes;
    }
    return EventHandle{time, sequence};
  }

  // True while the event is scheduled and has neither run nor been cancelled.
  [[nodiscard]] bool pending(EventHandle handle) const noexcept {
    if (handle.sequence < first_sequence_ || handle.sequence >= next_sequence_) return false;
    if (done(handle.time, handle.sequence)) return false;
    if (handle.sequence < snapshot_limit_ &&
        !std::binary_search(snapshot_.begin(), snapshot_.end(), handle.sequence)) {
      return false;  // dropped by a compaction
    }
    return !cancelled_.contains(handle.sequence);
  }

  // Removes a pending event. Returns false (and does nothing) if it is no longer pending.
  bool cancel(EventHandle handle) {
    if (!pending(handle)) return false;
    cancelled_.insert(handle.sequence);
    const std::size_t stale = cancelled_.size();
    if (stale > queued() - stale + kCompactionSlack) compact();
    return true;
  }

  // Pending events and armed timers.
  [[nodiscard]] std::size_t size() const noexcept {
    return queued() - cancelled_.size() + timer_heap_.size() - (timer_top_fired_ ? 1 : 0);
  }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }

  // Time of the earliest pending event; +infinity when there is none.
  [[nodiscard]] double next_time() { return time_of(head()); }

  // Removes and returns the earliest pending event. Precondition: !empty().
  Event pop() {
    const Source source = head();
    if (source == Source::kNone) throw std::logic_error("pop from an empty event calendar");
    Event event;
    take(source, event);
    return event;
  }

  // Moves the earliest pending event into `event` if it is due no later than `end`.
  bool pop_until(double end, Event& event) {
    const Source source = head();
    if (source == Source::kNone || time_of(source) > end) return false;
    take(source, event);
    return true;
  }

  // Moves the clock to `time` with nothing pending before or at it (the end of a run).
  void advance_to(double time) {
    check_time(time);
    if (time == now_) return;
    if (next_time() <= time) throw std::logic_error("events are pending before that time");
    now_ = time;
    mark_done(time, std::numeric_limits<std::uint64_t>::max());
  }

  // The payload of a pending event, or nullptr. It looks the event up by a scan of the queues,
  // which rescheduling needs and nothing on the hot path does; the pointer is valid until the
  // calendar next changes.
  [[nodiscard]] const Payload* find(EventHandle handle) const noexcept {
    if (!pending(handle)) return nullptr;
    for (std::size_t i = heap_top_taken_ ? 1 : 0; i < heap_.size(); ++i) {
      if (heap_[i].sequence == handle.sequence) return &heap_[i].payload;
    }
    for (std::size_t i = fifo_head_; i < fifo_.size(); ++i) {
      if (fifo_[i].sequence == handle.sequence) return &fifo_[i].payload;
    }
    return nullptr;
  }

  // Registers a recurring timer, not armed, whose firings carry `payload`.
  TimerId add_timer(Payload payload) {
    if (timers_.size() >= kUnarmed) throw std::length_error("too many timers");
    timers_.push_back(Timer{std::move(payload), kUnarmed});
    return static_cast<TimerId>(timers_.size() - 1);
  }
  [[nodiscard]] std::size_t timer_count() const noexcept { return timers_.size(); }

  // Arms (or re-arms) a timer to fire at time >= now(). It ranks exactly as an event scheduled
  // now would: replacing schedule(time, payload) by arm_timer(id, time) keeps the order.
  void arm_timer(TimerId id, double time) {
    Timer& timer = checked_timer(id);
    check_time(time);
    const TimerEntry entry{time + 0.0, next_sequence_++, id};
    if (timer_top_fired_ && timer.position == 0) {
      // The handler of this timer's own firing re-arms it, later than it fired: it takes the
      // top's place.
      timer_top_fired_ = false;
      replace_timer_top(entry);
      return;
    }
    settle_fired_timer();
    if (timer.position == kUnarmed) {
      timer_heap_.push_back(entry);
      sift_up<kTimerArity>(timer_heap_, timer_heap_.size() - 1, TimerMoveHook{timers_});
    } else {
      const std::uint32_t at = timer.position;
      timer_heap_[at] = entry;
      sift_up<kTimerArity>(timer_heap_, at, TimerMoveHook{timers_});
      sift_down<kTimerArity>(timer_heap_, timer.position, TimerMoveHook{timers_});
    }
  }

  [[nodiscard]] bool timer_armed(TimerId id) const {
    if (id >= timers_.size()) throw std::out_of_range("no such timer");
    const std::uint32_t at = timers_[id].position;
    return at != kUnarmed && !(timer_top_fired_ && at == 0);
  }

  // Stops an armed timer from firing; does nothing if it is not armed.
  void disarm_timer(TimerId id) {
    Timer& timer = checked_timer(id);
    settle_fired_timer();
    if (timer.position == kUnarmed) return;
    remove_timer_at(timer.position);
  }

  [[nodiscard]] const CalendarCounters& counters() const noexcept { return counters_; }

  void reserve(std::size_t events) { heap_.reserve(events); }

  // No events, no armed timers (the timers stay registered), the clock at zero. Handles issued
  // before stay safe: they are reported as not pending.
  void clear() noexcept {
    heap_.clear();
    heap_top_taken_ = false;
    fifo_.clear();
    fifo_head_ = 0;
    cancelled_.clear();
    snapshot_.clear();
    snapshot_limit_ = 0;
    timer_heap_.clear();
    for (Timer& t : timers_) t.position = kUnarmed;
    timer_top_fired_ = false;
    now_ = 0.0;
    first_sequence_ = next_sequence_;
    done_limit_ = next_sequence_;
    counters_ = CalendarCounters{};
  }

 private:
  static constexpr std::uint32_t kUnarmed = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::size_t kCompactionSlack = 64;
  static constexpr double kInfinity = std::numeric_limits<double>::infinity();

  enum class Source : std::uint8_t { kNone, kHeap, kFifo, kTimer };

  struct Entry {
    double time;
    std::uint64_t sequence;
    Payload payload;
  };
  struct Queued {  // a FIFO event: its time is now_
    std::uint64_t sequence;
    Payload payload;
  };
  struct TimerEntry {
    double time;
    std::uint64_t sequence;
    TimerId id;
  };
  struct Timer {
    Payload payload;
    std::uint32_t position;  // in timer_heap_, or kUnarmed
  };
  struct NoMoveHook {
    void operator()(const Entry&, std::size_t) const noexcept {}
  };
  static constexpr NoMoveHook kNoMoveHook{};
  struct TimerMoveHook {  // keeps each timer's position in its heap current
    std::vector<Timer>& timers;
    void operator()(const TimerEntry& e, std::size_t at) const noexcept {
      timers[e.id].position = static_cast<std::uint32_t>(at);
    }
  };

  static bool earlier(double ta, std::uint64_t sa, double tb, std::uint64_t sb) noexcept {
    return ta < tb || (ta == tb && sa < sb);
  }
  // The same order without a branch: times are never negative (nor -0.0), so their bit patterns
  // order as the times do and the (time, sequence) key compares as one 128-bit integer.
  template <class E>
  static bool earlier_branch_free(const E& a, const E& b) noexcept {
    __extension__ using Wide = unsigned __int128;
    const Wide ka = static_cast<Wide>(std::bit_cast<std::uint64_t>(a.time)) << 64 | a.sequence;
    const Wide kb = static_cast<Wide>(std::bit_cast<std::uint64_t>(b.time)) << 64 | b.sequence;
    return ka < kb;
  }
  template <class E>
  static bool earlier(const E& a, const E& b) noexcept {
    return earlier(a.time, a.sequence, b.time, b.sequence);
  }

  // One sift for both heaps; `moved` learns where each entry lands (a no-op for the event heap).
  template <unsigned D, class Heap, class Hook>
  static void sift_up(Heap& heap, std::size_t i, Hook moved) {
    auto moving = std::move(heap[i]);
    while (i > 0) {
      const std::size_t parent = (i - 1) / D;
      if (!earlier(moving, heap[parent])) break;
      heap[i] = std::move(heap[parent]);
      moved(heap[i], i);
      i = parent;
    }
    heap[i] = std::move(moving);
    moved(heap[i], i);
  }

  // The earliest of the children first.. of a heap of n entries (first < n).
  template <unsigned D, class Heap>
  static std::size_t earliest_child(const Heap& heap, std::size_t first, std::size_t n) noexcept {
    const std::size_t last = first + D < n ? first + D : n;
    std::size_t best = first;
    for (std::size_t c = first + 1; c < last; ++c) {
      if (earlier(heap[c], heap[best])) best = c;
    }
    return best;
  }
  // The same by conditional moves: no mispredicted branch per level.
  template <unsigned D, class Heap>
  static std::size_t earliest_child_branch_free(const Heap& heap, std::size_t first,
                                                std::size_t n) noexcept {
    std::size_t best = first;
    if (first + D <= n) {  // a full family: a fixed count the compiler unrolls
      for (std::size_t c = first + 1; c < first + D; ++c) {
        best = earlier_branch_free(heap[c], heap[best]) ? c : best;
      }
    } else {
      for (std::size_t c = first + 1; c < n; ++c) {
        best = earlier_branch_free(heap[c], heap[best]) ? c : best;
      }
    }
    return best;
  }

  template <unsigned D, class Heap, class Hook>
  static void sift_down(Heap& heap, std::size_t i, Hook moved) {
    const std::size_t n = heap.size();
    auto moving = std::move(heap[i]);
    for (;;) {
      const std::size_t first = i * D + 1;
      if (first >= n) break;
      const std::size_t best = earliest_child<D>(heap, first, n);
      if (!earlier(heap[best], moving)) break;
      heap[i] = std::move(heap[best]);
      moved(heap[i], i);
      i = best;
    }
    heap[i] = std::move(moving);
    moved(heap[i], i);
  }

  void check_time(double time) const {
    if (!(time >= now_ && time < kInfinity)) throw_bad_time();
  }
  // Out of line, so that the checks leave schedule() small enough to inline into handlers.
  [[noreturn, gnu::cold, gnu::noinline]] static void throw_bad_time() {
    throw std::invalid_argument("event time must be finite and not before the current time");
  }

  Timer& checked_timer(TimerId id) {
    if (id >= timers_.size()) throw std::out_of_range("no such timer");
    return timers_[id];
  }

  [[nodiscard]] std::size_t queued() const noexcept {
    return heap_.size() - (heap_top_taken_ ? 1 : 0) + (fifo_.size() - fifo_head_);
  }

  // Every event issued so far that is not after (time, sequence) in the order is done; events
  // issued later are not (they may still be due at an earlier time than this one).
  void mark_done(double time, std::uint64_t sequence) noexcept {
    done_time_ = time;
    done_sequence_ = sequence;
    done_limit_ = next_sequence_;
  }
  [[nodiscard]] bool done(double time, std::uint64_t sequence) const noexcept {
    return sequence < done_limit_ && !earlier(done_time_, done_sequence_, time, sequence);
  }

  // The source of the earliest pending event, after dropping cancelled events that are earliest.
  Source head() {
    settle_taken_heap_top();
    if (fifo_head_ == fifo_.size() && timer_heap_.empty() && cancelled_.empty()) {
      return heap_.empty() ? Source::kNone : Source::kHeap;  // the common case: only the heap
    }
    settle_fired_timer();
    for (;;) {
      const Source source = earliest();
      if (cancelled_.empty() || source == Source::kNone || source == Source::kTimer) {
        return source;
      }
      const bool from_heap = source == Source::kHeap;
      const std::uint64_t sequence = from_heap ? heap_[0].sequence : fifo_[fifo_head_].sequence;
      if (!cancelled_.erase(sequence)) return source;
      mark_done(from_heap ? heap_[0].time : now_, sequence);
      if (from_heap) {
        remove_heap_top();
      } else {
        ++fifo_head_;
      }
    }
  }

  [[nodiscard]] Source earliest() const noexcept {
    Source source = Source::kNone;
    double time = kInfinity;
    std::uint64_t sequence = 0;
    if (!heap_.empty()) {
      source = Source::kHeap;
      time = heap_[0].time;
      sequence = heap_[0].sequence;
    }
    if (fifo_head_ != fifo_.size() &&
        (source == Source::kNone || earlier(now_, fifo_[fifo_head_].sequence, time, sequence))) {
      source = Source::kFifo;
      time = now_;
      sequence = fifo_[fifo_head_].sequence;
    }
    if (!timer_heap_.empty() &&
        (source == Source::kNone ||
         earlier(timer_heap_[0].time, timer_heap_[0].sequence, time, sequence))) {
      source = Source::kTimer;
    }
    return source;
  }

  [[nodiscard]] double time_of(Source source) const noexcept {
    switch (source) {
      case Source::kHeap:
        return heap_[0].time;
      case Source::kFifo:
        return now_;
      case Source::kTimer:
        return timer_heap_[0].time;
      case Source::kNone:
        break;
    }
    return kInfinity;
  }

  void take(Source source, Event& event) {
    switch (source) {
      case Source::kHeap:
        event.time = heap_[0].time;
        event.sequence = heap_[0].sequence;
        event.payload = std::move(heap_[0].payload);
        heap_top_taken_ = true;  // removed lazily: its handler usually schedules an event
        ++counters_.heap_pops;
        break;
      case Source::kFifo:
        event.time = now_;
        event.sequence = fifo_[fifo_head_].sequence;
        event.payload = std::move(fifo_[fifo_head_].payload);
        if (++fifo_head_ == fifo_.size()) {
          fifo_.clear();
          fifo_head_ = 0;
        }
        ++counters_.fifo_events;
        break;
      case Source::kTimer:
        event.time = timer_heap_[0].time;
        event.sequence = timer_heap_[0].sequence;
        event.payload = timers_[timer_heap_[0].id].payload;
        timer_top_fired_ = true;  // removed lazily: its handler usually re-arms it
        ++counters_.timer_firings;
        break;
      case Source::kNone:
        throw std::logic_error("take from an empty event calendar");
    }
    now_ = event.time;
    // Everything up to this event in the order is done, and everything issued later comes
    // after it (no earlier than now, with a larger sequence): no limit is needed.
    done_time_ = event.time;
    done_sequence_ = event.sequence;
    done_limit_ = std::numeric_limits<std::uint64_t>::max();
  }

  // Bottom-up and branch-free: the hole at the top sinks along the earliest children to a leaf,
  // where the last entry fills it and rises (rarely far: it is a late one), one comparison per
  // level fewer than sifting the last entry down. Measured on the hold model (c2msim-bench --suite
  // engine), in cache and out: beyond the cache the heap is bound by the wait for each level's
  // family, whose address depends on the last choice, so fewer levels (d = 8) pay and branches
  // that guess the next family do not (a guess is right one time in d).
  void remove_heap_top() {
    const std::size_t n = heap_.size() - 1;  // entries left, the last one to be placed
    const std::size_t hole = sink_top_hole(n);
    if (hole != n) {
      heap_[hole] = std::move(heap_[n]);
      heap_.pop_back();
      sift_up<Arity>(heap_, hole, kNoMoveHook);
    } else {
      heap_.pop_back();
    }
  }

  // The same with `entry` in place of the last one: the top's entry was taken and a new one comes.
  // The new entry is as likely as any to be late, so bottom-up pays here too (sifting it down
  // from the top measured faster only below 16 pending events).
  void replace_heap_top(Entry entry) {
    const std::size_t hole = sink_top_hole(heap_.size());
    heap_[hole] = std::move(entry);
    sift_up<Arity>(heap_, hole, kNoMoveHook);
  }

  // Moves the hole at the top of the first n entries down along the earliest children to a leaf;
  // returns where it ends.
  std::size_t sink_top_hole(std::size_t n) noexcept {
    std::size_t hole = 0;
    for (std::size_t first = 1; first < n; first = hole * Arity + 1) {
      const std::size_t best = earliest_child_branch_free<Arity>(heap_, first, n);
      heap_[hole] = std::move(heap_[best]);
      hole = best;
    }
    return hole;
  }

  // Removes the entry taken from the top, if no event took its place.
  void settle_taken_heap_top() {
    if (!heap_top_taken_) return;
    heap_top_taken_ = false;
    remove_heap_top();
  }

  // The fired timer at the top re-armed as `entry`: bottom-up and branch-free, as the event heap's
  // replace_heap_top (a re-armed timer is as likely as any to be late).
  void replace_timer_top(const TimerEntry& entry) {
    const std::size_t n = timer_heap_.size();
    std::size_t hole = 0;
    for (std::size_t first = 1; first < n; first = hole * kTimerArity + 1) {
      const std::size_t best = earliest_child_branch_free<kTimerArity>(timer_heap_, first, n);
      timer_heap_[hole] = timer_heap_[best];
      timers_[timer_heap_[hole].id].position = static_cast<std::uint32_t>(hole);
      hole = best;
    }
    timer_heap_[hole] = entry;
    sift_up<kTimerArity>(timer_heap_, hole, TimerMoveHook{timers_});
  }

  void settle_fired_timer() {
    if (!timer_top_fired_) return;
    timer_top_fired_ = false;
    remove_timer_at(0);
  }

  void remove_timer_at(std::uint32_t at) {
    timers_[timer_heap_[at].id].position = kUnarmed;
    const std::size_t last = timer_heap_.size() - 1;
    if (at != last) {
      timer_heap_[at] = timer_heap_[last];
      timer_heap_.pop_back();
      const TimerId moved = timer_heap_[at].id;
      sift_up<kTimerArity>(timer_heap_, at, TimerMoveHook{timers_});
      sift_down<kTimerArity>(timer_heap_, timers_[moved].position, TimerMoveHook{timers_});
    } else {
      timer_heap_.pop_back();
    }
  }

  void drop_served_fifo() {
    fifo_.erase(fifo_.begin(), fifo_.begin() + static_cast<std::ptrdiff_t>(fifo_head_));
    fifo_head_ = 0;
  }

  // Drops every cancelled entry, rebuilds the heap bottom-up in O(n) and lists the survivors.
  void compact() {
    settle_taken_heap_top();
    const auto cancelled = [this](const auto& e) { return cancelled_.contains(e.sequence); };
    heap_.erase(std::remove_if(heap_.begin(), heap_.end(), cancelled), heap_.end());
    drop_served_fifo();
    fifo_.erase(std::remove_if(fifo_.begin(), fifo_.end(), cancelled), fifo_.end());
    for (std::size_t i = heap_.size() / Arity + 1; i > 0; --i) {
      if (i - 1 < heap_.size()) sift_down<Arity>(heap_, i - 1, kNoMoveHook);
    }
    cancelled_.clear();
    snapshot_.clear();
    for (const Entry& e : heap_) snapshot_.push_back(e.sequence);
    for (const Queued& q : fifo_) snapshot_.push_back(q.sequence);
    std::sort(snapshot_.begin(), snapshot_.end());
    snapshot_limit_ = next_sequence_;
  }

  std::vector<Entry, HeapAllocator<Entry>> heap_;
  bool heap_top_taken_ = false;  // heap_[0] was run: it awaits a replacement or its removal
  std::vector<Queued> fifo_;     // served from fifo_head_; emptied whenever it is drained
  std::size_t fifo_head_ = 0;
  std::vector<TimerEntry> timer_heap_;
  std::vector<Timer> timers_;
  bool timer_top_fired_ = false;  // timer_heap_[0] fired and awaits re-arming or removal

  SequenceSet cancelled_;                // cancelled events still in heap_ or fifo_
  std::vector<std::uint64_t> snapshot_;  // sorted: what was queued at the last compaction
  std::uint64_t snapshot_limit_ = 0;     // next_sequence_ at the last compaction

  double now_ = 0.0;
  double done_time_ = 0.0;  // the watermark (see mark_done)
  std::uint64_t done_sequence_ = 0;
  std::uint64_t done_limit_ = 0;
  std::uint64_t first_sequence_ = 0;  // handles older than the last clear() are not pending
  std::uint64_t next_sequence_ = 0;
  CalendarCounters counters_;
};

}  // namespace c2msim::engine
