#pragma once
// A problem found in a scenario file, with where it is and which key it concerns. Problems are
// values: the loader collects every one of them, and only the command line prints them (one line
// each, `FILE:LINE:COLUMN: error: key.path: what was expected`) and chooses the exit status.

#include <string>
#include <string_view>
#include <vector>

namespace c2msim::scenario {

// 1-based line and column of a piece of text; 0 when a problem concerns the whole file.
// `argument` is 0 for text of the file, and k >= 1 for a value given by the k-th command-line
// argument that overrides the file (`--set KEY=VALUE`, `--sweep KEY=VALUES`), whose problems are
// reported at the argument instead of a line.
struct SourcePosition {
  int line = 0;
  int column = 0;
  int argument = 0;

  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

struct Diagnostic {
  std::string file;
  SourcePosition position;
  std::string key_path;  // e.g. `arms.c2m.nodes[2].capacity_per_day`; empty for the whole file
  std::string message;   // what was expected, and what was found
  // For a problem in a value given on the command line: the argument as typed, e.g.
  // `--set horizon_days=x`; `file` is then the scenario it overrides and `position` means nothing.
  std::string argument = {};
  // The system failed (an I/O error, memory), not the input: the command exits with status 1.
  bool system_failure = false;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// `FILE:LINE:COLUMN: error: key.path: message`, the format compilers use, so editors can jump to
// the place. A position of 0 (the whole file) is printed as 1:1. A problem in a command-line
// argument is `ARGUMENT: error: message`, with the key path when it is not the argument's own.
// Always one line: control characters of the file name, key path and message are escaped.
std::string to_string(const Diagnostic& diagnostic);

// `text` with its control characters written as escapes (`\n`, `\t`, `\r`, `\xHH`, and `\u0085`
// for a C1 control in UTF-8), so that a message echoing user text stays on one line and cannot
// drive the terminal. Everything else, quotes and backslashes included, is kept as it is.
std::string one_line(std::string_view text);

// The exit status for a list of problems: 0 with none, 1 when the system failed, 2 for bad input.
int exit_status(const std::vector<Diagnostic>& diagnostics);

// Collects the problems of one file.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  void error(SourcePosition position, std::string key_path, std::string message);
  // A problem of the system rather than of the file (a read error, memory): exit status 1.
  void system_failure(std::string message);

  // Registers a command-line argument (as typed, e.g. `--set horizon_days=x`) whose values carry
  // the returned number as their position's `argument`.
  int add_argument(std::string text);
  // The key path the argument's value was placed at: a problem there is reported without it.
  void set_argument_path(int argument, std::string key_path);

  [[nodiscard]] bool empty() const noexcept { return list_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return list_.size(); }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }

  // The problems in command-line arguments first, then in file order (line, then column), each
  // reported once.
  [[nodiscard]] std::vector<Diagnostic> sorted() const;

 private:
  struct Argument {
    std::string text;
    std::string key_path;
  };

  std::string file_;
  std::vector<Argument> arguments_;
  std::vector<Diagnostic> list_;
};

}  // namespace c2msim::scenario
