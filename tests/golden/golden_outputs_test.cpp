// The golden test: every shipped scenario (and every validation scenario) run through the CLI with
// a few replications, and the SHA-256 of each result file compared with the pins in
// tests/golden/pins.txt. A commit that changes results must update the pins and say why:
//
//   C2MSIM_UPDATE_GOLDEN=1 build/bin/c2msim-tests "[golden]"   (rewrites tests/golden/pins.txt)
//
// Results depend only on the scenario and the seed, so the pins hold for any thread count.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sim/output/run_outputs.hpp"
#include "tests/scenario/scenario_test_support.hpp"

namespace fs = std::filesystem;
using c2msim::test::quoted;
using c2msim::test::read_text;
using c2msim::test::run_cli;
using c2msim::test::source_dir;
using c2msim::test::TempDir;

namespace {

const fs::path kPinsFile = "tests/golden/pins.txt";

// The scenario files to pin, relative to the source folder, in a stable order.
std::vector<std::string> pinned_scenarios() {
  std::vector<std::string> files;
  for (const char* folder : {"scenarios", "tests/validation/scenarios"}) {
    for (const auto& entry : fs::directory_iterator(source_dir() / folder)) {
      if (entry.path().extension() == ".yaml") {
        files.push_back((fs::path(folder) / entry.path().filename()).string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// "scenario file" -> SHA-256, as written in the pins file (one "scenario file sha256" a line).
std::map<std::string, std::string> read_pins() {
  std::map<std::string, std::string> pins;
  std::istringstream in(read_text(source_dir() / kPinsFile));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string scenario, file, digest;
    fields >> scenario >> file >> digest;
    pins[scenario + " " + file] = digest;
  }
  return pins;
}

}  // namespace

TEST_CASE("every shipped scenario gives the pinned result files", "[golden][e2e]") {
  TempDir dir;
  std::map<std::string, std::string> measured;
  for (const std::string& scenario : pinned_scenarios()) {
    const fs::path out = dir.path() / fs::path(scenario).stem();
    const bool sweep = read_text(source_dir() / scenario).find("\nsweep:") != std::string::npos;
    // A sweep writes sweep.csv instead of the summary and comparison, and has no time series.
    const std::string args = "run " + quoted(source_dir() / scenario) +
                             " -n 4 --seed 20261201 -q -j 2 --out " + quoted(out) +
                             (sweep ? "" : " --timeseries 2");
    const auto r = run_cli(args, dir);
    INFO(scenario << ": " << r.err);
    REQUIRE(r.status == 0);
    const std::vector<std::string> files =
        sweep ? std::vector<std::string>{"replications.csv", "sweep.csv"}
              : std::vector<std::string>{"replications.csv", "summary.csv", "comparison.csv",
                                         "timeseries.csv"};
    for (const std::string& file : files) {
      measured[scenario + " " + file] = c2msim::output::sha256_hex(read_text(out / file));
    }
  }

  if (std::getenv("C2MSIM_UPDATE_GOLDEN") != nullptr) {
    std::string text =
        "# SHA-256 of the result files of every shipped scenario (tests/golden/"
        "golden_outputs_test.cpp).\n# Regenerate with C2MSIM_UPDATE_GOLDEN=1 and say in the "
        "commit why the results changed.\n";
    for (const auto& [key, digest] : measured) text += key + " " + digest + "\n";
    c2msim::test::write_text(source_dir() / kPinsFile, text);
    WARN("rewrote " << kPinsFile.string());
    return;
  }
  const auto pins = read_pins();
  for (const auto& [key, digest] : measured) {
    INFO(key << " (a deliberate change of results? rerun with C2MSIM_UPDATE_GOLDEN=1)");
    const auto pin = pins.find(key);
    REQUIRE(pin != pins.end());
    CHECK(pin->second == digest);
  }
  // No pin for a scenario that is gone.
  CHECK(pins.size() == measured.size());
}
