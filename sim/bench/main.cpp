// c2msim-bench: performance figures, each a ratio against a baseline measured in the same run.
// Prints one JSON document on stdout (and writes it to --out when given).

#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "c2msim/version.hpp"
#include "sim/bench/hold_model.hpp"
#include "sim/bench/model_benchmark.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"

int main(int argc, char** argv) {
  CLI::App app{"c2msim-bench: engine and model benchmarks, reported as ratios to baselines"};
  std::vector<std::size_t> sizes{100, 10'000, 1'000'000};
  int repetitions = 5;
  bool arity_study = false;
  bool quiet = false;
  std::string out_path;
  std::string suite = "all";
  std::string quickstart_path = "scenarios/quickstart.yaml";
  app.add_option("--quickstart", quickstart_path, "The quickstart scenario file")
      ->capture_default_str();
  app.add_option("--suite", suite, "Which benchmarks: all, engine or model")
      ->check(CLI::IsMember({"all", "engine", "model"}))
      ->capture_default_str();
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
  nlohmann::json report{{"c2msim_version", c2msim::kVersion},
                        {"git_revision", c2msim::kGitRevision},
                        {"hardware_threads", std::thread::hardware_concurrency()}};
  if (suite == "all" || suite == "engine") {
    report["hold_model"] =
        c2msim::bench::run_hold_benchmark(sizes, repetitions, arity_study, show_progress);
  }
  if (suite == "all" || suite == "model") {
    const auto loaded = c2msim::scenario::load_scenario_file(quickstart_path);
    if (!loaded.ok()) {
      fmt::print(stderr,
                 "c2msim-bench: error: cannot load {} (run from the source tree or pass "
                 "--quickstart)\n",
                 quickstart_path);
      return 2;
    }
    for (const auto& arm : loaded.scenario->arms) {
      if (show_progress) fmt::print(stderr, "model: quickstart, arm {}...\n", arm.name);
      report["model"].push_back(c2msim::bench::benchmark_chain(
          "quickstart/" + arm.name, c2msim::scenario::build_chain(*loaded.scenario, arm),
          repetitions));
    }
    if (show_progress) fmt::print(stderr, "model: large synthetic network...\n");
    report["model"].push_back(c2msim::bench::benchmark_chain(
        "large_network", c2msim::bench::large_network(1000, 365.0), repetitions));
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
