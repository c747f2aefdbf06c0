// `c2msim breakeven FILE --param KEY --range LO:HI --metric M`: the value of one parameter at
// which an arm stops (or starts) beating the baseline in one metric, by bisection on paired Monte
// Carlo differences (sim/montecarlo/breakeven.hpp), written to breakeven.json.

#include <fmt/core.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/cli/arm_choice.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt_guard.hpp"
#include "sim/cli/manifest_context.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/parameter_values.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/cli/run_fit.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/model/metric_catalogue.hpp"
#include "sim/montecarlo/breakeven.hpp"
#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/run_estimate.hpp"
#include "sim/montecarlo/summary.hpp"
#include "sim/output/metrics_csv.hpp"
#include "sim/output/output_directory.hpp"
#include "sim/output/run_outputs.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/limits.hpp"
#include "sim/scenario/sweep.hpp"

namespace c2msim::cli {
namespace {

struct BreakevenOptions {
  std::string file;
  std::string param;
  std::string range;
  std::string metric;
  std::string scope = "system";
  std::string arm;
  std::string baseline;
  std::vector<std::string> sets;
  std::optional<std::uint64_t> replications;
  std::optional<std::uint64_t> seed;
  std::optional<double> tolerance;
  unsigned threads = 0;
  std::string out = "c2msim-breakeven";
  bool force = false;  // replace an --out folder c2msim did not write
  bool quiet = false;
};

// Bad input found while searching (a value the parameter does not accept, an unknown metric):
// its message has been printed or is in what(); the command exits with status 2.
class BadSearchInput : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Search {
 public:
  explicit Search(const BreakevenOptions& o) : o_(o) {}

  // The scenario with the parameter at `value`, or nothing (after printing the problems when
  // `report` is set). The file is read once, the first time: every value runs that text.
  std::optional<scenario::Scenario> load(const std::string& value, bool report) {
    scenario::ScenarioOverrides overrides;
    for (const std::string& set : o_.sets) overrides.sets.push_back({"--set", set});
    overrides.sets.push_back({"--param", o_.param + "=" + value});
    overrides.file_sweep = false;
    if (!text_) {
      auto points = load_points_or_report(o_.file, overrides, status_);
      if (!points) return std::nullopt;
      text_ = std::move(points->source_text);
      return std::move(points->base);
    }
    if (report) {
      auto points = load_points_or_report(o_.file, *text_, overrides, status_);
      if (!points) return std::nullopt;
      return std::move(points->base);
    }
    return scenario::load_scenario_points_text(*text_, o_.file, overrides).base;
  }

  void set_arms(std::string arm, std::string baseline) {
    arm_ = std::move(arm);
    baseline_ = std::move(baseline);
  }

  // The paired difference arm - baseline of the metric with the parameter at `value`.
  montecarlo::DifferenceEstimate difference_at(double value, bool whole_numbers) {
    const std::string text = value_text(value, whole_numbers);
    const auto sc = load(text, true);
    if (!sc) throw BadSearchInput(fmt::format("--param {}={} is not accepted", o_.param, text));
    std::vector<montecarlo::ArmChain> arms;
    arms.push_back({baseline_, scenario::build_chain(*sc, *sc->find_arm(baseline_))});
    arms.push_back({arm_, scenario::build_chain(*sc, *sc->find_arm(arm_))});
    montecarlo::ExperimentOptions options;
    options.seed = o_.seed.value_or(sc->seed);
    options.replications = o_.replications.value_or(sc->replications);
    options.threads = o_.threads;
    if (terminal()) options.progress = progress_bar();
    seed_ = options.seed;
    replications_ = options.replications;
    std::vector<double> differences;
    std::set<std::string> metrics_seen;  // for the message on an unknown metric
    events_ += montecarlo::run_experiment(arms, options, [&](montecarlo::ReplicationBatch&& b) {
      const double base = b.arms[0].get(o_.scope, o_.metric);
      const double x = b.arms[1].get(o_.scope, o_.metric);
      if (metrics_seen.empty()) metrics_seen = metrics_at(b.arms[1], o_.scope);
      if (!std::isnan(base) && !std::isnan(x)) differences.push_back(x - base);
    });
    if (!metrics_seen.contains(o_.metric)) {
      throw BadSearchInput(unreported_metric_message(
          metrics_seen, {"--metric", "--scope", o_.metric, o_.scope}, arm_));
    }
    if (differences.empty()) {
      throw BadSearchInput(
          fmt::format("--metric {}: undefined (nan) in every replication of {} "
                      "or {} at scope '{}' with {}={}",
                      o_.metric, arm_, baseline_, o_.scope, o_.param, text));
    }
    const montecarlo::Summary d = montecarlo::summarise(std::move(differences));
    if (terminal()) {
      fmt::print(stderr, "{}={}: {} - {} {} = {:+.6g} [{:+.4g}, {:+.4g}]\n", o_.param, text, arm_,
                 baseline_, o_.metric, d.mean, d.ci95_low, d.ci95_high);
    }
    return {d.mean, d.ci95_low, d.ci95_high};
  }

  [[nodiscard]] bool terminal() const { return progress_wanted(o_.quiet); }
  [[nodiscard]] std::uint64_t seed() const { return seed_; }
  [[nodiscard]] std::uint64_t replications() const { return replications_; }
  [[nodiscard]] std::uint64_t events() const { return events_; }
  // The exit status of the last reported load that failed: 2 bad input, 1 a system failure.
  [[nodiscard]] int load_status() const { return status_; }
  // The file's text as it was read.
  [[nodiscard]] const std::string& text() const { return *text_; }

 private:
  const BreakevenOptions& o_;
  std::string arm_;
  std::string baseline_;
  std::uint64_t seed_ = 0;
  std::uint64_t replications_ = 0;
  std::uint64_t events_ = 0;
  mutable int status_ = 0;
  std::optional<std::string> text_;
};

// The arm named `name`, or nothing after printing an error naming `option`.
std::optional<std::string> arm_named(const scenario::Scenario& sc, const std::string& name,
                                     std::string_view option, const std::string& file) {
  if (sc.find_arm(name)) return name;
  report_unknown_arm(sc, name, "breakeven", option, file);
  return std::nullopt;
}

int bad(const std::string& message) {
  fmt::print(stderr, "c2msim breakeven: error: {}\n", scenario::one_line(message));
  return kBadInput;
}

void print_report(const BreakevenOptions& o, const std::string& arm, const std::string& baseline,
                  const montecarlo::BreakevenResult& r, bool whole_numbers,
                  std::uint64_t replications) {
  fmt::print("breakeven of {} - {} in {} ({}) over {}, {} replications per value:\n", arm, baseline,
             o.metric, o.scope, o.param, replications);
  fmt::print("{:>16}  {:>16}  {}\n", "value", "mean difference", "95% CI");
  for (const auto& e : r.evaluations) {
    fmt::print("{:>16}  {:>+16.6g}  [{:+.4g}, {:+.4g}]\n", value_text(e.value, whole_numbers),
               e.difference.mean, e.difference.ci95_low, e.difference.ci95_high);
  }
  switch (r.status) {
    case montecarlo::BreakevenStatus::kFound:
      fmt::print("found: the difference changes sign at {:.6g}, between {} and {}\n", r.estimate,
                 value_text(r.low, whole_numbers), value_text(r.high, whole_numbers));
      break;
    case montecarlo::BreakevenStatus::kNotSeparated:
      fmt::print(
          "not separated: the sign change lies between {} and {} (estimate {:.6g}), but "
          "the 95% CI contains 0 there; more replications (-n) would narrow it\n",
          value_text(r.low, whole_numbers), value_text(r.high, whole_numbers), r.estimate);
      break;
    case montecarlo::BreakevenStatus::kNoSignChange:
      fmt::print(
          "no sign change: {} - {} in {} has the same sign at {} and {}; {} is {} over "
          "the whole range\n",
          arm, baseline, o.metric, value_text(r.low, whole_numbers),
          value_text(r.high, whole_numbers), arm,
          !r.evaluations.empty() && r.evaluations.front().difference.mean > 0
              ? "above the baseline"
              : "below the baseline");
      break;
  }
}

int run_breakeven(const BreakevenOptions& o) {
  // --range LO:HI
  const std::size_t colon = o.range.find(':', 1);
  const auto low =
      colon == std::string::npos ? std::nullopt : scenario::parse_number(o.range.substr(0, colon));
  const auto high =
      colon == std::string::npos ? std::nullopt : scenario::parse_number(o.range.substr(colon + 1));
  if (!low || !high || !(*low < *high)) {
    return bad(fmt::format("--range {}: expected LO:HI with LO < HI, e.g. 0.02:0.3", o.range));
  }
  if (o.tolerance && !(*o.tolerance > 0)) {
    return bad(fmt::format("--tolerance {}: expected a number > 0", *o.tolerance));
  }
  if (model::find_metric(o.metric) == nullptr) {
    const auto suggestion = scenario::did_you_mean(o.metric, model::metric_names());
    return bad(fmt::format("--metric {}: no such metric{}; `c2msim metrics` lists them", o.metric,
                           suggestion ? fmt::format(" (did you mean '{}'?)", *suggestion) : ""));
  }
  Search search(o);
  // The file and the parameter at both ends are checked before anything runs.
  const auto base = search.load(value_text(*low, false), true);
  if (!base || !search.load(value_text(*high, false), true)) return search.load_status();
  if (o.replications.value_or(base->replications) < 2) {
    return bad("a confidence interval needs at least 2 replications (-n)");
  }
  const std::string baseline_name = o.baseline.empty() ? base->compare.baseline : o.baseline;
  const auto baseline = arm_named(*base, baseline_name, "--baseline", o.file);
  if (!baseline) return kBadInput;
  std::string arm_name = o.arm;
  if (arm_name.empty()) {
    for (const auto& a : base->arms) {
      if (a.name == *baseline) continue;
      if (arm_name.empty() || a.name == "c2m") arm_name = a.name;
    }
  }
  const auto arm = arm_named(*base, arm_name, "--arm", o.file);
  if (!arm) return kBadInput;
  if (*arm == *baseline) return bad(fmt::format("--arm {} is also the baseline", *arm));
  search.set_arms(*arm, *baseline);

  // A parameter that takes whole numbers only (lines, say) is searched over whole numbers.
  const bool whole_ends = std::floor(*low) == *low && std::floor(*high) == *high &&
                          std::fabs(*low) <= kLargestWholeNumber &&
                          std::fabs(*high) <= kLargestWholeNumber;
  const bool whole_numbers = whole_ends && !search.load(value_text(*low + 0.5, false), false);

  montecarlo::BreakevenOptions options;
  options.low = *low;
  options.high = *high;
  options.tolerance = o.tolerance.value_or((*high - *low) / 1000);
  options.whole_numbers = whole_numbers;
  // Each value searched is one run of both arms; the search writes no row per replication.
  montecarlo::ExperimentOptions one_value;
  one_value.replications = o.replications.value_or(base->replications);
  one_value.threads = o.threads;
  auto estimate = montecarlo::estimate_run(
      {{*baseline, scenario::build_chain(*base, *base->find_arm(*baseline))},
       {*arm, scenario::build_chain(*base, *base->find_arm(*arm))}},
      one_value);
  estimate.metric_rows = 0;
  if (!run_fits(estimate, o.out, o.force, o.quiet, "breakeven")) return kBadInput;

  InterruptibleOutput output(o.out, o.force, {o.file});
  output::OutputDirectory& dir = output.dir();
  const auto start = std::chrono::steady_clock::now();
  montecarlo::BreakevenResult result;
  try {
    result = montecarlo::find_breakeven(
        options, [&](double value) { return search.difference_at(value, whole_numbers); });
  } catch (const BadSearchInput& e) {
    return bad(e.what());
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  nlohmann::json evaluations = nlohmann::json::array();
  for (const auto& e : result.evaluations) {
    evaluations.push_back({{"value", e.value},
                           {"mean_difference", e.difference.mean},
                           {"ci95_low", e.difference.ci95_low},
                           {"ci95_high", e.difference.ci95_high}});
  }
  const nlohmann::json report{{"parameter", o.param},
                              {"metric", o.metric},
                              {"scope", o.scope},
                              {"arm", *arm},
                              {"baseline", *baseline},
                              {"estimate", result.estimate},
                              {"low", result.low},
                              {"high", result.high},
                              {"status", montecarlo::to_string(result.status)},
                              {"replications", search.replications()},
                              {"seed", search.seed()},
                              {"range", {*low, *high}},
                              {"tolerance", options.tolerance},
                              {"whole_numbers", whole_numbers},
                              {"evaluations", evaluations}};
  nlohmann::json manifest{{"scenario", o.file},
                          {"scenario_sha256", output::sha256_hex(search.text())},
                          {"sets", o.sets},
                          {"size_estimate", estimate_json(estimate)}};  // of one value searched
  output::write_json(dir.file("breakeven.json"), report);
  manifest.update(scenario_context(*base));
  manifest.update(run_record(o.threads, search.events(), wall));
  output::write_metrics_csv(dir.file("metrics.csv"), base->currency);
  output::write_json(dir.file("manifest.json"), manifest);
  dir.commit();
  if (!o.quiet) {
    print_report(o, *arm, *baseline, result, whole_numbers, search.replications());
    fmt::print("results in {}/\n", o.out);
  }
  return 0;
}

}  // namespace

void add_breakeven_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<BreakevenOptions>();
  CLI::App* cmd = app.add_subcommand(
      "breakeven", "Find the value of a parameter at which an arm's advantage changes sign");
  cmd->add_option("file", o->file, "Scenario file (YAML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--param", o->param,
                  "Key path of the parameter, e.g. "
                  "arms.c2m.nodes[platform].commission")
      ->required()
      ->type_name("KEY");
  cmd->add_option("--range", o->range, "The values to search, LO:HI")
      ->required()
      ->type_name("LO:HI");
  cmd->add_option("--metric", o->metric, "The metric whose difference is searched, e.g. profit")
      ->required()
      ->type_name("METRIC");
  cmd->add_option("--scope", o->scope, "system or a node id")->capture_default_str();
  cmd->add_option("--arm", o->arm, "The arm (default: c2m, or the first arm not the baseline)");
  cmd->add_option("--baseline", o->baseline, "The baseline arm (default: the file's)");
  cmd->add_option("--set", o->sets, "KEY=VALUE: override a value of the file (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--replications,-n", o->replications,
                  "Replications per evaluated value (default: the file's)")
      ->check(whole_number(1, scenario::limits::kMaxReplications));
  cmd->add_option("--seed", o->seed, "Random seed (default: the file's)")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--tolerance", o->tolerance,
                  "Stop when the bracketing interval is this narrow (default: (HI - LO) / 1000)")
      ->check(finite_number(0, std::numeric_limits<double>::max(), true));
  add_output_options(*cmd, o->out, o->force);
  cmd->add_option("--threads,-j", o->threads, "Worker threads (default: every core)")
      ->check(whole_number(0, kMaxThreads));
  cmd->add_flag("--quiet,-q", o->quiet, "Print nothing but errors");
  cmd->footer(
      "Every value is run with the same seed and replication numbers (common random numbers).\n"
      "The search bisects while the 95% CI of the difference at the midpoint excludes 0 and the\n"
      "interval is wider than the tolerance. breakeven.json has the status (found,\n"
      "not_separated or no_sign_change), the estimate, the interval [low, high] holding the\n"
      "sign change, and every evaluation. Exit status: 0 (also with no sign change), 2 on bad\n"
      "input (a refused --out too), 1 when writing the results fails, 130 and 143 when\n"
      "stopped by SIGINT and SIGTERM.");
  cmd->callback([o, &exit_code] { exit_code = run_breakeven(*o); });
}

}  // namespace c2msim::cli
