#pragma once
// The `decompose:` section: where the difference between two arms comes from. It names a base
// arm, a target arm, and up to eight levers, each a named set of overrides (key paths under
// `arms.BASE.`, values as `--set` takes them) that moves the base towards the target:
//
//   decompose:
//     base: traditional
//     target: c2m
//     levers:
//       price:
//         arms.traditional.nodes[retailer].markup: 0.08
//       information:
//         arms.traditional.nodes[retailer].shares_pos: true
//
// `c2msim decompose` runs the base arm under every combination of levers (2^n); every combination
// is checked when the file is loaded, like the points of a sweep, and a problem is reported at the
// lever's value, naming the levers of the combination.

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/key_path.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/source_tree.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

// One key path a lever sets.
struct LeverEntry {
  std::string key_path;  // canonical form
  KeyPath path;
  SourceNode value;         // positioned where it was written
  SourcePosition position;  // of the entry's key
  std::string source_path;  // `decompose.levers.NAME.KEY`
};

struct LeverSource {
  std::string name;
  std::vector<LeverEntry> entries;
};

// The section as written, checked for its form.
struct DecomposeSection {
  std::string base;
  std::string target;
  std::vector<LeverSource> levers;
};

// Reads the section: the arms it names exist in `scenario` (read from the same file), every key
// path lies under `arms.BASE.`, lever names are ids given once, at most limits::kMaxLevers of
// them. Nothing after reporting a problem.
std::optional<DecomposeSection> read_decompose_section(ValueReader& reader,
                                                       const SourceNode& section,
                                                       const Scenario& scenario);

// The base arm under every combination of levers, read from the tree of the whole file (with its
// `--set` overrides): each combination's tree has the levers' values placed in lever order and is
// read like a file. Arms that extend the base (other than the arms every scenario has) are left
// out of the combinations, since a lever changes the base arm only, and so is the comparison,
// which the decomposition takes from the file. The problems of a combination are appended to
// `problems` (starting from the file's own diagnostics in `base`), each once, naming its levers;
// nothing is returned then.
std::optional<Decomposition> read_combinations(const SourceNode& root,
                                               const DecomposeSection& section,
                                               const Diagnostics& base,
                                               std::vector<Diagnostic>& problems);

}  // namespace c2msim::scenario
