#pragma once
// `c2msim run` over the points of a sweep grid (`sweep:` in the file, or `--sweep`): every point
// runs the same replication numbers with the same seed, so the points, like the arms, see the
// same customers (common random numbers), and their differences are paired too.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario_loader.hpp"

namespace c2msim::cli {

struct SweepRunOptions {
  std::string file;
  std::vector<std::string> arms;
  std::optional<std::uint64_t> replications;
  std::optional<std::uint64_t> seed;
  std::string out;
  bool force = false;  // replace an --out folder c2msim did not write
  unsigned threads = 0;
  bool quiet = false;
  std::vector<std::string> sets;  // the --set arguments, for the manifest
};

// Writes sweep.csv, replications.csv (with a point column) and manifest.json (with the grid) into
// the output directory, atomically, and prints a table of the headline differences per point.
// Returns the exit status.
int run_sweep(const SweepRunOptions& options, const scenario::ScenarioPoints& points);

}  // namespace c2msim::cli
