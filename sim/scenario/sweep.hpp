#pragma once
// Parameter sweeps: the dimensions of a grid of what-ifs, from the `sweep:` section of a file and
// from `--sweep KEY=VALUES` arguments, and the numbering of the grid's points.
//
//   sweep:
//     arms.c2m.nodes[platform].commission: [0.04, 0.08, 0.12, 0.16]
//     arms.c2m.nodes[factory].production.lines: {from: 1, to: 4, steps: 4}
//
// The grid is the cartesian product of the dimensions, the first varying slowest; points are
// numbered from 0. A range `{from: A, to: B, steps: N}` (`A:B:N` on the command line) is N >= 2
// evenly spaced values from A to B, both included, written with 12 significant digits.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/key_path.hpp"
#include "sim/scenario/limits.hpp"
#include "sim/scenario/source_tree.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

struct SweepDimension {
  std::string key_path;  // as written, canonical form (`arms.c2m.nodes[factory].production.lines`)
  KeyPath path;
  std::vector<SourceNode> values;  // each positioned where it was given
  SourcePosition position;         // of the entry's key in the file, or the argument
  std::string source_path;         // key path of the entry in the file (`sweep.KEY`), or empty
};

// At most this many points: a bigger grid is almost certainly a mistake.
inline constexpr std::size_t kMaxSweepPoints = limits::kMaxSweepPoints;

// The number of points of the grid: the product of the dimensions' sizes (1 with none).
// A finite number written in full (a leading '+' allowed), or nothing.
std::optional<double> parse_number(std::string_view text);

std::size_t grid_size(const std::vector<SweepDimension>& dimensions);

// The index into each dimension's values of point `point`, the first dimension varying slowest.
std::vector<std::size_t> grid_coordinates(const std::vector<SweepDimension>& dimensions,
                                          std::size_t point);

// `steps` evenly spaced values from `from` to `to`, both included, as text with 12 significant
// digits (so 0.02:0.2:10 gives 0.02, 0.04, ..., 0.2 rather than 0.039999999999999994).
std::vector<std::string> range_values(double from, double to, std::uint32_t steps);

// The dimensions of a file's `sweep:` section, each checked for its form (a key path, and a list
// of values or a range); problems are reported at the section's lines.
std::vector<SweepDimension> read_sweep_section(ValueReader& reader, const SourceNode& sweep);

// One `--sweep KEY=a,b,c` or `--sweep KEY=LO:HI:N` argument (the text after `--sweep`); the
// values are YAML, like `--set` values. Problems are reported at argument number `argument`.
std::optional<SweepDimension> read_sweep_argument(ValueReader& reader, std::string_view text,
                                                  int argument);

// Adds a dimension to the grid, in place of one with the same key path if there is one.
void add_dimension(std::vector<SweepDimension>& dimensions, SweepDimension dimension);

}  // namespace c2msim::scenario
