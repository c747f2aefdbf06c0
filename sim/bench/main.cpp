// c2msim-bench: performance figures, each a ratio against a baseline measured in the same run.
// Prints one JSON document on stdout (and writes it to --out when given).

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "c2msim/version.hpp"
#include "sim/bench/hold_model.hpp"
#include "sim/bench/model_benchmark.hpp"
#include "sim/bench/montecarlo_benchmark.hpp"
#include "sim/bench/simpy_benchmark.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"

int main(int argc, char** argv) {
  CLI::App app{"c2msim-bench: engine and model benchmarks, reported as ratios to baselines"};
  std::vector<std::size_t> sizes{8, 100, 10'000, 1'000'000};
  int repetitions = 5;
  bool arity_study = false;
  bool quiet = false;
  std::string out_path;
  std::string suite = "all";
  std::string quickstart_path = "scenarios/quickstart.yaml";
  app.add_option("--quickstart", quickstart_path, "The quickstart scenario file")
      ->capture_default_str();
  app.add_option("--suite", suite, "Which benchmarks: all, engine, model, montecarlo or simpy")
      ->check(CLI::IsMember({"all", "engine", "model", "montecarlo", "simpy"}))
      ->capture_default_str();
  std::uint64_t mc_replications = 2000;
  int mc_repetitions = 2;
  std::vector<std::uint64_t> memory_replications{100, 10'000};
  std::uint64_t memory_child = 0;
  std::vector<std::size_t> network_nodes{1000};
  std::size_t network_child = 0;
  app.add_option("--mc-replications", mc_replications,
                 "Quickstart replications timed for the parallel efficiency")
      ->capture_default_str();
  app.add_option("--mc-repetitions", mc_repetitions,
                 "Timed repetitions of the parallel efficiency runs (the best is reported)")
      ->check(CLI::Range(1, 99))
      ->capture_default_str();
  app.add_option("--memory-replications", memory_replications,
                 "Replication counts whose peak memory is compared (first and last)")
      ->capture_default_str();
  app.add_option("--memory-child", memory_child,
                 "Internal: run the pipeline for this many replications and exit")
      ->group("");
  app.add_option("--network-nodes", network_nodes,
                 "Sizes (nodes) of the generated networks the model suite runs over 365 days, "
                 "each in a child process")
      ->delimiter(',')
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}))
      ->capture_default_str();
  app.add_option("--network-child", network_child,
                 "Internal: run a generated network of this many nodes, print its figures, exit")
      ->group("");
  c2msim::bench::SimpyOptions simpy;
  c2msim::bench::add_simpy_options(app, simpy);
  app.add_option("--sizes", sizes, "Hold-model queue sizes")->capture_default_str();
  app.add_option("--repetitions", repetitions,
                 "Timed repetitions per figure (the best is reported)")
      ->check(CLI::Range(1, 99))
      ->capture_default_str();
  app.add_flag("--arity", arity_study, "Also time the calendar's heap at arity 2, 4 and 8");
  app.add_flag("-q,--quiet", quiet, "No progress on stderr");
  app.add_option("--out", out_path, "Also write the JSON to this file");
  CLI11_PARSE(app, argc, argv);

  const bool show_progress = !quiet && isatty(fileno(stderr)) != 0;
  const auto quickstart_arms = [&]() -> std::optional<std::vector<c2msim::montecarlo::ArmChain>> {
    const auto loaded = c2msim::scenario::load_scenario_file(quickstart_path);
    if (!loaded.ok()) {
      fmt::print(stderr,
                 "c2msim-bench: error: cannot load {} (run from the source tree or pass "
                 "--quickstart)\n",
                 quickstart_path);
      return std::nullopt;
    }
    std::vector<c2msim::montecarlo::ArmChain> arms;
    for (const auto& arm : loaded.scenario->arms) {
      arms.push_back({arm.name, c2msim::scenario::build_chain(*loaded.scenario, arm)});
    }
    return arms;
  };
  if (memory_child > 0) {
    const auto arms = quickstart_arms();
    if (!arms) return 2;
    c2msim::bench::run_pipeline(*arms, memory_child, "/dev/null");
    fmt::print("{}\n", c2msim::bench::own_peak_rss_kib());
    return 0;
  }
  if (network_child > 0) {
    fmt::print("{}\n", c2msim::bench::network_figures(network_child, 365.0).dump());
    return 0;
  }
  nlohmann::json report{{"c2msim_version", c2msim::kVersion},
                        {"git_revision", c2msim::kGitRevision},
                        {"hardware_threads", std::thread::hardware_concurrency()}};
  // A benchmark that cannot run (a child process that fails, a file it cannot read) ends the run
  // with its reason and status 1, whichever suite it is in.
  try {
    if (suite == "all" || suite == "engine") {
      report["hold_model"] =
          c2msim::bench::run_hold_benchmark(sizes, repetitions, arity_study, show_progress);
    }
    if (suite == "all" || suite == "model") {
      const auto arms = quickstart_arms();
      if (!arms) return 2;
      for (const auto& arm : *arms) {
        if (show_progress) fmt::print(stderr, "model: quickstart, arm {}...\n", arm.name);
        report["model"].push_back(
            c2msim::bench::benchmark_chain("quickstart/" + arm.name, arm.chain, repetitions));
      }
      if (show_progress) fmt::print(stderr, "model: large synthetic network...\n");
      report["model"].push_back(c2msim::bench::benchmark_chain(
          "large_network", c2msim::bench::large_network(1000, 365.0), repetitions));
      report["networks"] = c2msim::bench::benchmark_networks("/proc/self/exe", {"--network-child"},
                                                             network_nodes, show_progress);
    }
    if (suite == "all" || suite == "montecarlo") {
      const auto arms = quickstart_arms();
      if (!arms) return 2;
      report["parallel_efficiency"] = c2msim::bench::benchmark_parallel_efficiency(
          *arms, mc_replications, mc_repetitions, show_progress);
      std::sort(memory_replications.begin(), memory_replications.end());
      report["peak_memory"] = c2msim::bench::benchmark_peak_memory(
          "/proc/self/exe", {"--quickstart", quickstart_path, "--memory-child"},
          memory_replications, show_progress);
    }
    if (suite == "all" || suite == "simpy") {
      // `all` runs it only where SimPy is installed; asked for alone, it must run.
      if (const auto why = c2msim::bench::simpy_unavailable(simpy)) {
        if (suite == "simpy") {
          fmt::print(stderr, "c2msim-bench: error: {}\n", *why);
          return 1;
        }
        report["simpy"] = {{"skipped", *why}};
      } else {
        try {
          report["simpy"] = c2msim::bench::benchmark_simpy(simpy, show_progress);
        } catch (const std::invalid_argument& e) {  // the chain's scenario or the script's input
          fmt::print(stderr, "c2msim-bench: error: {}\n", e.what());
          return 2;
        }
      }
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "c2msim-bench: error: {}\n", e.what());
    return 1;
  }
  const std::string text = report.dump(2);
  fmt::print("{}\n", text);
  if (!out_path.empty()) {
    std::ofstream out(out_path);
    out << text << '\n';
    if (!out) {
      fmt::print(stderr, "c2msim-bench: error: cannot write {}\n", out_path);
      return 1;
    }
  }
  return 0;
}
