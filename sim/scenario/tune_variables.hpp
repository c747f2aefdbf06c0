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
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace c2msim::scenario {

std::vector<TuneVariable> default_tune_variables(const Scenario& scenario, const Arm& arm);

// Where the analytic layer knows the optimum of a tuned value, that optimum, as a start better than
// the file's for an objective of minimising `total_cost`: a node whose policy is continuous-review
// (r, Q) with Q = 1 or installation base stock, holding one product of one variant, with holding
// cost h > 0 per unit-day and backorder cost p > 0 per unit-day, that is the only supplier of one
// market (over a lane of constant lead time 0) whose customers arrive as a Poisson process of
// constant rate lambda (no weekly pattern, event, price response or patience) and want one unit
// each, and that is supplied over a lane of constant lead time L and no information delay by a
// node whose opening stock covers the horizon's demand. Its optimal level is the newsvendor
// fractile S* of Poisson(lambda L) at p / (p + h) (sim/analytic/base_stock.hpp): r = S* - 1; for
// base stock reviewed every R days, the fractile of Poisson(lambda (L + R)), the textbook's
// approximation. Key paths as default_tune_variables writes them.
std::vector<std::pair<std::string, double>> analytic_starts(const Scenario& scenario,
                                                            const Arm& arm);

// The arm's value at `key` when it is one of default_tune_variables' keys (written the same way,
// canonically), else nothing.
std::optional<double> tunable_value(const Scenario& scenario, const Arm& arm, std::string_view key);

}  // namespace c2msim::scenario
