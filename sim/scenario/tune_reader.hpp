#pragma once
// Reads the `tune:` section (what `c2msim tune` tunes; scenario.hpp's TuneSection). Checked here:
// the keys and their types, metric names against the metric catalogue, exactly one bound per
// constraint, each variable's key path (well formed, under `arms.ARM.` for an arm of the file),
// from < to and a start within them. Whether the model accepts a variable's values is checked
// by the tuner, which loads the file at both ends of every range.

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/source_tree.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {

void read_tune(ValueReader& reader, const SourceNode& node, Scenario& scenario);

}  // namespace c2msim::scenario
