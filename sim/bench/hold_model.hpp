#pragma once
// The classic hold model (Vaucher & Duval 1975; Jones 1986): keep N events pending; each "hold"
// removes the earliest and schedules a new one at its time plus a random increment. The time per
// hold at a given N is the standard figure of merit for a future-event list.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <vector>

namespace c2msim::bench {

struct HoldTiming {
  double ns_per_hold = 0.0;
  double checksum = 0.0;  // the last event time: keeps the work observable and checks equivalence
};

// Exponential(1) increments shared by every contender, drawn once so that the random number
// generator's cost is the same for all and not part of what is compared.
std::vector<double> hold_increments(std::size_t count);

HoldTiming hold_on_engine(std::size_t queue_size, std::size_t holds,
                          const std::vector<double>& increments);
// Every pending event a recurring timer, re-armed by its own firing.
HoldTiming hold_on_timers(std::size_t queue_size, std::size_t holds,
                          const std::vector<double>& increments);
// std::priority_queue of (time, sequence) entries carrying the same 4-byte payload as the engine's
// events (24-byte entries, as the engine's), and of the bare (time, sequence) keys (16 bytes).
HoldTiming hold_on_priority_queue(std::size_t queue_size, std::size_t holds,
                                  const std::vector<double>& increments);
HoldTiming hold_on_keys_only_priority_queue(std::size_t queue_size, std::size_t holds,
                                            const std::vector<double>& increments);
HoldTiming hold_on_calendar_with_arity(unsigned arity, std::size_t queue_size, std::size_t holds,
                                       const std::vector<double>& increments);

// Engine against std::priority_queue at each size: {"size", "engine_ns_per_hold",
// "baseline_ns_per_hold", "ratio", "keys_only_baseline_ns_per_hold", "keys_only_ratio"} per size,
// up to 1e5 "timers_ns_per_hold" and "timers_ratio" (the same hold model on recurring timers), plus
// the heap-arity study.
nlohmann::json run_hold_benchmark(const std::vector<std::size_t>& sizes, int repetitions,
                                  bool arity_study, bool show_progress);

}  // namespace c2msim::bench
