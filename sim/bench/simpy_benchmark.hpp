#pragma once
// c2msim against SimPy on the same chain: scenarios/bench/serial-chain-4.yaml in c2msim, in this
// process on one thread, and sim/bench/simpy_serial_chain.py (the chain written for SimPy 3) in a
// Python child process; each timed per replication-year, and the ratio.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace c2msim::bench {

struct SimpyOptions {
  std::string chain_path = "scenarios/bench/serial-chain-4.yaml";
  std::string script_path = "sim/bench/simpy_serial_chain.py";
  std::string python = "/usr/bin/python3";  // Debian's, which sees python3-simpy3
  std::uint64_t c2msim_replications = 1000;
  int simpy_replications = 20;
  int repetitions = 3;
};

// The suite's options on `app`.
void add_simpy_options(CLI::App& app, SimpyOptions& options);

// Why the suite cannot run (the Python cannot be started or cannot import simpy), or nothing.
std::optional<std::string> simpy_unavailable(const SimpyOptions& options);

// Both timings (the best of the repetitions of each), their ratio SimPy / c2msim against the
// target of 100, and each model's mean retailer fill rate. Throws std::invalid_argument when the
// chain cannot be loaded, std::runtime_error when the script fails.
nlohmann::json benchmark_simpy(const SimpyOptions& options, bool show_progress);

}  // namespace c2msim::bench
