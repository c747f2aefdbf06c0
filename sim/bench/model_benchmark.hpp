#pragma once
// Events per second of single replications of the model, and heap allocations per event in
// steady state (counted by the benchmark's replacement of the global operator new).

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/model/chain_spec.hpp"

namespace c2msim::bench {

// Heap allocations made so far by this process (the benchmark's operator new counts them).
std::uint64_t allocations_so_far();

// One replication of `chain` timed `repetitions` times (the best is reported), and its
// allocations: those of a run over twice the horizon minus those of a run over the horizon,
// divided by the extra events, i.e. what one more simulated day costs per event.
nlohmann::json benchmark_chain(const std::string& name, const model::ChainSpec& chain,
                               int repetitions);

// A balanced synthetic network (factories, stock and lane capacities scaled to its demand; see
// SyntheticChainOptions::target_utilisation) of at least `min_nodes` nodes over `horizon_days`.
model::ChainSpec large_network(std::size_t min_nodes, double horizon_days);

// One replication of large_network(min_nodes, horizon_days), timed: the network's size (nodes,
// markets, factories), events, seconds, this process's peak resident set (so run it in a process
// of its own), and how well the network serves its demand (fill rate, units delivered over
// demanded, the factories' utilisation).
nlohmann::json network_figures(std::size_t min_nodes, double horizon_days);

// network_figures for each size, each in a child process (`executable` started with
// `child_arguments` followed by the size, which prints network_figures as JSON): resident memory
// never shrinks, so only a fresh process measures one size's peak.
nlohmann::json benchmark_networks(const std::string& executable,
                                  const std::vector<std::string>& child_arguments,
                                  const std::vector<std::size_t>& sizes, bool show_progress);

}  // namespace c2msim::bench
