#pragma once
// Key paths name one value of a scenario file, for `--set KEY=VALUE`, `--sweep KEY=VALUES`, the
// `sweep:` section and `breakeven --param KEY`:
//
//   horizon_days
//   markets[consumers].demand.arrivals_per_day          a list element by its `id`
//   arms.c2m.nodes[factory].production.lines
//   arms.traditional.lanes[factory->brand-dc].lead_time_days   a lane by `from->to`
//   markets[0].demand.weekly_pattern[6]                 a list element by 0-based index
//
// Keys are separated by dots; `[...]` selects a list element: the one whose `id` is the text, the
// lane whose `from` and `to` are the two sides of `->`, or else (digits only) the N-th element.
// An override replaces the value in the source tree before the tree is read, so a bad value gets
// exactly the problem report the same value would get in the file.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/source_tree.hpp"

namespace c2msim::scenario {

struct KeyPathStep {
  enum class Kind : unsigned char {
    kKey,     // a map key
    kSelect,  // [text]: the element whose id is text, else (digits only) the element at index
    kLane,    // [from->to]
  };
  Kind kind = Kind::kKey;
  std::string text;  // the key, the id (or index) or the lane's `from`
  std::string to;    // the lane's `to`
};

struct KeyPath {
  std::vector<KeyPathStep> steps;

  // Written back in the canonical form (`a.b[c].d`).
  [[nodiscard]] std::string to_string() const;
};

struct ParsedKeyPath {
  std::optional<KeyPath> path;
  std::string error;  // what is wrong with the text, when there is no path
};

ParsedKeyPath parse_key_path(std::string_view text);

// Replaces the value at `path` in the tree of a whole file by `value`, whose positions should
// point at where it was given (an argument, a `sweep:` entry). A missing last key is added (the
// reading of the tree then reports it if it is not a key of the format). In an arm with `extends`,
// a node or lane the arm does not write itself gets an entry of its own (`{id: ...}` or
// `{from: ..., to: ...}`), which merges into the inherited one. Returns the key path of the placed
// value in the tree's own form (`arms.c2m.nodes[0].production.lines`), or an error message such as
// "no key 'nodez' in 'arms.c2m' (did you mean 'nodes'?)".
struct OverrideResult {
  std::optional<std::string> placed_at;
  std::string error;
};

OverrideResult apply_override(SourceNode& root, const KeyPath& path, SourceNode value);

// Gives `node` and everything under it the key path `path` (and its children's paths below it).
void assign_paths(SourceNode& node, const std::string& path);

// Gives `node` and everything under it the position `position`.
void assign_position(SourceNode& node, SourcePosition position);

// A value written back in YAML flow style, for output columns and messages: `0.04`,
// `{gamma: {mean: 3, sd: 1}}`, `[1, 2]`.
std::string flow_text(const SourceNode& node);

}  // namespace c2msim::scenario
