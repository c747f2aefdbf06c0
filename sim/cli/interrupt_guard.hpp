#pragma once
// SIGINT, SIGTERM and SIGHUP: the unfinished output is removed and c2msim exits with status 128 +
// the signal's number (130, 143, 129). The run's oneTBB worker threads make a signal handler the
// wrong place for that (almost nothing is safe in one), so the signals are blocked in every thread
// and one thread of ours waits for them with sigwait, where any code may run.

#include <filesystem>
#include <optional>
#include <vector>

#include "sim/output/output_directory.hpp"

namespace c2msim::cli {

// Blocks SIGINT, SIGTERM and SIGHUP and starts the thread that waits for them. Call it first in
// main, before any other thread exists: threads inherit the blocked signals from their creator.
void start_interrupt_guard();

// A command's output directory (output::OutputDirectory), whose staging folder such a signal
// removes for as long as this lives. It is made and registered under the lock the waiting thread
// takes, so a signal that comes while the staging folder is being made removes it too.
class InterruptibleOutput {
 public:
  InterruptibleOutput(const std::filesystem::path& out, bool force,
                      const std::vector<std::filesystem::path>& inputs);
  ~InterruptibleOutput();
  InterruptibleOutput(const InterruptibleOutput&) = delete;
  InterruptibleOutput& operator=(const InterruptibleOutput&) = delete;

  [[nodiscard]] output::OutputDirectory& dir() { return *dir_; }

 private:
  std::optional<output::OutputDirectory> dir_;
};

}  // namespace c2msim::cli
