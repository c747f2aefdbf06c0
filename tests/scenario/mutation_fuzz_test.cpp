// Randomly broken scenario files never crash the loader: each of a few hundred mutants of every
// file in scenarios/ (and of the minimal fixture) - lines deleted or duplicated, values swapped for
// values of other types, junk bytes, truncation, indentation shifts, stray YAML punctuation - must
// give diagnostics or a scenario, never an exception or a crash. A handful go through the CLI,
// whose exit status must be 0 or 2. The seeds are fixed, so a failure can be replayed.

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario_test_support.hpp"
#include "sim/random/random_stream.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace {

constexpr int kMutantsPerFile = 300;
constexpr int kMutantsThroughCli = 8;

// Values of many YAML types and shapes, including tricky ones.
constexpr std::array<std::string_view, 22> kValues{"[]",
                                                   "{}",
                                                   "-1",
                                                   "0",
                                                   "abc",
                                                   "\"7\"",
                                                   "~",
                                                   "1e999",
                                                   ".nan",
                                                   "[1, [2]]",
                                                   "&a x",
                                                   "*nope",
                                                   "!!binary x",
                                                   "- a",
                                                   "{a: {b: c}}",
                                                   "true",
                                                   "''",
                                                   "|\n  x",
                                                   "? a : b",
                                                   "2019-02-30",
                                                   "18446744073709551616",
                                                   "{lognormal: {mean: -1}}"};

constexpr std::string_view kPunctuation = ":-[]{}#&*!|>'\"%@`,?\t\n ";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i];
  }
  return out;
}

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : stream_({seed, 0, 0, 0}) {}

  std::string mutate(std::string text) {
    const std::uint64_t n = 1 + stream_.below(3);
    for (std::uint64_t i = 0; i < n && !text.empty(); ++i) text = mutate_once(std::move(text));
    return text;
  }

 private:
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(stream_.below(n)); }

  std::string mutate_once(std::string text) {
    std::vector<std::string> lines = lines_of(text);
    std::string& line = lines[below(lines.size())];
    switch (below(7)) {
      case 0:  // delete a line
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(&line - lines.data()));
        return join_lines(lines);
      case 1: {  // swap a value for one of another type
        const std::size_t colon = line.find(": ");
        const std::string value(kValues[below(kValues.size())]);
        line = colon == std::string::npos ? line + value : line.substr(0, colon + 2) + value;
        return join_lines(lines);
      }
      case 2: {  // junk bytes
        const std::size_t at = below(text.size() + 1);
        std::string junk;
        for (std::size_t k = 0, count = 1 + below(8); k < count; ++k) {
          junk += static_cast<char>(below(256));
        }
        return text.insert(at, junk);
      }
      case 3:  // truncation
        return text.substr(0, below(text.size() + 1));
      case 4: {  // a line repeated elsewhere
        const std::string copy = line;
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(below(lines.size() + 1)), copy);
        return join_lines(lines);
      }
      case 5:  // indentation shifted
        line = below(2) == 0 ? "  " + line : line.substr(std::min<std::size_t>(2, line.size()));
        return join_lines(lines);
      default: {  // stray punctuation
        const std::size_t at = below(text.size());
        text[at] = kPunctuation[below(kPunctuation.size())];
        return text;
      }
    }
  }

  c2msim::random::RandomStream stream_;
};

std::vector<std::filesystem::path> fuzzed_files() {
  const auto root = c2msim::test::source_dir();
  std::vector<std::filesystem::path> files{root / "tests/scenario/fixtures/minimal.yaml"};
  for (const auto& entry : std::filesystem::directory_iterator(root / "scenarios")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin() + 1, files.end());
  return files;
}

}  // namespace

TEST_CASE("mutated scenario files give diagnostics or a scenario, never a crash",
          "[scenario][fuzz]") {
  std::uint64_t seed = 1;
  int rejected = 0;
  int total = 0;
  for (const auto& file : fuzzed_files()) {
    const std::string original = c2msim::test::read_text(file);
    for (int i = 0; i < kMutantsPerFile; ++i, ++seed) {
      const std::string mutant = Mutator(seed).mutate(original);
      INFO("file " << file.filename().string() << ", mutant seed " << seed);
      c2msim::scenario::LoadResult result;
      REQUIRE_NOTHROW(result = c2msim::scenario::load_scenario_text(mutant, "mutant.yaml"));
      REQUIRE(result.ok() == result.scenario.has_value());
      for (const auto& d : result.diagnostics) {
        REQUIRE(d.file == "mutant.yaml");
        REQUIRE(d.position.line >= 1);
        REQUIRE(d.position.column >= 1);
        REQUIRE_FALSE(d.message.empty());
      }
      rejected += result.ok() ? 0 : 1;
      ++total;
    }
  }
  // Most mutants break something; a fuzzer whose mutants all pass would be testing nothing.
  CHECK(rejected > total / 2);
}

TEST_CASE("c2msim validate exits with 0 or 2 on mutated scenario files", "[scenario][fuzz][cli]") {
  const c2msim::test::TempDir dir;
  const auto path = dir.path() / "mutant.yaml";
  std::uint64_t seed = 1'000'000;
  for (const auto& file : fuzzed_files()) {
    const std::string original = c2msim::test::read_text(file);
    for (int i = 0; i < kMutantsThroughCli; ++i, ++seed) {
      c2msim::test::write_text(path, Mutator(seed).mutate(original));
      const auto run = c2msim::test::run_cli("validate '" + path.string() + "'", dir);
      INFO("file " << file.filename().string() << ", mutant seed " << seed << "\n" << run.err);
      CHECK((run.status == 0 || run.status == 2));
    }
  }
}
