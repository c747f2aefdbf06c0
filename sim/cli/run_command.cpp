// `c2msim run FILE`: Monte Carlo replications of the scenario's arms, the output directory, and a
// side-by-side table of the headline metrics on the terminal.

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/arm_choice.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt_guard.hpp"
#include "sim/cli/manifest_context.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/cli/report_runner.hpp"
#include "sim/cli/run_fit.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/cli/sweep_run.hpp"
#include "sim/cli/tuned_arms.hpp"
#include "sim/model/metric_catalogue.hpp"
#include "sim/model/replication.hpp"
#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/precision.hpp"
#include "sim/montecarlo/results_table.hpp"
#include "sim/montecarlo/run_estimate.hpp"
#include "sim/output/metrics_csv.hpp"
#include "sim/output/output_directory.hpp"
#include "sim/output/output_file.hpp"
#include "sim/output/run_outputs.hpp"
#include "sim/output/timeseries_csv.hpp"
#include "sim/scenario/arm_network.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/limits.hpp"

namespace c2msim::cli {
namespace {

struct RunOptions {
  std::string file;
  std::vector<std::string> arms;
  std::optional<std::uint64_t> replications;
  std::optional<std::uint64_t> seed;
  std::string out = "c2msim-out";
  bool force = false;  // replace a folder c2msim did not write
  unsigned threads = 0;
  bool quiet = false;
  std::optional<std::uint64_t> timeseries;  // replications whose daily states are written
  std::optional<double> target_ci;          // relative 95% half-width of the headline metrics
  std::uint64_t max_replications = 10'000;  // the cap in precision mode
  std::vector<std::string> sets;            // --set KEY=VALUE
  std::vector<std::string> sweeps;          // --sweep KEY=VALUES
  bool no_sweep = false;                    // ignore the file's sweep: section
  bool report = false;
  std::vector<std::string> tuned;  // --tuned DIR: folders c2msim tune wrote
};

constexpr std::uint64_t kReportTimeseriesReplications = 3;

std::string mean_with_ci(const montecarlo::Summary& s) {
  if (s.n == 0) return "-";
  if (!std::isfinite(s.mean)) return fmt::format("{}", s.mean);
  // A value that does not vary (a list markup, say) is shown without an interval.
  if (std::isnan(s.ci95_high) || s.ci95_high - s.ci95_low <= 1e-9 * std::fabs(s.mean)) {
    return fmt::format("{:.4g}", s.mean);
  }
  return fmt::format("{:.4g} ± {:.2g}", s.mean, (s.ci95_high - s.ci95_low) / 2);
}

// The width a cell takes on a terminal: its UTF-8 code points (the table's "±" is one column).
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The headline table: a row per headline metric, a column per arm (mean ± half the 95% CI) and
// per arm against the baseline (paired difference [95% CI]); each column as wide as its widest
// cell, so that long arm names do not run into each other.
void print_table(const montecarlo::ResultsTable& table) {
  const auto summaries = table.summaries();
  const auto comparisons = table.comparisons();
  const auto& arms = table.arms();
  auto find_summary = [&](const std::string& arm,
                          const std::string& metric) -> const montecarlo::Summary* {
    for (const auto& r : summaries) {
      if (r.arm == arm && r.key.scope == "system" && r.key.metric == metric) return &r.summary;
    }
    return nullptr;
  };
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"metric (system)"};
  for (const auto& arm : arms) header.push_back(arm);
  for (std::size_t a = 0; a < arms.size(); ++a) {
    if (a != table.baseline())
      header.push_back(fmt::format("{} - {} [95% CI]", arms[a], arms[table.baseline()]));
  }
  rows.push_back(std::move(header));
  for (const std::string& metric : model::headline_metrics()) {
    std::vector<std::string> row{metric};
    for (const auto& arm : arms) {
      const auto* s = find_summary(arm, metric);
      row.push_back(s ? mean_with_ci(*s) : "-");
    }
    for (std::size_t a = 0; a < arms.size(); ++a) {
      if (a == table.baseline()) continue;
      std::string cell = "-";
      for (const auto& c : comparisons) {
        if (c.arm == arms[a] && c.key.scope == "system" && c.key.metric == metric) {
          const auto& d = c.difference;
          cell = std::isfinite(d.mean) && std::isfinite(d.ci95_low)
                     ? fmt::format("{:+.4g} [{:+.3g}, {:+.3g}]", d.mean, d.ci95_low, d.ci95_high)
                     : fmt::format("{}", d.mean);
        }
      }
      row.push_back(std::move(cell));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  for (const auto& row : rows) {
    std::string line = row[0] + std::string(widths[0] - display_width(row[0]), ' ');
    for (std::size_t c = 1; c < row.size(); ++c) {
      line += std::string(2 + widths[c] - display_width(row[c]), ' ') + row[c];
    }
    fmt::print("{}\n", line);
  }
}

void print_precision(const montecarlo::PrecisionOutcome& p, double target) {
  const auto& c = p.check;
  if (c.reached) {
    fmt::print(
        "precision: every headline metric's 95% CI is within {:g}% of its mean after {} "
        "replications",
        100 * target, p.replications);
  } else {
    fmt::print(
        "precision: NOT reached after {} replications (the cap); the widest is {} in {}, "
        "at {:.3g}% of its mean",
        p.replications, c.worst_metric, c.worst_arm, 100 * target * c.worst_ratio);
  }
  if (!c.ignored.empty()) {
    std::string list;
    for (const auto& m : c.ignored) list += (list.empty() ? "" : ", ") + m;
    fmt::print(" (no relative precision possible for {}: infinite, undefined or zero mean)", list);
  }
  fmt::print("\n");
}

int run(const RunOptions& o) {
  scenario::ScenarioOverrides overrides;
  for (const std::string& set : o.sets) overrides.sets.push_back({"--set", set});
  overrides.sweeps = o.sweeps;
  overrides.file_sweep = !o.no_sweep;
  const auto tuned = read_tuned_arms(o.tuned, overrides, "run");
  if (!tuned) return kBadInput;
  int status = 0;
  const auto loaded = load_points_or_report(o.file, overrides, status);
  if (!loaded) return status;
  if (!check_tuned_on(*tuned, o.file, output::sha256_hex(loaded->source_text), "run")) {
    return kBadInput;
  }
  // With --tuned and no --arm, each tuned arm runs in place of the arm it tunes.
  const std::vector<std::string> arm_names =
      o.arms.empty() && !tuned->arms.empty() ? arms_with_tuned(*loaded->base, *tuned) : o.arms;
  if (!loaded->swept_keys.empty()) {
    if (o.target_ci || o.timeseries.value_or(0) > 0) {
      fmt::print(stderr,
                 "c2msim run: error: {} is not available with a sweep; run one point with "
                 "--set, or the file without its grid with --no-sweep\n",
                 o.target_ci ? "--target-ci" : "--timeseries");
      return kBadInput;
    }
    status = run_sweep(
        {o.file, arm_names, o.replications, o.seed, o.out, o.force, o.threads, o.quiet, o.sets},
        *loaded);
    return status == 0 ? report_if_asked(o.report, o.out, o.quiet, "run") : status;
  }
  const scenario::Scenario& sc = *loaded->base;

  auto choice = choose_arms(sc, arm_names, "run", o.file);
  if (!choice) return kBadInput;
  const std::vector<const scenario::Arm*>& chosen = choice->arms;
  // A tuned baseline is the baseline.
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    if (chosen[i]->name == tuned_name(*tuned, sc.compare.baseline)) choice->baseline = i;
  }
  const std::size_t baseline = choice->baseline;
  std::vector<montecarlo::ArmChain> arms;
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> node_ids;
  for (const scenario::Arm* arm : chosen) {
    names.push_back(arm->name);
    arms.push_back({arm->name, scenario::build_chain(sc, *arm)});
    node_ids.emplace_back();
    for (const auto& node : arms.back().chain.nodes) node_ids.back().push_back(node.id);
  }

  montecarlo::ExperimentOptions options;
  options.seed = o.seed.value_or(sc.seed);
  options.replications = o.replications.value_or(sc.replications);
  options.threads = o.threads;
  if (progress_wanted(o.quiet)) options.progress = progress_bar();
  // The report draws inventory over time, so --report records a few replications' days unless
  // --timeseries says how many.
  const std::uint64_t timeseries_replications =
      o.timeseries.value_or(o.report ? kReportTimeseriesReplications : 0);
  options.timeseries_replications = timeseries_replications;

  // Precision mode may run up to its cap: the estimate is for the cap.
  montecarlo::ExperimentOptions at_most = options;
  if (o.target_ci) at_most.replications = std::max(o.max_replications, options.replications);
  const auto estimate = montecarlo::estimate_run(arms, at_most);
  if (!run_fits(estimate, o.out, o.force, o.quiet, "run")) return kBadInput;

  InterruptibleOutput output(o.out, o.force, {o.file});
  output::OutputDirectory& dir = output.dir();
  for (const scenario::Arm* arm : chosen) {
    output::OutputFile dot(dir.file("network-" + arm->name + ".dot"));
    scenario::write_arm_dot(dot.stream(), sc, *arm);
    dot.close();
  }
  output::ReplicationsCsv replications(dir.file("replications.csv"), names);
  std::optional<output::TimeseriesCsv> timeseries;
  if (timeseries_replications > 0) {
    timeseries.emplace(dir.file("timeseries.csv"), names, node_ids,
                       std::chrono::sys_days{sc.start_date});
  }
  montecarlo::ResultsTable table(names, baseline);
  const auto consume = [&](montecarlo::ReplicationBatch&& batch) {
    replications.write(batch);
    if (timeseries) timeseries->write(batch);
    table.add(batch);
  };
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t events = 0;
  std::optional<montecarlo::PrecisionOutcome> precision;
  if (o.target_ci) {
    montecarlo::PrecisionTarget target;
    target.relative_half_width = *o.target_ci;
    target.max_replications = std::max(o.max_replications, options.replications);
    target.metrics = model::headline_metrics();
    precision = montecarlo::run_to_precision(arms, options, target, table, consume);
    events = precision->events;
    options.replications = precision->replications;
  } else {
    events = montecarlo::run_experiment(arms, options, consume);
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  replications.close();
  if (timeseries) timeseries->close();
  output::write_summary_csv(dir.file("summary.csv"), table.summaries());
  output::write_comparison_csv(dir.file("comparison.csv"), table.comparisons());
  output::write_metrics_csv(dir.file("metrics.csv"), sc.currency);
  nlohmann::json manifest{
      {"scenario", o.file},
      {"scenario_sha256", output::sha256_hex(loaded->source_text)},
      {"sets", o.sets},
      {"arms", names},
      {"baseline", names[baseline]},
      {"seed", options.seed},
      {"replications", options.replications},
      {"size_estimate", estimate_json(estimate)},
      {"timeseries_replications", std::min(timeseries_replications, options.replications)}};
  manifest.update(scenario_context(sc));
  manifest.update(run_record(o.threads, events, wall));
  if (!tuned->arms.empty()) {
    nlohmann::json arms_tuned = nlohmann::json::array();
    for (const auto& t : tuned->arms)
      arms_tuned.push_back({{"arm", t.name}, {"extends", t.extends}});
    manifest["tuned"] = {{"dirs", tuned->dirs}, {"arms", arms_tuned}};
  }
  if (precision) {
    const auto& c = precision->check;
    manifest["precision"] = {
        {"target_relative_half_width", *o.target_ci},
        {"reached", c.reached},
        {"replications_needed", precision->replications},
        {"max_replications", std::max(o.max_replications, options.replications)},
        {"worst_arm", c.worst_arm},
        {"worst_metric", c.worst_metric},
        {"worst_relative_half_width", c.worst_ratio * *o.target_ci},
        {"ignored", c.ignored}};
  }
  output::write_json(dir.file("manifest.json"), manifest);
  dir.commit();

  if (!o.quiet) {
    fmt::print("{}: {} replications of {} arm(s), seed {}, {:.2f} s, {:.1f} M events/s\n", sc.name,
               options.replications, names.size(), options.seed, wall,
               wall > 0 ? static_cast<double>(events) / wall / 1e6 : 0.0);
    if (precision) print_precision(*precision, *o.target_ci);
    print_table(table);
    fmt::print("results in {}/\n", o.out);
  }
  return report_if_asked(o.report, o.out, o.quiet, "run");
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run Monte Carlo replications of a scenario's arms and write the results");
  cmd->add_option("file", o->file, "Scenario file (YAML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--arm", o->arms, "Arm to run (repeatable; default: every arm)")
      ->allow_extra_args(false);
  cmd->add_option("--replications,-n", o->replications, "Replications (default: the file's)")
      ->check(whole_number(1, scenario::limits::kMaxReplications));
  cmd->add_option("--seed", o->seed, "Random seed (default: the file's)")
      ->check(whole_number(0, kMaxSeed));
  add_output_options(*cmd, o->out, o->force);
  cmd->add_option("--threads,-j", o->threads, "Worker threads (default: every core)")
      ->check(whole_number(0, kMaxThreads));
  cmd->add_flag("--quiet,-q", o->quiet, "Print nothing but errors");
  cmd->add_option("--timeseries", o->timeseries,
                  "Write timeseries.csv: every node's daily state in the first K replications "
                  "(default: 3 with --report, else 0)")
      ->type_name("K")
      ->check(whole_number(0, scenario::limits::kMaxReplications));
  cmd->add_option("--target-ci", o->target_ci,
                  "Precision mode: add replications until every headline metric's 95% CI "
                  "half-width is within this fraction of its mean (e.g. 0.01)")
      ->type_name("FRACTION")
      ->check(finite_number(1e-6, 1.0));
  cmd->add_option("--max-replications", o->max_replications,
                  "Precision mode: stop at this many replications")
      ->capture_default_str()
      ->check(whole_number(2, scenario::limits::kMaxReplications));
  cmd->add_option("--set", o->sets,
                  "KEY=VALUE: override a value of the file, e.g. "
                  "arms.c2m.nodes[platform].commission=0.1 (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--sweep", o->sweeps,
                  "KEY=a,b,c or KEY=FROM:TO:STEPS: run every value (repeatable: a grid)")
      ->type_name("KEY=VALUES")
      ->allow_extra_args(false);
  cmd->add_flag("--no-sweep", o->no_sweep, "Run the file as written, without its sweep: grid");
  cmd->add_option("--tuned", o->tuned,
                  "A folder `c2msim tune` wrote: its tuned arms run in place of the arms they "
                  "tune (repeatable)")
      ->type_name("DIR")
      ->allow_extra_args(false);
  cmd->add_flag("--report", o->report,
                "Then write OUT/report.html, the HTML report (analysis/report.py)");
  cmd->callback([o, &exit_code] { exit_code = run(*o); });
}

}  // namespace c2msim::cli
