#pragma once
// SIGINT and SIGTERM: the unfinished output is removed and c2msim exits with status 128 + the
// signal's number (130, 143). The run's oneTBB worker threads make a signal handler the wrong
// place for that (almost nothing is safe in one), so the signals are blocked in every thread and
// one thread of ours waits for them with sigwait, where any code may run.

#include "sim/output/output_directory.hpp"

namespace c2msim::cli {

// Blocks SIGINT and SIGTERM and starts the thread that waits for them. Call it first in main,
// before any other thread exists: threads inherit the blocked signals from their creator.
void start_interrupt_guard();

// While it lives, SIGINT or SIGTERM discard()s the directory's staging folder before exiting.
class DiscardOnInterrupt {
 public:
  explicit DiscardOnInterrupt(output::OutputDirectory& dir);
  ~DiscardOnInterrupt();
  DiscardOnInterrupt(const DiscardOnInterrupt&) = delete;
  DiscardOnInterrupt& operator=(const DiscardOnInterrupt&) = delete;

 private:
  output::OutputDirectory& dir_;
};

}  // namespace c2msim::cli
