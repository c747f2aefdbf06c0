#include "sim/bench/simpy_benchmark.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <stdexcept>

#include "sim/bench/child_process.hpp"
#include "sim/model/arm_plan.hpp"
#include "sim/model/replication.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace c2msim::bench {

void add_simpy_options(CLI::App& app, SimpyOptions& o) {
  app.add_option("--serial-chain", o.chain_path, "The SimPy suite's chain, a c2msim scenario")
      ->capture_default_str();
  app.add_option("--simpy-script", o.script_path, "The same chain in SimPy")->capture_default_str();
  app.add_option("--python", o.python, "The Python that runs it (a path, or a name on PATH)")
      ->capture_default_str();
  app.add_option("--c2msim-replications", o.c2msim_replications,
                 "Replications of the chain timed in c2msim (one thread)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000'000}))
      ->capture_default_str();
  app.add_option("--simpy-replications", o.simpy_replications,
                 "Replications of the chain timed in SimPy")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  app.add_option("--simpy-repetitions", o.repetitions,
                 "Timed repetitions of each side of the SimPy suite (the best is reported)")
      ->check(CLI::Range(1, 99))
      ->capture_default_str();
}

std::optional<std::string> simpy_unavailable(const SimpyOptions& o) {
  const ChildRun run = run_child(o.python, {"-c", "import simpy"}, /*quiet_stderr=*/true);
  if (!run.started) return fmt::format("cannot start {} (--python)", o.python);
  if (run.status != 0) {
    return fmt::format(
        "{} cannot import simpy (scripts/install-deps.sh --with-simpy installs Debian's "
        "python3-simpy3)",
        o.python);
  }
  return std::nullopt;
}

nlohmann::json benchmark_simpy(const SimpyOptions& o, bool show_progress) {
  const auto loaded = scenario::load_scenario_file(o.chain_path);
  if (!loaded.ok()) {
    throw std::invalid_argument(fmt::format(
        "cannot load {} (run from the source tree or pass --serial-chain)", o.chain_path));
  }
  const auto& arms = loaded.scenario->arms;
  const auto arm =
      std::find_if(arms.begin(), arms.end(), [](const auto& a) { return a.name == "traditional"; });
  if (arm == arms.end()) throw std::invalid_argument(o.chain_path + " has no arm traditional");
  const model::ArmPlan plan(scenario::build_chain(*loaded.scenario, *arm));
  const double years = plan.spec().horizon_days / 365.0;

  if (show_progress) {
    fmt::print(stderr, "simpy: {} replications in c2msim...\n", o.c2msim_replications);
  }
  // Wall time as asked, and CPU time, which a machine shared with other work inflates less.
  double c2msim_seconds = 1e300;
  double c2msim_cpu_seconds = 1e300;
  double fill_rate = 0;
  std::uint64_t events = 0;
  for (int rep = 0; rep < o.repetitions; ++rep) {
    double fill = 0;
    events = 0;
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    for (std::uint64_t r = 0; r < o.c2msim_replications; ++r) {
      const auto result = model::run_replication(plan, loaded.scenario->seed, r);
      fill += result.get("retailer", "fill_rate");
      events += result.events_processed;
    }
    c2msim_seconds =
        std::min(c2msim_seconds,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    c2msim_cpu_seconds = std::min(c2msim_cpu_seconds,
                                  static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    fill_rate = fill / static_cast<double>(o.c2msim_replications);
  }
  const double c2msim_years = static_cast<double>(o.c2msim_replications) * years;
  const double c2msim_ms = 1000.0 * c2msim_seconds / c2msim_years;
  const double c2msim_cpu_ms = 1000.0 * c2msim_cpu_seconds / c2msim_years;

  // The script times its own replications (not Python's start or SimPy's import).
  nlohmann::json best;
  double simpy_cpu_ms = 1e300;
  for (int rep = 0; rep < o.repetitions; ++rep) {
    if (show_progress) {
      fmt::print(stderr, "simpy: {} replications in SimPy ({} of {})...\n", o.simpy_replications,
                 rep + 1, o.repetitions);
    }
    const ChildRun run = run_child(o.python, {o.script_path, "--json", "--quiet", "--replications",
                                              std::to_string(o.simpy_replications)});
    if (!run.started) throw std::runtime_error("cannot start " + o.python);
    if (run.status != 0) {
      throw std::runtime_error(
          fmt::format("{} {} failed with exit status {}", o.python, o.script_path, run.status));
    }
    nlohmann::json doc = nlohmann::json::parse(run.out);
    simpy_cpu_ms = std::min(simpy_cpu_ms, doc.at("cpu_ms_per_replication_year").get<double>());
    if (best.is_null() || doc.at("ms_per_replication_year").get<double>() <
                              best.at("ms_per_replication_year").get<double>()) {
      best = std::move(doc);
    }
  }
  const double simpy_ms = best.at("ms_per_replication_year").get<double>();
  double simpy_fill = 0;
  for (const auto& row : best.at("metrics")) simpy_fill += row.at("fill_rate").get<double>();
  simpy_fill /= static_cast<double>(best.at("metrics").size());

  return {{"chain", o.chain_path},
          {"horizon_days", plan.spec().horizon_days},
          {"repetitions", o.repetitions},
          {"c2msim",
           {{"replications", o.c2msim_replications},
            {"threads", 1},
            {"seconds", c2msim_seconds},
            {"ms_per_replication_year", c2msim_ms},
            {"cpu_ms_per_replication_year", c2msim_cpu_ms},
            {"events_per_replication",
             static_cast<double>(events) / static_cast<double>(o.c2msim_replications)},
            {"retailer_fill_rate_mean", fill_rate}}},
          {"simpy",
           {{"script", o.script_path},
            {"python", o.python},
            {"python_version", best.at("python_version")},
            {"simpy_version", best.at("simpy_version")},
            {"replications", o.simpy_replications},
            {"seconds", best.at("seconds")},
            {"ms_per_replication_year", simpy_ms},
            {"cpu_ms_per_replication_year", simpy_cpu_ms},
            {"retailer_fill_rate_mean", simpy_fill}}},
          {"ratio", simpy_ms / c2msim_ms},
          {"cpu_ratio", simpy_cpu_ms / c2msim_cpu_ms},
          {"target_ratio", 100}};
}

}  // namespace c2msim::bench
