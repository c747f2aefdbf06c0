#include "sim/cli/progress_bar.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace c2msim::cli {
namespace {

class ProgressBar {
 public:
  void update(std::uint64_t done, std::uint64_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done == 0) {  // a run starts
      start_ = now;
      last_ = {};
      return;
    }
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
    constexpr int kWidth = 30;
    const auto filled =
        static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total));
    fmt::print(stderr, "\r[{:<{}}] {}/{} replications  {:.1f}/s  ETA {:.0f} s ",
               std::string(static_cast<std::size_t>(filled), '#'), kWidth, done, total, rate, left);
    if (done == total) fmt::print(stderr, "\n");
    std::fflush(stderr);
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

bool progress_wanted(bool quiet) {
  return !quiet && isatty(fileno(stderr)) != 0;
}

montecarlo::ProgressReport progress_bar() {
  // Shared: the options holding the report are copied (a precision run copies them per round).
  auto bar = std::make_shared<ProgressBar>();
  return [bar](std::uint64_t done, std::uint64_t total) { bar->update(done, total); };
}

}  // namespace c2msim::cli
