#pragma once
// `extends`: an arm written as a few overrides of another.
//
// The child arm starts from its parent's merged content and applies its own, key by key:
//   - maps merge recursively, so `production: {lines: 4}` changes the lines and keeps the rest;
//   - a one-of value (a distribution, policy, forecast or variant preference) merges the same way
//     when the child names the same alternative (`lognormal: {sd: 2}` keeps the mean) and is
//     replaced whole when it names another (`gamma: {...}` replaces `lognormal: {...}`);
//   - scalars and other lists are replaced;
//   - `nodes` merge by `id` and `lanes` by `from` -> `to`: an entry naming an inherited node or
//     lane merges into it, a new one is appended, and `remove: true` deletes the inherited one
//     (removing a node also removes the inherited lanes into and out of it);
//   - `description` is not inherited.
// Every merged value keeps the position and key path of the text that set it, so a problem in a
// value the child overrode is reported on the child's line.

#include <string>
#include <vector>

#include "sim/scenario/source_tree.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

struct ResolvedArm {
  std::string name;
  SourcePosition name_position;
  const SourceNode* written = nullptr;  // the arm as written in the file
  SourceNode merged;                    // with every ancestor merged in
  bool resolved = false;                // false when `extends` names an unknown arm or forms a loop
};

// The arms of `arms` (the map under the top-level `arms` key) in file order, each merged with its
// ancestors. Reports unknown parents, loops, repeated node ids and lanes within one written list,
// and `remove` entries that remove nothing.
std::vector<ResolvedArm> resolve_arms(ValueReader& reader, const SourceNode& arms);

}  // namespace c2msim::scenario
