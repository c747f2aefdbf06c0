#pragma once
// From the source tree of a whole file to a Scenario: metadata, products, markets, arms (merged
// through `extends`) and the comparison, every problem reported with its position. The checks
// that need a whole arm (references between nodes, lanes and markets; the graph rules) run here
// too, so that a Scenario that comes out with no diagnostics is consistent.

#include <vector>

#include "sim/scenario/arm_inheritance.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/source_tree.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

// Where the parts of one arm were written, for problems found after reading it.
struct ArmSource {
  const SourceNode* arm = nullptr;  // the merged arm
  std::vector<const SourceNode*> nodes;
  std::vector<const SourceNode*> lanes;
};

// What reading the file produced: the scenario (complete only when no problem was reported) and
// the trees its parts came from, which the arm sources point into.
struct ReadScenario {
  Scenario scenario;
  std::vector<ResolvedArm> resolved_arms;
  std::vector<const SourceNode*> market_sources;
  std::vector<ArmSource> arm_sources;
};

ReadScenario read_scenario(ValueReader& reader, const SourceNode& root);

}  // namespace c2msim::scenario
