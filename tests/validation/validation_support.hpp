#pragma once
// The path of the validation cases: a scenario file of tests/validation/scenarios/ is loaded with
// the project's loader, an arm is built with build_chain and run with the Monte Carlo experiment,
// exactly as `c2msim run` does; each simulated mean is then compared with its textbook value.
//
// Tolerance. A case passes when |simulated mean - theory| <= t(0.9995, n - 1) SE + bias, where SE
// is the standard error of the mean over the n replications (each replication is one independent
// observation) and bias is an upper bound, stated and derived in the case, of what the mapping
// from the simulator's conventions to the textbook's can shift. The 99.9% interval rather than
// 95%: the suite makes about fifty comparisons, and at 95% two or three would fail by chance alone
// on a correct model; at 99.9% the chance that any does is about 5%. The table prints the 95%
// interval, which is what a reader expects.
//
// Scale. The replication count is the file's `replications`. C2MSIM_VALIDATION_SCALE (a whole
// number, default 1) multiplies it, for the long run of scripts/validate-long.sh; under
// AddressSanitizer the count is divided by 4 (at least 4 replications), since CI runs every test
// there at -O1. The interval widens with fewer replications, so the cases stay valid.
//
// Table. With C2MSIM_VALIDATION_TABLE set to a file, every comparison appends one row of
// tab-separated values to it: case, quantity, theory, mean, CI low, CI high, relative error,
// tolerance, replications, pass. scripts/validate-long.sh turns it into docs/validation.md.

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "scenario/scenario_test_support.hpp"
#include "sim/model/replication_result.hpp"
#include "sim/montecarlo/experiment.hpp"
#include "sim/montecarlo/summary.hpp"
#include "sim/scenario/chain_builder.hpp"
#include "sim/scenario/scenario_loader.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define C2MSIM_VALIDATION_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define C2MSIM_VALIDATION_SANITIZED 1
#endif
#endif

namespace c2msim::validation {

inline std::uint64_t scale() {
  const char* text = std::getenv("C2MSIM_VALIDATION_SCALE");
  const long value = text ? std::strtol(text, nullptr, 10) : 1;
  return value > 0 ? static_cast<std::uint64_t>(value) : 1;
}

// The file's replication count, scaled for the long run or for a sanitizer build.
inline std::uint64_t replications(std::uint64_t in_file) {
#ifdef C2MSIM_VALIDATION_SANITIZED
  return std::max<std::uint64_t>(4, in_file / 4);
#else
  return in_file * scale();
#endif
}

inline scenario::Scenario load(const std::string& file) {
  const auto path = test::source_dir() / "tests/validation/scenarios" / file;
  scenario::LoadResult result = scenario::load_scenario_file(path);
  std::string problems;
  for (const auto& d : result.diagnostics) problems += to_string(d) + "\n";
  INFO(problems);
  REQUIRE(result.ok());
  return std::move(*result.scenario);
}

inline model::ChainSpec chain(const scenario::Scenario& s, const std::string& arm) {
  for (const auto& a : s.arms) {
    if (a.name == arm) return scenario::build_chain(s, a);
  }
  FAIL("no arm " << arm);
  return {};
}

// Runs arms (built from the file, possibly edited) with the file's seed and the scaled
// replication count; returns, for each arm, the result of every replication.
inline std::vector<std::vector<model::ReplicationResult>> run(
    const scenario::Scenario& s, const std::vector<montecarlo::ArmChain>& arms) {
  montecarlo::ExperimentOptions options;
  options.seed = s.seed;
  options.replications = replications(s.replications);
  std::vector<std::vector<model::ReplicationResult>> out(arms.size());
  montecarlo::run_experiment(arms, options, [&](montecarlo::ReplicationBatch&& batch) {
    for (std::size_t a = 0; a < arms.size(); ++a) out[a].push_back(std::move(batch.arms[a]));
  });
  return out;
}

inline std::vector<model::ReplicationResult> run_arm(const scenario::Scenario& s,
                                                     const std::string& arm) {
  return run(s, {{arm, chain(s, arm)}})[0];
}

inline std::vector<double> values(const std::vector<model::ReplicationResult>& runs,
                                  const std::string& scope, const std::string& metric) {
  std::vector<double> out;
  out.reserve(runs.size());
  for (const auto& r : runs) out.push_back(r.get(scope, metric));
  return out;
}

inline std::vector<double> values(const std::vector<model::ReplicationResult>& runs,
                                  const std::function<double(const model::ReplicationResult&)>& f) {
  std::vector<double> out;
  out.reserve(runs.size());
  for (const auto& r : runs) out.push_back(f(r));
  return out;
}

inline double t_quantile(double p, std::size_t n) {
  const boost::math::students_t t(static_cast<double>(n - 1));
  return boost::math::quantile(t, p);
}

inline void append_row(const std::string& row) {
  const char* path = std::getenv("C2MSIM_VALIDATION_TABLE");
  if (path == nullptr || *path == '\0') return;
  std::ofstream out(path, std::ios::app);
  out << row << '\n';
}

// Compares the mean of `sample` with `theory`: passes within t(0.9995) SE + bias (see above).
inline void compare(const std::string& case_name, const std::string& quantity, double theory,
                    const std::vector<double>& sample, double bias = 0.0) {
  const montecarlo::Summary s = montecarlo::summarise(sample);
  REQUIRE(s.n == sample.size());
  REQUIRE(s.n >= 2);
  const double se = s.sd / std::sqrt(static_cast<double>(s.n));
  const double tolerance = t_quantile(0.9995, s.n) * se + bias;
  const double error = s.mean - theory;
  const bool pass = std::fabs(error) <= tolerance;
  const double relative = theory != 0.0 ? error / std::fabs(theory) : error;
  append_row(fmt::format("{}\t{}\t{:.6g}\t{:.6g}\t{:.6g}\t{:.6g}\t{:+.3f}%\t{:.3g}\t{}\t{}",
                         case_name, quantity, theory, s.mean, s.ci95_low, s.ci95_high,
                         100.0 * relative, tolerance, s.n, pass ? "yes" : "NO"));
  INFO(case_name << ": " << quantity << ": theory " << theory << ", simulated " << s.mean
                 << " (95% CI " << s.ci95_low << " .. " << s.ci95_high << ", n " << s.n
                 << "), tolerance " << tolerance << " (bias allowance " << bias << ")");
  CHECK(pass);
}

}  // namespace c2msim::validation

namespace c2msim::validation {

// ---- reading a case's parameters from the built chain, so that theory uses the file's values --

inline const model::NodeSpec& node(const model::ChainSpec& c, const std::string& id) {
  for (const auto& n : c.nodes) {
    if (n.id == id) return n;
  }
  FAIL("no node " << id);
  return c.nodes.front();
}

inline model::NodeSpec& node(model::ChainSpec& c, const std::string& id) {
  return const_cast<model::NodeSpec&>(node(static_cast<const model::ChainSpec&>(c), id));
}

// The lane into node `id` (its supplier lane).
inline const model::LaneSpec& supplier_lane(const model::ChainSpec& c, const std::string& id) {
  for (const auto& l : c.lanes) {
    if (!l.to_market && c.nodes[l.to].id == id) return l;
  }
  FAIL("no lane into " << id);
  return c.lanes.front();
}

// The market's arrival rate, checked to be the same every day.
inline double arrival_rate(const model::ChainSpec& c) {
  REQUIRE(c.markets.size() == 1);
  const auto& rates = c.markets[0].arrivals_per_day;
  REQUIRE_FALSE(rates.empty());
  for (double r : rates) REQUIRE(r == rates.front());
  return rates.front();
}

}  // namespace c2msim::validation
