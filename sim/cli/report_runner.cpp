#include "sim/cli/report_runner.hpp"

#include <fmt/core.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern char** environ;

namespace c2msim::cli {
namespace {

// The report uses Debian's pandas and matplotlib, which only the system interpreter sees.
constexpr const char* kPython = "/usr/bin/python3";

}  // namespace

std::filesystem::path analysis_dir() {
  if (const char* dir = std::getenv("C2MSIM_ANALYSIS_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return C2MSIM_ANALYSIS_DIR_DEFAULT;
}

int write_report(const std::filesystem::path& out_dir, std::string_view command) {
  const std::filesystem::path script = analysis_dir() / "report.py";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(script, ec)) {
    fmt::print(stderr,
               "c2msim {}: error: no report script at {} (set C2MSIM_ANALYSIS_DIR to the "
               "folder holding report.py); the results are in {}/\n",
               command, script.string(), out_dir.string());
    return 1;
  }
  std::vector<std::string> args{kPython, script.string(), out_dir.string(), "--quiet"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // c2msim blocks SIGINT and SIGTERM (interrupt_guard.hpp); the script must not inherit that.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, kPython, nullptr, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) {
    fmt::print(stderr,
               "c2msim {}: error: cannot start {} for the report: {} (scripts/install-deps.sh "
               "installs it); the results are in {}/\n",
               command, kPython, std::strerror(spawned), out_dir.string());
    return 1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) == -1) {
    if (errno != EINTR) {
      fmt::print(stderr, "c2msim {}: error: waiting for the report: {}\n", command,
                 std::strerror(errno));
      return 1;
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fmt::print(stderr,
               "c2msim {}: error: the report failed ({} {} exited with status {}); the results "
               "are in {}/\n",
               command, kPython, script.string(), WIFEXITED(status) ? WEXITSTATUS(status) : -1,
               out_dir.string());
    return 1;
  }
  return 0;
}

int report_if_asked(bool wanted, const std::string& out_dir, bool quiet, std::string_view command) {
  if (!wanted) return 0;
  if (const int status = write_report(out_dir, command); status != 0) return status;
  if (!quiet) fmt::print("report in {}/report.html\n", out_dir);
  return 0;
}

}  // namespace c2msim::cli
