#pragma once
// The values `c2msim tune` tunes in an arm the `tune:` section gives no variables for: every
// parameter of its stock policies, its nodes' stocked variants (where the file gives a number or
// `all`) and its factories' batching windows, each with the arm's value as the start and a
// default range (scenarios/README.md, "tune"). For a stock quantity q (a base-stock level, s, S,
// r, Q): whole numbers from 0 (1 for Q) to 3q + 20; a review period R: whole, 1 to max(2R, 7);
// a moving-average window w: whole, 1 to max(4w, 28) (at most 730); a smoothing constant: 0.01
// to 1; a safety factor z: 0 to max(4, 2z) (at most 10); stocked variants: whole, 1 to the
// node's most variants of any product; a batching window b: 0 to max(2b, 1) days.

#include <optional>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace c2msim::scenario {

std::vector<TuneVariable> default_tune_variables(const Scenario& scenario, const Arm& arm);

// The arm's value at `key` when it is one of default_tune_variables' keys (written the same way,
// canonically), else nothing.
std::optional<double> tunable_value(const Scenario& scenario, const Arm& arm,
                                    std::string_view key);

}  // namespace c2msim::scenario
