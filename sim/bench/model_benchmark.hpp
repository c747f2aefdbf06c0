#pragma once
// Events per second of single replications of the model, and heap allocations per event in
// steady state (counted by the benchmark's replacement of the global operator new).

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/model/chain_spec.hpp"

namespace c2msim::bench {

// Heap allocations made so far by this process (the benchmark's operator new counts them).
std::uint64_t allocations_so_far();

// One replication of `chain` timed `repetitions` times (the best is reported), and its
// allocations: those of a run over twice the horizon minus those of a run over the horizon,
// divided by the extra events, i.e. what one more simulated day costs per event.
nlohmann::json benchmark_chain(const std::string& name, const model::ChainSpec& chain,
                               int repetitions);

// A synthetic network of at least `min_nodes` nodes over `horizon_days`.
model::ChainSpec large_network(std::size_t min_nodes, double horizon_days);

}  // namespace c2msim::bench
