// `c2msim tune FILE --arm NAME`: the arm's policy values that maximise (or minimise) a metric
// subject to constraints, by simulation optimisation (sim/tuning/tuner.hpp), written as an overlay
// arm NAME-tuned that `run --tuned` compares; tuning.csv holds every evaluation.

#include <fmt/core.h>

#include <algorithm>
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

#include "c2msim/version.hpp"
#include "sim/cli/arm_choice.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt_guard.hpp"
#include "sim/cli/manifest_context.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/parameter_values.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/cli/report_runner.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/model/metric_catalogue.hpp"
#include "sim/montecarlo/experiment.hpp"
#include "sim/output/metrics_csv.hpp"
#include "sim/output/output_directory.hpp"
#include "sim/output/run_outputs.hpp"
#include "sim/output/tidy_csv.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/limits.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/sweep.hpp"
#include "sim/scenario/tune_variables.hpp"
#include "sim/tuning/tuner.hpp"

namespace c2msim::cli {
namespace {

constexpr std::uint64_t kDefaultSearchReplications = 20;

struct TuneOptions {
  std::string file;
  std::vector<std::string> arms;
  std::vector<std::string> sets;
  std::optional<std::string> maximise;
  std::optional<std::string> minimise;
  std::optional<std::string> scope;
  std::vector<std::string> constraints;
  std::optional<std::uint64_t> budget;
  std::uint64_t replications = kDefaultSearchReplications;
  std::uint64_t confirmation = 30;
  std::optional<double> indifference;
  std::string start = "analytic";  // analytic: the analytic layer's optimum where one applies
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::string out = "c2msim-tuned";
  bool force = false;
  bool quiet = false;
  bool report = false;
};

// Bad input found while tuning (an unknown scope, say): exit status 2.
class BadTuningInput : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

int bad(const std::string& message) {
  fmt::print(stderr, "c2msim tune: error: {}\n", scenario::one_line(message));
  return kBadInput;
}

// `--constraint METRIC>=X`, `METRIC<=X`, optionally `METRIC@SCOPE>=X`.
std::optional<tuning::Constraint> parse_constraint(const std::string& text, std::string& error) {
  const std::size_t ge = text.find(">=");
  const std::size_t le = text.find("<=");
  if ((ge == std::string::npos) == (le == std::string::npos)) {
    error = fmt::format(
        "--constraint {}: expected METRIC>=BOUND or METRIC<=BOUND (a scope as "
        "METRIC@NODE), e.g. service_level>=0.95",
        text);
    return std::nullopt;
  }
  const std::size_t at = ge != std::string::npos ? ge : le;
  tuning::Constraint c;
  c.at_least = ge != std::string::npos;
  std::string metric = text.substr(0, at);
  if (const std::size_t scope = metric.find('@'); scope != std::string::npos) {
    c.scope = metric.substr(scope + 1);
    metric.resize(scope);
  }
  c.metric = metric;
  const auto bound = scenario::parse_number(text.substr(at + 2));
  if (!bound || !std::isfinite(*bound)) {
    error =
        fmt::format("--constraint {}: the bound '{}' is not a number", text, text.substr(at + 2));
    return std::nullopt;
  }
  c.bound = *bound;
  if (model::find_metric(c.metric) == nullptr) {
    const auto suggestion = scenario::did_you_mean(c.metric, model::metric_names());
    error =
        fmt::format("--constraint {}: no such metric '{}'{}; `c2msim metrics` lists them", text,
                    c.metric, suggestion ? fmt::format(" (did you mean '{}'?)", *suggestion) : "");
    return std::nullopt;
  }
  return c;
}

// One arm's tuning problem, and the runs of its points.
class ArmTuning {
 public:
  ArmTuning(const TuneOptions& o, std::string text, const scenario::Scenario& base, std::string arm)
      : o_(o), text_(std::move(text)), base_(base), arm_(std::move(arm)) {}

  // The variables (the file's for this arm, or the defaults); a message on bad input.
  std::optional<std::string> set_up(const tuning::Objective& objective,
                                    const std::vector<tuning::Constraint>& constraints) {
    objective_ = objective;
    constraints_ = constraints;
    const scenario::Arm& arm = *base_.find_arm(arm_);
    const std::string prefix = fmt::format("arms.{}.", arm_);
    std::vector<scenario::TuneVariable> chosen;
    for (const auto& v : base_.tune.variables) {
      if (v.key.starts_with(prefix)) chosen.push_back(v);
    }
    from_file_ = !chosen.empty();
    if (!from_file_) chosen = scenario::default_tune_variables(base_, arm);
    // The analytic optimum is a start for a cost objective where the textbook system fits.
    const bool cost_objective =
        objective.metric == "total_cost" && objective.goal == tuning::Goal::kMinimise;
    const auto analytic = o_.start == "analytic" && cost_objective
                              ? scenario::analytic_starts(base_, arm)
                              : std::vector<std::pair<std::string, double>>{};
    if (chosen.empty()) {
      return fmt::format(
          "--arm {}: the arm has no stock policy or batching window to tune; "
          "list the values in the file's tune: variables",
          arm_);
    }
    const auto defaults = scenario::default_tune_variables(base_, arm);
    for (const auto& v : chosen) {
      tuning::Variable t;
      t.name = v.key;
      t.low = v.from;
      t.high = v.to;
      const auto where = fmt::format("{}:{}:{}: {}", o_.file, v.line, v.column, v.source_path);
      // A start the file gives wins; then the analytic optimum; then the arm's value.
      auto start = from_file_ ? v.start : std::nullopt;
      const auto known = std::find_if(analytic.begin(), analytic.end(),
                                      [&](const auto& a) { return a.first == v.key; });
      if (!start && known != analytic.end()) {
        start = known->second;
        analytic_.push_back(v.key);
      }
      if (!start) start = v.start ? v.start : scenario::tunable_value(base_, arm, v.key);
      if (!start) {
        return fmt::format(
            "{}: {} has no value of the arm's stock policies or batching "
            "windows to start from; give `start:`",
            where, v.key);
      }
      t.start = std::clamp(*start, v.from, v.to);
      const auto same = std::find_if(defaults.begin(), defaults.end(),
                                     [&](const auto& d) { return d.key == v.key; });
      if (v.whole) {
        t.whole = *v.whole;
      } else if (same != defaults.end()) {
        t.whole = same->whole.value_or(false);  // a stock quantity is a whole number of units
      } else {
        // Whole when the key refuses a value between two whole numbers (as breakeven finds out).
        const double between = std::floor(v.from) + 0.5;
        t.whole = between < v.to && refusal({{v.key, value_text(between, false)}}).has_value();
      }
      if (from_file_) {
        for (const double end : {v.from, v.to}) {
          const std::string text = value_text(tuning::snap(t, end), t.whole);
          if (auto problem = refusal({{v.key, text}})) {
            return fmt::format(
                "{}: {}={} is refused (with every other value as the file has it): "
                "{}",
                where, v.key, text, *problem);
          }
        }
      }
      variables_.push_back(std::move(t));
    }
    return std::nullopt;
  }

  // The replications [first, first + count) at point x; nothing when the file refuses x.
  std::optional<tuning::Samples> evaluate(const tuning::Point& x, std::uint64_t first,
                                          std::uint64_t count) {
    std::vector<std::pair<std::string, std::string>> values;
    for (std::size_t i = 0; i < variables_.size(); ++i) {
      values.emplace_back(variables_[i].name, value_text(x[i], variables_[i].whole));
    }
    const auto sc = load(values);
    if (!sc) return std::nullopt;
    std::vector<montecarlo::ArmChain> arms{{arm_, scenario::build_chain(*sc, *sc->find_arm(arm_))}};
    montecarlo::ExperimentOptions options;
    options.seed = seed();
    options.first_replication = first;
    options.replications = count;
    options.threads = o_.threads;
    const std::uint64_t before = done_;
    if (progress_) {
      options.progress = [this, before](std::uint64_t d, std::uint64_t) {
        progress_(before + d, budget_);
      };
    }
    tuning::Samples samples;
    std::optional<std::string> missing;
    events_ += montecarlo::run_experiment(arms, options, [&](montecarlo::ReplicationBatch&& b) {
      const model::ReplicationResult& r = b.arms[0];
      if (!checked_) missing = unreported(r);
      std::vector<double> row{r.get(objective_.scope, objective_.metric)};
      for (const auto& c : constraints_) row.push_back(r.get(c.scope, c.metric));
      samples.push_back(std::move(row));
    });
    if (missing) throw BadTuningInput(*missing);
    checked_ = true;
    done_ += count;
    return samples;
  }

  void show_progress(montecarlo::ProgressReport bar, std::uint64_t budget) {
    progress_ = std::move(bar);
    budget_ = budget;
  }

  [[nodiscard]] const std::vector<tuning::Variable>& variables() const { return variables_; }
  [[nodiscard]] bool from_file() const { return from_file_; }
  // The variables that start at the analytic layer's optimum.
  [[nodiscard]] bool analytic_start(const std::string& key) const {
    return std::find(analytic_.begin(), analytic_.end(), key) != analytic_.end();
  }
  [[nodiscard]] std::uint64_t events() const { return events_; }
  [[nodiscard]] std::uint64_t seed() const { return o_.seed.value_or(base_.seed); }
  [[nodiscard]] const std::string& arm() const { return arm_; }

 private:
  std::optional<std::string> unreported(const model::ReplicationResult& r) const {
    std::vector<MetricRequest> asked{
        {"the objective", "the objective's scope", objective_.metric, objective_.scope}};
    for (const auto& c : constraints_) {
      asked.push_back({"the constraint", "the constraint's scope", c.metric, c.scope});
    }
    for (const MetricRequest& m : asked) {
      const auto seen = metrics_at(r, m.scope);
      if (!seen.contains(m.metric)) return unreported_metric_message(seen, m, arm_);
    }
    return std::nullopt;
  }

  [[nodiscard]] scenario::ScenarioOverrides overrides(
      const std::vector<std::pair<std::string, std::string>>& values) const {
    scenario::ScenarioOverrides overrides;
    for (const std::string& set : o_.sets) overrides.sets.push_back({"--set", set});
    for (const auto& [key, value] : values) overrides.sets.push_back({"tune", key + "=" + value});
    overrides.file_sweep = false;
    return overrides;
  }
  std::optional<scenario::Scenario> load(
      const std::vector<std::pair<std::string, std::string>>& values) const {
    auto points = scenario::load_scenario_points_text(text_, o_.file, overrides(values));
    if (!points.ok()) return std::nullopt;
    return std::move(points.base);
  }
  std::optional<std::string> refusal(
      const std::vector<std::pair<std::string, std::string>>& values) const {
    auto points = scenario::load_scenario_points_text(text_, o_.file, overrides(values));
    if (points.ok()) return std::nullopt;
    return scenario::to_string(points.diagnostics.front());
  }

  const TuneOptions& o_;
  std::string text_;
  const scenario::Scenario& base_;
  std::string arm_;
  tuning::Objective objective_;
  std::vector<tuning::Constraint> constraints_;
  std::vector<tuning::Variable> variables_;
  std::vector<std::string> analytic_;
  bool from_file_ = false;
  bool checked_ = false;  // the metrics were found in a replication
  std::uint64_t events_ = 0;
  std::uint64_t done_ = 0;
  std::uint64_t budget_ = 0;
  montecarlo::ProgressReport progress_;
};

std::string point_text(const std::vector<tuning::Variable>& variables, const tuning::Point& x) {
  std::string out;
  for (std::size_t i = 0; i < variables.size(); ++i) {
    out += fmt::format("{}{}={}", i ? "; " : "", variables[i].name,
                       value_text(x[i], variables[i].whole));
  }
  return out;
}

nlohmann::json summary_json(const montecarlo::Summary& s) {
  return {{"n", s.n}, {"mean", s.mean}, {"ci95_low", s.ci95_low}, {"ci95_high", s.ci95_high}};
}

nlohmann::json assessment_json(const tuning::Assessment& a,
                               const std::vector<tuning::Constraint>& constraints) {
  nlohmann::json c = nlohmann::json::array();
  for (std::size_t j = 0; j < constraints.size(); ++j) {
    c.push_back(
        {{"constraint", constraints[j].to_string()}, {"estimate", summary_json(a.constraints[j])}});
  }
  return {{"objective", summary_json(a.objective)}, {"feasible", a.feasible}, {"constraints", c}};
}

// The rows of one arm in tuning.csv.
void write_rows(output::CsvFile& csv, const std::string& arm,
                const std::vector<tuning::Variable>& variables, const tuning::TuningResult& r,
                const tuning::TunerOptions& options) {
  const auto row = [&](std::string_view stage, std::size_t evaluation, std::size_t iteration,
                       bool incumbent, bool accepted, const tuning::Assessment& a,
                       std::uint64_t replications, const tuning::Point& x) {
    csv.row(output::csv_field(arm), stage, evaluation, iteration, incumbent ? "true" : "false",
            accepted ? "true" : "false", accepted && a.feasible ? "true" : "false", replications,
            output::csv_number(accepted ? a.objective.mean : NAN),
            output::csv_number(accepted ? a.objective.ci95_low : NAN),
            output::csv_number(accepted ? a.objective.ci95_high : NAN),
            output::csv_field(point_text(variables, x)));
  };
  std::size_t evaluation = 0;
  for (const auto& e : r.search.evaluations) {
    row("search", evaluation++, e.iteration, e.incumbent, e.accepted, e.assessment,
        e.accepted ? options.search_replications : 0, e.point);
  }
  for (std::size_t c = 0; c < r.candidates.size(); ++c) {
    const tuning::Point& x = r.search.evaluations[r.candidates[c]].point;
    row("selection", evaluation++, r.search.iterations + 1, c == r.selection.selected, true,
        tuning::assess(r.selection.samples[c], {}), r.selection.samples[c].size(), x);
  }
  row("confirmation-start", evaluation++, r.search.iterations + 2, false, true,
      r.confirmation.start, r.confirmation.replications, r.search.evaluations.front().point);
  row("confirmation-selected", evaluation, r.search.iterations + 2,
      r.status == tuning::TuningStatus::kImproved, true, r.confirmation.selected,
      r.confirmation.replications, r.selected);
}

void print_result(const std::string& arm, const std::vector<tuning::Variable>& variables,
                  const tuning::Objective& objective, const tuning::TuningResult& r) {
  const auto& c = r.confirmation;
  fmt::print("{}: {} {} ({}), {} points searched in {} sweeps{}, {} replications\n", arm,
             objective.goal == tuning::Goal::kMaximise ? "maximise" : "minimise", objective.metric,
             objective.scope, r.search.evaluations.size(), r.search.iterations,
             r.search.converged ? " (converged)" : " (budget reached)", r.replications_used);
  fmt::print("  start     {} = {:.6g} [{:.6g}, {:.6g}]{}\n", objective.metric,
             c.start.objective.mean, c.start.objective.ci95_low, c.start.objective.ci95_high,
             c.start.feasible ? "" : ", constraints not shown to hold");
  fmt::print("  selected  {} = {:.6g} [{:.6g}, {:.6g}]{}\n", objective.metric,
             c.selected.objective.mean, c.selected.objective.ci95_low,
             c.selected.objective.ci95_high,
             c.selected.feasible ? "" : ", constraints not shown to hold");
  fmt::print("  selected - start = {:+.6g} [{:+.6g}, {:+.6g}] (paired, {} fresh replications)\n",
             c.difference.mean, c.difference.ci95_low, c.difference.ci95_high, c.replications);
  switch (r.status) {
    case tuning::TuningStatus::kImproved:
      fmt::print("  improved: the tuned values beat the start on fresh replications\n");
      break;
    case tuning::TuningStatus::kNotShown:
      fmt::print(
          "  not shown: the best point found is not shown to beat the start; the start is "
          "kept\n");
      break;
    case tuning::TuningStatus::kStartIsBest:
      fmt::print("  start is best: ranking and selection kept the starting values\n");
      break;
    case tuning::TuningStatus::kInfeasible:
      fmt::print(
          "  infeasible: no point searched was shown to meet the constraints; the start is "
          "kept\n");
      break;
  }
  const tuning::Point& start = r.search.evaluations.front().point;
  for (std::size_t i = 0; i < variables.size(); ++i) {
    if (r.tuned[i] == start[i]) continue;
    fmt::print("  {}: {} -> {}\n", variables[i].name, value_text(start[i], variables[i].whole),
               value_text(r.tuned[i], variables[i].whole));
  }
}

int run_tune(const TuneOptions& o) {
  if (o.maximise && o.minimise) return bad("give --maximise or --minimise, not both");
  scenario::ScenarioOverrides overrides;
  for (const std::string& set : o.sets) overrides.sets.push_back({"--set", set});
  overrides.file_sweep = false;
  int status = 0;
  const auto loaded = load_points_or_report(o.file, overrides, status);
  if (!loaded) return status;
  const scenario::Scenario& sc = *loaded->base;
  const auto choice = choose_arms(sc, o.arms, "tune", o.file);
  if (!choice) return kBadInput;

  tuning::Objective objective;
  objective.metric = sc.tune.objective.metric;
  objective.scope = sc.tune.objective.scope;
  objective.goal = sc.tune.objective.goal == scenario::TuneGoal::kMaximise
                       ? tuning::Goal::kMaximise
                       : tuning::Goal::kMinimise;
  if (o.maximise || o.minimise) {
    objective.metric = o.maximise ? *o.maximise : *o.minimise;
    objective.goal = o.maximise ? tuning::Goal::kMaximise : tuning::Goal::kMinimise;
    if (model::find_metric(objective.metric) == nullptr) {
      const auto suggestion = scenario::did_you_mean(objective.metric, model::metric_names());
      return bad(fmt::format("--{} {}: no such metric{}; `c2msim metrics` lists them",
                             o.maximise ? "maximise" : "minimise", objective.metric,
                             suggestion ? fmt::format(" (did you mean '{}'?)", *suggestion) : ""));
    }
  }
  if (o.scope) objective.scope = *o.scope;
  std::vector<tuning::Constraint> constraints;
  if (o.constraints.empty()) {
    for (const auto& c : sc.tune.constraints) {
      constraints.push_back({c.metric, c.scope, c.at_least, c.bound});
    }
  }
  for (const std::string& text : o.constraints) {
    std::string error;
    const auto c = parse_constraint(text, error);
    if (!c) return bad(error);
    constraints.push_back(*c);
  }

  tuning::TunerOptions options;
  options.budget = o.budget.value_or(sc.tune.budget);
  options.search_replications = o.replications;
  options.confirmation_replications = o.confirmation;
  options.indifference = o.indifference.value_or(0.0);
  if (options.budget < tuning::minimum_budget(options)) {
    return bad(
        fmt::format("--budget {}: too small for {} replications per point, the selection "
                    "of {} candidates and a confirmation of {}; at least {}",
                    options.budget, options.search_replications, options.candidates,
                    options.confirmation_replications, tuning::minimum_budget(options)));
  }

  std::vector<std::unique_ptr<ArmTuning>> arms;
  for (const scenario::Arm* arm : choice->arms) {
    arms.push_back(std::make_unique<ArmTuning>(o, loaded->source_text, sc, arm->name));
    if (auto problem = arms.back()->set_up(objective, constraints)) return bad(*problem);
  }

  InterruptibleOutput output(o.out, o.force, {o.file});
  output::OutputDirectory& dir = output.dir();
  output::CsvFile csv(
      dir.file("tuning.csv").string(),
      {"arm", "stage", "evaluation", "iteration", "incumbent", "accepted", "feasible",
       "replications", "objective_mean", "objective_ci95_low", "objective_ci95_high", "point"});
  const auto start = std::chrono::steady_clock::now();
  nlohmann::json tuned = nlohmann::json::array();
  std::uint64_t events = 0;
  for (auto& arm : arms) {
    if (progress_wanted(o.quiet)) arm->show_progress(progress_bar(), options.budget);
    tuning::TuningResult result;
    try {
      result = tuning::tune(arm->variables(), objective, constraints, options,
                            [&](const tuning::Point& x, std::uint64_t first, std::uint64_t count) {
                              return arm->evaluate(x, first, count);
                            });
    } catch (const BadTuningInput& e) {
      return bad(e.what());
    } catch (const tuning::RefusedPoint& e) {
      // The file's own values were refused once clamped into the ranges.
      return bad(fmt::format("--arm {}: {}", arm->arm(), e.what()));
    }
    events += arm->events();
    write_rows(csv, arm->arm(), arm->variables(), result, options);

    const auto& variables = arm->variables();
    std::vector<std::string> values;
    nlohmann::json vars = nlohmann::json::array();
    const tuning::Point& x0 = result.search.evaluations.front().point;
    for (std::size_t i = 0; i < variables.size(); ++i) {
      const auto& v = variables[i];
      values.push_back(v.name + "=" + value_text(result.tuned[i], v.whole));
      vars.push_back({{"key", v.name},
                      {"from", v.low},
                      {"to", v.high},
                      {"whole", v.whole},
                      {"start", x0[i]},
                      {"start_from", arm->analytic_start(v.name) ? "analytic optimum" : "file"},
                      {"selected", result.selected[i]},
                      {"tuned", result.tuned[i]}});
    }
    const std::string name = arm->arm() + "-tuned";
    const std::string header = fmt::format(
        "# {} tuned by c2msim tune ({}): {} {} ({}){}.\n"
        "# Status: {}. Compare it with `c2msim run {} --tuned DIR`; manifest.json says how.\n",
        arm->arm(), kVersion, objective.goal == tuning::Goal::kMaximise ? "maximise" : "minimise",
        objective.metric, objective.scope,
        constraints.empty() ? ""
                            : fmt::format(" subject to {}",
                                          [&] {
                                            std::string list;
                                            for (const auto& c : constraints)
                                              list += (list.empty() ? "" : ", ") + c.to_string();
                                            return list;
                                          }()),
        tuning::to_string(result.status), o.file);
    std::string error;
    const auto overlay = scenario::arm_overlay_text(loaded->source_text, o.file, arm->arm(), name,
                                                    values, header, error);
    if (!overlay) return bad(error);
    {
      output::OutputFile file(dir.file("tuned-" + arm->arm() + ".yaml").string());
      file.stream() << *overlay;
      file.close();
    }
    nlohmann::json candidates = nlohmann::json::array();
    for (std::size_t c = 0; c < result.candidates.size(); ++c) {
      candidates.push_back(
          {{"point", point_text(variables, result.search.evaluations[result.candidates[c]].point)},
           {"replications", result.selection.samples[c].size()},
           {"eliminated_after", result.selection.eliminated_after[c]},
           {"selected", c == result.selection.selected}});
    }
    const auto& conf = result.confirmation;
    tuned.push_back({{"arm", arm->arm()},
                     {"tuned_arm", name},
                     {"overlay", "tuned-" + arm->arm() + ".yaml"},
                     {"status", tuning::to_string(result.status)},
                     {"variables_from", arm->from_file() ? "tune section" : "defaults"},
                     {"variables", vars},
                     {"replications_used", result.replications_used},
                     {"search",
                      {{"method", "coordinate pattern search on common random numbers"},
                       {"replications_per_point", options.search_replications},
                       {"evaluations", result.search.evaluations.size()},
                       {"sweeps", result.search.iterations},
                       {"converged", result.search.converged},
                       {"replications", result.search.replications_used}}},
                     {"selection",
                      {{"method", "KN (Kim and Nelson 2001), common random numbers"},
                       {"alpha", options.alpha},
                       {"indifference", result.indifference},
                       {"first_stage", options.first_stage},
                       {"first_replication", result.selection_first_replication},
                       {"decided", result.selection.decided},
                       {"replications", result.selection.replications_used},
                       {"candidates", candidates}}},
                     {"confirmation",
                      {{"first_replication", conf.first_replication},
                       {"replications", conf.replications},
                       {"start", assessment_json(conf.start, constraints)},
                       {"selected", assessment_json(conf.selected, constraints)},
                       {"difference", summary_json(conf.difference)}}}});
    if (!o.quiet) print_result(arm->arm(), variables, objective, result);
  }
  csv.close();
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  nlohmann::json constraint_texts = nlohmann::json::array();
  for (const auto& c : constraints) constraint_texts.push_back(c.to_string());
  nlohmann::json manifest{
      {"scenario", o.file},
      {"scenario_sha256", output::sha256_hex(loaded->source_text)},
      {"sets", o.sets},
      {"objective",
       {{"metric", objective.metric},
        {"scope", objective.scope},
        {"goal", objective.goal == tuning::Goal::kMaximise ? "maximise" : "minimise"}}},
      {"constraints", constraint_texts},
      {"feasibility", "every constraint holds at the unfavourable end of its 95% CI"},
      {"budget", options.budget},
      {"seed", o.seed.value_or(sc.seed)},
      {"tuned", tuned}};
  manifest.update(scenario_context(sc));
  manifest.update(run_record(o.threads, events, wall));
  output::write_metrics_csv(dir.file("metrics.csv"), sc.currency);
  output::write_json(dir.file("manifest.json"), manifest);
  dir.commit();
  if (!o.quiet) fmt::print("results in {}/\n", o.out);
  return report_if_asked(o.report, o.out, o.quiet, "tune");
}

}  // namespace

void add_tune_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<TuneOptions>();
  CLI::App* cmd = app.add_subcommand(
      "tune", "Tune an arm's policy values by simulation optimisation (best against best)");
  cmd->add_option("file", o->file, "Scenario file (YAML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--arm", o->arms, "Arm to tune (repeatable; default: every arm)")
      ->type_name("NAME");
  cmd->add_option("--maximise", o->maximise,
                  "The metric to maximise (default: the file's tune: objective, else profit)")
      ->type_name("METRIC");
  cmd->add_option("--minimise", o->minimise, "The metric to minimise")->type_name("METRIC");
  cmd->add_option("--scope", o->scope, "The objective's scope: system or a node id")
      ->type_name("SCOPE");
  cmd->add_option("--constraint", o->constraints,
                  "METRIC>=BOUND or METRIC<=BOUND (METRIC@NODE for a node's), judged by its 95% "
                  "CI (repeatable; replaces the file's)")
      ->type_name("EXPR")
      ->allow_extra_args(false);
  cmd->add_option("--budget", o->budget,
                  fmt::format("Replications the tuning of each arm may run in all (default: the "
                              "file's tune: budget, else {})",
                              scenario::Scenario{}.tune.budget))
      ->check(whole_number(1, scenario::limits::kMaxReplications));
  cmd->add_option("--replications,-n", o->replications, "Replications per point in the search")
      ->capture_default_str()
      ->check(whole_number(2, scenario::limits::kMaxReplications));
  cmd->add_option("--confirmation", o->confirmation,
                  "Fresh replications of the start and the selected point that decide whether "
                  "the improvement is shown")
      ->capture_default_str()
      ->check(whole_number(2, scenario::limits::kMaxReplications));
  cmd->add_option("--indifference", o->indifference,
                  "The selection's indifference zone, in the objective's units (default: 1% of "
                  "|the objective at the start|)")
      ->check(finite_number(0, std::numeric_limits<double>::max(), true));
  cmd->add_option("--start", o->start,
                  "analytic: start a value at its analytic optimum where the textbook system "
                  "fits (a total_cost objective; docs/model.md), else at the file's; file: at "
                  "the file's")
      ->capture_default_str()
      ->check(CLI::IsMember({"analytic", "file"}));
  cmd->add_option("--set", o->sets, "KEY=VALUE: override a value of the file (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--seed", o->seed, "Random seed (default: the file's)")
      ->check(whole_number(0, kMaxSeed));
  add_output_options(*cmd, o->out, o->force);
  cmd->add_option("--threads,-j", o->threads, "Worker threads (default: every core)")
      ->check(whole_number(0, kMaxThreads));
  cmd->add_flag("--quiet,-q", o->quiet, "Print nothing but errors");
  cmd->add_flag("--report", o->report, "Also write report.html (the tuning trajectory)");
  cmd->footer(
      "A coordinate pattern search on common random numbers, then ranking and selection (KN)\n"
      "among the start and the best points found, then a confirmation on fresh replications:\n"
      "the tuned values are the selected point only when it is shown to beat the start, else\n"
      "the start. Outputs: tuned-ARM.yaml (an arm ARM-tuned extending ARM, for `run --tuned`),\n"
      "tuning.csv (every evaluation), manifest.json. Exit status: 0, 2 on bad input, 1 when\n"
      "writing fails, 130 and 143 when stopped by SIGINT and SIGTERM.");
  cmd->callback([o, &exit_code] { exit_code = run_tune(*o); });
}

}  // namespace c2msim::cli
