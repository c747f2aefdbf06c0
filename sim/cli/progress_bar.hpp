#pragma once
// The progress bar of `run` and `breakeven` on stderr; the Monte Carlo library only reports how
// far it is (montecarlo::ExperimentOptions::progress).

#include "sim/montecarlo/experiment.hpp"

namespace c2msim::cli {

// Whether to draw progress: not with --quiet, and only on a terminal (a log or a pipe would fill
// with carriage returns).
bool progress_wanted(bool quiet);

// A one-line bar on stderr: replications done, rate and time left, drawn at most ten times a
// second; each run (a precision round, a sweep point) starts it afresh.
montecarlo::ProgressReport progress_bar();

}  // namespace c2msim::cli
