#include "sim/cli/parameter_values.hpp"

#include <fmt/core.h>

#include <cmath>
#include <string_view>
#include <vector>

#include "sim/scenario/did_you_mean.hpp"

namespace c2msim::cli {

std::string value_text(double value, bool whole_numbers) {
  return whole_numbers && std::fabs(value) <= kLargestWholeNumber
             ? fmt::format("{}", static_cast<long long>(value))
             : fmt::format("{:.12g}", value);
}

std::set<std::string> metrics_at(const model::ReplicationResult& result, const std::string& scope) {
  std::set<std::string> seen;
  for (const auto& m : result.metrics) {
    if (m.scope == scope) seen.insert(m.metric);
  }
  return seen;
}

std::string unreported_metric_message(const std::set<std::string>& seen, const MetricRequest& asked,
                                      const std::string& arm) {
  if (seen.empty()) {
    return fmt::format(
        "{} {}: {} reports no metric at this scope (a scope is 'system' or a node id)",
        asked.scope_option, asked.scope, arm);
  }
  const std::vector<std::string_view> names(seen.begin(), seen.end());
  const auto suggestion = scenario::did_you_mean(asked.metric, names);
  std::string listed;
  for (std::string_view n : names) listed += fmt::format("{}{}", listed.empty() ? "" : ", ", n);
  return fmt::format("{} {}: no such metric at scope '{}'{}; the metrics are {}",
                     asked.metric_option, asked.metric, asked.scope,
                     suggestion ? fmt::format(" (did you mean '{}'?)", *suggestion) : "", listed);
}

}  // namespace c2msim::cli
