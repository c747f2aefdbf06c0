#include "sim/cli/sweep_run.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/cli/arm_choice.hpp"
#include "sim/cli/interrupt_guard.hpp"
#include "sim/cli/manifest_context.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/cli/run_fit.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/results_table.hpp"
#include "sim/output/metrics_csv.hpp"
#include "sim/output/output_directory.hpp"
#include "sim/output/run_outputs.hpp"
#include "sim/output/sweep_csv.hpp"
#include "sim/scenario/chain_builder.hpp"

namespace c2msim::cli {
namespace {

// The differences shown on the terminal for each point; sweep.csv has every metric.
const std::vector<std::string> kSweepHeadline{"profit", "fill_rate", "lead_time_mean"};

std::string difference_cell(const montecarlo::ResultsTable& table, const std::string& arm,
                            const std::string& metric) {
  for (const auto& c : table.comparisons()) {
    if (c.arm == arm && c.key.scope == "system" && c.key.metric == metric) {
      const auto& d = c.difference;
      if (!std::isfinite(d.mean) || !std::isfinite(d.ci95_low)) return fmt::format("{}", d.mean);
      return fmt::format("{:+.4g} [{:+.3g}, {:+.3g}]", d.mean, d.ci95_low, d.ci95_high);
    }
  }
  return "-";
}

}  // namespace

int run_sweep(const SweepRunOptions& o, const scenario::ScenarioPoints& points) {
  const scenario::Scenario& base = *points.base;
  const auto choice = choose_arms(base, o.arms, "run", o.file);
  if (!choice) return kBadInput;
  std::vector<std::string> names;
  for (const scenario::Arm* arm : choice->arms) names.push_back(arm->name);
  const std::string& baseline = names[choice->baseline];
  const bool terminal = progress_wanted(o.quiet);

  // Every point's arms and options, built before anything runs, so that the run's size is known.
  std::vector<std::vector<montecarlo::ArmChain>> point_arms(points.points.size());
  std::vector<montecarlo::ExperimentOptions> point_options(points.points.size());
  montecarlo::RunEstimate estimate;
  for (std::size_t p = 0; p < points.points.size(); ++p) {
    const scenario::Scenario& sc = points.points[p].scenario;
    // The same arms at every point (a sweep changes values, not which arms there are).
    for (const std::string& name : names) {
      const scenario::Arm* arm = sc.find_arm(name);
      if (arm == nullptr) {
        fmt::print(stderr, "c2msim run: error: sweep point {} has no arm '{}'\n", p, name);
        return kBadInput;
      }
      point_arms[p].push_back({name, scenario::build_chain(sc, *arm)});
    }
    montecarlo::ExperimentOptions& options = point_options[p];
    options.seed = o.seed.value_or(sc.seed);
    options.replications = o.replications.value_or(sc.replications);
    options.threads = o.threads;
    if (terminal) options.progress = progress_bar();
    estimate += montecarlo::estimate_run(point_arms[p], options);
  }
  if (!run_fits(estimate, o.out, o.force, o.quiet, "run")) return kBadInput;

  InterruptibleOutput output(o.out, o.force, {o.file});
  output::OutputDirectory& dir = output.dir();
  output::SweepCsv sweep(dir.file("sweep.csv"), points.swept_keys);
  output::SweepReplicationsCsv replications(dir.file("replications.csv"), names);
  nlohmann::json grid = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;  // the terminal table
  std::uint64_t events = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t p = 0; p < points.points.size(); ++p) {
    const scenario::ScenarioPoint& point = points.points[p];
    const std::vector<montecarlo::ArmChain>& arms = point_arms[p];
    const montecarlo::ExperimentOptions& options = point_options[p];
    if (terminal) {
      std::string values;
      for (std::size_t d = 0; d < point.values.size(); ++d) {
        values += fmt::format("{}{}={}", d ? ", " : "", points.swept_keys[d], point.values[d]);
      }
      fmt::print(stderr, "point {}/{}: {}\n", p + 1, points.points.size(), values);
    }
    montecarlo::ResultsTable table(names, choice->baseline);
    events += montecarlo::run_experiment(arms, options, [&](montecarlo::ReplicationBatch&& batch) {
      replications.write(p, batch);
      table.add(batch);
    });
    sweep.write_point(p, point.values, table);
    grid.push_back({{"point", p},
                    {"values", point.values},
                    {"seed", options.seed},
                    {"replications", options.replications}});
    for (std::size_t a = 0; a < names.size(); ++a) {
      if (a == choice->baseline) continue;
      std::vector<std::string> row{std::to_string(p)};
      row.insert(row.end(), point.values.begin(), point.values.end());
      row.push_back(names[a]);
      for (const std::string& metric : kSweepHeadline) {
        row.push_back(difference_cell(table, names[a], metric));
      }
      rows.push_back(std::move(row));
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sweep.close();
  replications.close();
  nlohmann::json manifest{{"scenario", o.file},
                          {"scenario_sha256", output::sha256_hex(points.source_text)},
                          {"sets", o.sets},
                          {"arms", names},
                          {"baseline", baseline},
                          {"sweep", {{"keys", points.swept_keys}, {"points", grid}}},
                          {"size_estimate", estimate_json(estimate)}};
  manifest.update(scenario_context(base));
  manifest.update(run_record(o.threads, events, wall));
  output::write_metrics_csv(dir.file("metrics.csv"), base.currency);
  output::write_json(dir.file("manifest.json"), manifest);
  dir.commit();

  if (!o.quiet) {
    fmt::print("{}: {} sweep points of {} arm(s), {:.2f} s\n", base.name, points.points.size(),
               names.size(), wall);
    std::vector<std::string> header{"point"};
    header.insert(header.end(), points.swept_keys.begin(), points.swept_keys.end());
    header.push_back("arm");
    for (const std::string& metric : kSweepHeadline) {
      header.push_back(fmt::format("{} - {} [95% CI]", metric, baseline));
    }
    std::vector<std::size_t> width(header.size());
    for (std::size_t c = 0; c < header.size(); ++c) {
      width[c] = header[c].size();
      for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
    }
    const auto print_row = [&](const std::vector<std::string>& row) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        fmt::print("{}{:<{}}", c ? "  " : "", row[c], c + 1 < row.size() ? width[c] : 0);
      }
      fmt::print("\n");
    };
    print_row(header);
    for (const auto& row : rows) print_row(row);
    fmt::print("results in {}/ (sweep.csv: every metric of every arm at every point)\n", o.out);
  }
  return 0;
}

}  // namespace c2msim::cli
