#pragma once
// A file of the output directory whose every write is checked: a full disk or a file-size limit
// stops the run at the first failed write, with the file's name and the system's reason, instead
// of surfacing (without either) only when the file is closed at the end.

#include <fstream>
#include <string>

namespace c2msim::output {

class OutputFile {
 public:
  // Opens `path` for writing; throws std::system_error naming it when it cannot.
  explicit OutputFile(std::string path);

  [[nodiscard]] std::ostream& stream() noexcept { return out_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

  // Throws std::system_error ("cannot write PATH: REASON") when a write so far has failed. Called
  // right after the writes, so errno still holds the reason of the failed write(2).
  void check();
  // Flushes and closes the file, then check()s.
  void close();

 private:
  std::string path_;
  std::ofstream out_;
};

}  // namespace c2msim::output
