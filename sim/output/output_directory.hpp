#pragma once
// The output directory of a run (`--out NAME`), replaced only when the run is complete and only
// when replacing it loses nothing of the user's.
//
// The constructor does every check before the run starts: NAME must name a folder (not "", ".",
// ".."), its parent must exist or be creatable, and the hidden siblings must fit the file
// system's name limit. It then takes a lock on `.NAME.lock` beside NAME (flock, released by the
// kernel when the process ends), so a second run into NAME is refused at once; under the lock,
// leftovers of earlier runs that died are cleaned up. What is at NAME may be replaced only when
// it is nothing, an empty folder or a folder c2msim wrote (its manifest.json carries
// `c2msim_version`), or any folder with `force`; never a file, a device or a symbolic link, and
// never a folder holding one of the run's input files.
//
// Files are written into the hidden staging folder `.NAME.partial-PID`. commit() swaps it with
// NAME in one step (renameat2 RENAME_EXCHANGE); where the file system cannot, NAME is renamed
// aside to `.NAME.previous-PID` and the staging folder in, and a crash between the two is repaired
// by the next run, which renames the aside folder back. A run that fails or is interrupted leaves
// the previous results as they were and no half-written files under NAME.

#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace c2msim::output {

// NAME must not be used as the output directory: the message says which path and why.
class OutputRefused : public std::runtime_error {
 public:
  OutputRefused(const std::string& message, bool force_would_help)
      : std::runtime_error(message), force_would_help_(force_would_help) {}
  // True when `force` would replace what is there (a folder c2msim did not write).
  [[nodiscard]] bool force_would_help() const noexcept { return force_would_help_; }

 private:
  bool force_would_help_;
};

class OutputDirectory {
 public:
  // Checks and locks `final_path` and creates the staging folder; throws OutputRefused when the
  // path cannot or must not be used. `force` also allows replacing a folder c2msim did not write;
  // a folder holding any of `inputs` (the scenario file) is never replaced.
  OutputDirectory(std::filesystem::path final_path, bool force,
                  const std::vector<std::filesystem::path>& inputs);
  ~OutputDirectory();  // discard()s; releases the lock
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  // Where to write `name` before commit().
  [[nodiscard]] std::filesystem::path file(const std::string& name) const {
    return staging_ / name;
  }
  [[nodiscard]] const std::filesystem::path& final_path() const noexcept { return final_; }

  // Replaces what is at the final path with the staged files (checking again that it may).
  void commit();

  // Removes the staging folder unless commit() has run; true when it did. Safe to call from
  // another thread while files are being written or committed (an interrupt handler does), and
  // more than once.
  bool discard() noexcept;

 private:
  [[nodiscard]] std::filesystem::path sibling(const char* tag) const;
  void remove_leftovers() const;
  // Whether something is at the final path; throws OutputRefused when it must not be replaced.
  [[nodiscard]] bool check_replaceable() const;

  std::filesystem::path final_;
  std::filesystem::path staging_;
  bool force_;
  std::vector<std::filesystem::path> inputs_;
  int lock_fd_ = -1;
  std::mutex mutex_;  // orders commit() and discard()
  bool committed_ = false;
  bool discarded_ = false;
};

}  // namespace c2msim::output
