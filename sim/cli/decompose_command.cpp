// `c2msim decompose FILE`: where the difference between two arms comes from. The file's
// `decompose:` section names a base arm, a target and up to eight levers; the base arm runs under
// every combination of levers (2^n arms of one Monte Carlo experiment, so every combination sees
// the same customers), and each lever's Shapley value (sim/montecarlo/shapley.hpp) is computed
// replication by replication, with its 95% CI from the paired replications. Written to
// decomposition.csv; a table per metric on the terminal.

#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt_guard.hpp"
#include "sim/cli/manifest_context.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/cli/report_runner.hpp"
#include "sim/cli/run_fit.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/model/metric_catalogue.hpp"
#include "sim/montecarlo/decomposition.hpp"
#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/run_estimate.hpp"
#include "sim/montecarlo/shapley.hpp"
#include "sim/output/decomposition_csv.hpp"
#include "sim/output/metrics_csv.hpp"
#include "sim/output/output_directory.hpp"
#include "sim/output/run_outputs.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/limits.hpp"

namespace c2msim::cli {
namespace {

struct DecomposeOptions {
  std::string file;
  std::vector<std::string> metrics;  // empty: the headline metrics reported at the scope
  std::string scope = "system";
  std::optional<std::uint64_t> replications;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  unsigned threads = 0;
  std::string out = "c2msim-decompose";
  bool force = false;  // replace an --out folder c2msim did not write
  bool quiet = false;
  bool report = false;
};

int bad(const std::string& message) {
  fmt::print(stderr, "c2msim decompose: error: {}\n", scenario::one_line(message));
  return kBadInput;
}

// Whether the catalogue reports the metric at this kind of scope.
bool reported_at(const model::MetricInfo& metric, bool system) {
  return system ? metric.system : metric.node;
}

// The metrics to decompose, or nothing after printing why one cannot be.
std::optional<std::vector<std::string>> chosen_metrics(const DecomposeOptions& o, bool system) {
  if (o.metrics.empty()) {
    std::vector<std::string> headline;
    for (const std::string& name : model::headline_metrics()) {
      if (reported_at(*model::find_metric(name), system)) headline.push_back(name);
    }
    return headline;
  }
  for (const std::string& name : o.metrics) {
    const model::MetricInfo* metric = model::find_metric(name);
    if (metric == nullptr) {
      const auto suggestion = scenario::did_you_mean(name, model::metric_names());
      bad(fmt::format("--metric {}: no such metric{}; `c2msim metrics` lists them", name,
                      suggestion ? fmt::format(" (did you mean '{}'?)", *suggestion) : ""));
      return std::nullopt;
    }
    if (!reported_at(*metric, system)) {
      bad(fmt::format("--metric {} is not reported at scope '{}': it is a {} metric", name, o.scope,
                      system ? "node" : "system (whole chain)"));
      return std::nullopt;
    }
  }
  return o.metrics;
}

// "base+price+assortment": how a combination is named where an arm's name is shown.
std::string combination_name(const scenario::Decomposition& d, std::size_t mask) {
  std::string name = d.base;
  for (std::size_t i = 0; i < d.levers.size(); ++i) {
    if ((mask >> i) & 1) name += "+" + d.levers[i].name;
  }
  return name;
}

std::string estimate_cell(const montecarlo::Summary& s) {
  if (s.n == 0) return "-";
  if (!std::isfinite(s.ci95_low) || !std::isfinite(s.ci95_high))
    return fmt::format("{:+.4g}", s.mean);
  return fmt::format("{:+.4g} [{:+.3g}, {:+.3g}]", s.mean, s.ci95_low, s.ci95_high);
}

std::string share_cell(double part, double total) {
  if (!std::isfinite(part) || !std::isfinite(total) || total == 0.0) return "-";
  const double percent = 100 * part / total;
  return std::fabs(percent) < 0.5 ? "0%" : fmt::format("{:.0f}%", percent);
}

// Columns left-aligned, two spaces apart, each as wide as its widest cell.
void print_columns(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += (c ? "  " : "") + row[c];
      if (c + 1 < row.size()) line += std::string(width[c] - row[c].size(), ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);  // empty cells at the end leave no blanks
    fmt::print("{}\n", line);
  }
}

void print_metric(const scenario::Decomposition& d, const montecarlo::MetricDecomposition& m) {
  fmt::print("\n{} ({}): {} {:.4g} -> every lever {:.4g}; {} {:.4g}; {} of {} replications\n",
             m.key.metric, m.key.scope, d.base, m.base.mean, m.all.mean, d.target, m.target.mean,
             m.base.n, m.replications);
  if (m.base.n == 0) {
    fmt::print("  undefined in every replication of some combination: nothing to decompose\n");
    return;
  }
  std::vector<std::vector<std::string>> rows{
      {"  lever", "Shapley value [95% CI]", "share", "own effect [95% CI]"}};
  for (std::size_t i = 0; i < d.levers.size(); ++i) {
    const montecarlo::LeverEffect& e = m.levers[i];
    rows.push_back({"  " + d.levers[i].name, estimate_cell(e.shapley),
                    share_cell(e.shapley.mean, m.total.mean), estimate_cell(e.own_effect)});
  }
  rows.push_back(
      {"  every lever", estimate_cell(m.total), share_cell(m.total.mean, m.total.mean), ""});
  rows.push_back({"  residual to " + d.target, estimate_cell(m.residual), "", ""});
  print_columns(rows);
}

int run_decompose(const DecomposeOptions& o) {
  scenario::ScenarioOverrides overrides;
  for (const std::string& set : o.sets) overrides.sets.push_back({"--set", set});
  overrides.file_sweep = false;  // a sweep's grid is `run`'s business
  int status = 0;
  const auto loaded = load_points_or_report(o.file, overrides, status);
  if (!loaded) return status;
  const scenario::Scenario& sc = *loaded->base;
  if (!sc.decompose) {
    return bad(
        fmt::format("{} has no decompose: section; name the base arm and the levers there "
                    "(scenarios/README.md, \"decompose\")",
                    o.file));
  }
  const scenario::Decomposition& d = *sc.decompose;
  const scenario::Arm& base = d.combinations.front();
  const bool system = o.scope == "system";
  if (!system && base.find_node(o.scope) == nullptr) {
    std::string nodes;
    for (const scenario::Node& n : base.nodes) nodes += ", " + n.id;
    return bad(fmt::format("--scope {}: expected system or a node of {} ({})", o.scope, d.base,
                           nodes.substr(2)));
  }
  const auto metrics = chosen_metrics(o, system);
  if (!metrics) return kBadInput;
  if (o.replications.value_or(sc.replications) < 2) {
    return bad("a confidence interval needs at least 2 replications (-n)");
  }

  // Every combination, by its mask, then the target: one experiment, common random numbers.
  std::vector<montecarlo::ArmChain> arms;
  for (std::size_t mask = 0; mask < d.combinations.size(); ++mask) {
    arms.push_back({combination_name(d, mask), scenario::build_chain(sc, d.combinations[mask])});
  }
  arms.push_back({d.target, scenario::build_chain(sc, *sc.find_arm(d.target))});
  montecarlo::ExperimentOptions options;
  options.seed = o.seed.value_or(sc.seed);
  options.replications = o.replications.value_or(sc.replications);
  options.threads = o.threads;
  const bool terminal = progress_wanted(o.quiet);
  if (terminal) options.progress = progress_bar();
  auto estimate = montecarlo::estimate_run(arms, options);
  estimate.metric_rows = 0;  // no replications.csv
  if (!run_fits(estimate, o.out, o.force, o.quiet, "decompose")) return kBadInput;

  InterruptibleOutput output(o.out, o.force, {o.file});
  output::OutputDirectory& dir = output.dir();
  std::vector<montecarlo::MetricKey> keys;
  for (const std::string& metric : *metrics) keys.push_back({o.scope, metric});
  montecarlo::DecompositionTable table(d.levers.size(), keys, true);
  if (terminal) {
    fmt::print(stderr, "{} combinations of {} levers on {}, and {}: {} replications each\n",
               d.combinations.size(), d.levers.size(), d.base, d.target, options.replications);
  }
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t events = montecarlo::run_experiment(
      arms, options, [&](montecarlo::ReplicationBatch&& batch) { table.add(batch); });
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::vector<montecarlo::MetricDecomposition> results = table.results();

  std::vector<std::string> lever_names;
  nlohmann::json levers = nlohmann::json::array();
  for (const scenario::Lever& lever : d.levers) {
    lever_names.push_back(lever.name);
    nlohmann::json overrides_json = nlohmann::json::array();
    for (const auto& v : lever.overrides) {
      overrides_json.push_back({{"key_path", v.key_path}, {"value", v.value}});
    }
    levers.push_back({{"name", lever.name}, {"overrides", overrides_json}});
  }
  output::write_decomposition_csv(dir.file("decomposition.csv"), results, lever_names, true);
  output::write_metrics_csv(dir.file("metrics.csv"), sc.currency);
  nlohmann::json manifest{{"scenario", o.file},
                          {"scenario_sha256", output::sha256_hex(loaded->source_text)},
                          {"sets", o.sets},
                          {"arms", {d.base, d.target}},
                          {"baseline", d.base},
                          {"base", d.base},
                          {"target", d.target},
                          {"levers", levers},
                          {"combinations", d.combinations.size()},
                          {"metrics", *metrics},
                          {"scope", o.scope},
                          {"seed", options.seed},
                          {"replications", options.replications},
                          {"size_estimate", estimate_json(estimate)}};
  manifest.update(scenario_context(sc));
  manifest.update(run_record(o.threads, events, wall));
  output::write_json(dir.file("manifest.json"), manifest);
  dir.commit();

  if (!o.quiet) {
    fmt::print(
        "{}: {} from {} towards {} through {} levers ({} combinations), {} replications, "
        "seed {}, {:.2f} s\n",
        sc.name, o.scope, d.base, d.target, d.levers.size(), d.combinations.size(),
        options.replications, options.seed, wall);
    for (const montecarlo::MetricDecomposition& m : results) print_metric(d, m);
    fmt::print("\nresults in {}/\n", o.out);
  }
  return report_if_asked(o.report, o.out, o.quiet, "decompose");
}

}  // namespace

void add_decompose_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<DecomposeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "decompose",
      "Attribute the difference between two arms to levers (the file's decompose: section) by "
      "their Shapley values");
  cmd->add_option("file", o->file, "Scenario file (YAML) with a decompose: section")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--metric", o->metrics,
                  "A metric to decompose (repeatable; default: the headline metrics)")
      ->type_name("METRIC")
      ->allow_extra_args(false);
  cmd->add_option("--scope", o->scope, "system or a node id of the base arm")
      ->capture_default_str();
  cmd->add_option("--replications,-n", o->replications,
                  "Replications of every combination (default: the file's)")
      ->check(whole_number(1, scenario::limits::kMaxReplications));
  cmd->add_option("--seed", o->seed, "Random seed (default: the file's)")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--set", o->sets, "KEY=VALUE: override a value of the file (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--threads,-j", o->threads, "Worker threads (default: every core)")
      ->check(whole_number(0, kMaxThreads));
  add_output_options(*cmd, o->out, o->force);
  cmd->add_flag("--quiet,-q", o->quiet, "Print nothing but errors");
  cmd->add_flag("--report", o->report,
                "Then write OUT/report.html, the HTML report with the waterfall of each metric");
  cmd->footer(
      "Every combination of the levers (2^n) runs the same replications with the same seed\n"
      "(common random numbers), beside the target arm. decomposition.csv has, per metric, the\n"
      "base value, each lever's Shapley value and own effect with 95% CIs, the value with every\n"
      "lever, the total and the residual to the target. Exit status: 0, 2 on bad input (a\n"
      "refused --out too), 1 when writing the results or the report fails, 130 and 143 when\n"
      "stopped by SIGINT and SIGTERM.");
  cmd->callback([o, &exit_code] { exit_code = run_decompose(*o); });
}

}  // namespace c2msim::cli
