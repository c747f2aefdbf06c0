#pragma once
// What the commands that search over parameter values (`breakeven`, `tune`) share: a value as the
// `--set` text it is run with, and the message for a metric a replication did not report.

#include <set>
#include <string>

#include "sim/model/replication_result.hpp"

namespace c2msim::cli {

// Whole numbers are written without a decimal point (and are only searched between ends of at
// most 2^53, where every whole number is exact); other values with 12 significant digits.
inline constexpr double kLargestWholeNumber = 9007199254740992.0;  // 2^53
std::string value_text(double value, bool whole_numbers);

// The metrics `result` reports at `scope`.
std::set<std::string> metrics_at(const model::ReplicationResult& result, const std::string& scope);

// "METRIC_OPTION M: no such metric at scope 'S' (did you mean ...?); the metrics are ..." or,
// when nothing is reported at the scope, "SCOPE_OPTION S: ARM reports no metric at this scope
// ..."; the options name where the metric and the scope were asked for (`--metric`, `--scope`).
struct MetricRequest {
  std::string metric_option = "--metric";
  std::string scope_option = "--scope";
  std::string metric;
  std::string scope = "system";
};
std::string unreported_metric_message(const std::set<std::string>& seen, const MetricRequest& asked,
                                      const std::string& arm);

}  // namespace c2msim::cli
