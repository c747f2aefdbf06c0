#pragma once
// A problem found in a scenario file, with where it is and which key it concerns. Problems are
// values: the loader collects every one of them, and only the command line prints them (one line
// each, `FILE:LINE:COLUMN: error: key.path: what was expected`) and chooses the exit status.

#include <string>
#include <string_view>
#include <vector>

namespace c2msim::scenario {

// 1-based line and column of a piece of text; 0 when a problem concerns the whole file.
struct SourcePosition {
  int line = 0;
  int column = 0;

  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

struct Diagnostic {
  std::string file;
  SourcePosition position;
  std::string key_path;  // e.g. `arms.c2m.nodes[2].capacity_per_day`; empty for the whole file
  std::string message;   // what was expected, and what was found

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// `FILE:LINE:COLUMN: error: key.path: message`, the format compilers use, so editors can jump to
// the place. A position of 0 (the whole file) is printed as 1:1.
std::string to_string(const Diagnostic& diagnostic);

// Collects the problems of one file.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  void error(SourcePosition position, std::string key_path, std::string message) {
    list_.push_back({file_, position, std::move(key_path), std::move(message)});
  }

  [[nodiscard]] bool empty() const noexcept { return list_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return list_.size(); }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }

  // The problems in file order (line, then column), each reported once.
  [[nodiscard]] std::vector<Diagnostic> sorted() const;

 private:
  std::string file_;
  std::vector<Diagnostic> list_;
};

}  // namespace c2msim::scenario
