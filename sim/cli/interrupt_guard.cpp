#include "sim/cli/interrupt_guard.hpp"

#include <fmt/core.h>
#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace c2msim::cli {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<output::OutputDirectory*> dirs;
};

// Never destroyed: the waiting thread may use it while the process is exiting.
Registry& registry() {
  static Registry* const r = new Registry;
  return *r;
}

sigset_t interrupt_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);  // the terminal went away
  return set;
}

[[noreturn]] void wait_and_exit(sigset_t signals) {
  int signo = 0;
  while (sigwait(&signals, &signo) != 0) {
  }
  Registry& r = registry();
  // Held until _exit: no directory is unregistered, and so destroyed, while it is discarded.
  const std::lock_guard<std::mutex> lock(r.mutex);
  const char* name = signo == SIGINT ? "SIGINT" : signo == SIGTERM ? "SIGTERM" : "SIGHUP";
  fmt::print(stderr, "\nc2msim: stopped by {}\n", name);
  for (output::OutputDirectory* dir : r.dirs) {
    if (dir->discard()) {
      fmt::print(stderr, "c2msim: the unfinished results were removed; {} is as it was\n",
                 dir->final_path().string());
    }
  }
  std::fflush(stderr);
  ::_exit(128 + signo);
}

}  // namespace

void start_interrupt_guard() {
  const sigset_t signals = interrupt_signals();
  if (const int error = pthread_sigmask(SIG_BLOCK, &signals, nullptr); error != 0) {
    throw std::system_error(error, std::generic_category(),
                            "cannot block SIGINT, SIGTERM and SIGHUP");
  }
  std::thread(wait_and_exit, signals).detach();
}

InterruptibleOutput::InterruptibleOutput(const std::filesystem::path& out, bool force,
                                         const std::vector<std::filesystem::path>& inputs) {
  Registry& r = registry();
  const std::lock_guard<std::mutex> lock(r.mutex);
  dir_.emplace(out, force, inputs);
  r.dirs.push_back(&*dir_);
}

InterruptibleOutput::~InterruptibleOutput() {
  Registry& r = registry();
  const std::lock_guard<std::mutex> lock(r.mutex);
  r.dirs.erase(std::find(r.dirs.begin(), r.dirs.end(), &*dir_));
}

}  // namespace c2msim::cli
