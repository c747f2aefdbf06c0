#pragma once
// Runs a program as a child process and captures what it prints on stdout.

#include <string>
#include <vector>

namespace c2msim::bench {

struct ChildRun {
  bool started = false;  // false: the program could not be started (not found, not executable)
  int status = -1;       // its exit status, or -1 when it did not exit normally
  std::string out;       // what it printed on stdout
};

// `program` is looked up on PATH unless it holds a slash (posix_spawnp); its stderr goes to this
// process's, or to /dev/null with `quiet_stderr`.
ChildRun run_child(const std::string& program, const std::vector<std::string>& arguments,
                   bool quiet_stderr = false);

}  // namespace c2msim::bench
