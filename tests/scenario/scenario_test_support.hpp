#pragma once
// Helpers of the scenario tests: reading fixture files, running the real c2msim command line on
// files written to a private temporary folder, and locating text in a file (line and column).

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace c2msim::test {

inline std::filesystem::path source_dir() {
  return C2MSIM_SOURCE_DIR;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// The fields of a line of text without quoted fields, the empty last one included.
inline std::vector<std::string> split(const std::string& line, char separator = ',') {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, separator)) out.push_back(field);
  if (!line.empty() && line.back() == separator) out.emplace_back();
  return out;
}

// A path in single quotes, for a command line run by the shell.
inline std::string quoted(const std::filesystem::path& path) {
  return "'" + path.string() + "'";
}

inline std::string minimal_scenario() {
  return read_text(source_dir() / "tests/scenario/fixtures/minimal.yaml");
}

// A fresh folder under the system's temporary folder, removed with the object.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("c2msim-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CliRun {
  int status = -1;  // exit status, or -1 when the process did not exit normally (a crash)
  std::string out;
  std::string err;
};

// Runs the shell command `command` with stdout and stderr captured.
inline CliRun run_captured(const std::string& command, const TempDir& dir) {
  const auto out = dir.path() / "stdout.txt";
  const auto err = dir.path() / "stderr.txt";
  const std::string redirected = command + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(redirected.c_str());
  CliRun run;
  run.status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = read_text(out);
  run.err = read_text(err);
  return run;
}

// Runs `c2msim ARGS` (ARGS already quoted for the shell) with stdout and stderr captured.
inline CliRun run_cli(const std::string& args, const TempDir& dir) {
  return run_captured(std::string("'") + C2MSIM_CLI_PATH + "' " + args, dir);
}

// Runs the shell script `script`, in which $C2MSIM is the CLI, with stdout and stderr captured.
inline CliRun run_cli_script(const std::string& script, const TempDir& dir) {
  return run_captured(std::string("(C2MSIM='") + C2MSIM_CLI_PATH + "'\n" + script + "\n)", dir);
}

// Runs `PREFIX c2msim ARGS` (ARGS already quoted for the shell; PREFIX a command such as
// `setpriv ...` that runs the CLI, or empty) with stdout and stderr captured.
inline CliRun run_cli_prefixed(const std::string& prefix, const std::string& args,
                               const TempDir& dir) {
  return run_captured(prefix + "'" + C2MSIM_CLI_PATH + "' " + args, dir);
}

struct LineColumn {
  int line = 0;
  int column = 0;
};

// 1-based line and column of byte `offset` of `text`.
inline LineColumn line_column(std::string_view text, std::size_t offset) {
  LineColumn p{1, 1};
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

}  // namespace c2msim::test
