#include "sim/montecarlo/precision.hpp"

#include <algorithm>
#include <cmath>

namespace c2msim::montecarlo {

PrecisionCheck check_precision(const ResultsTable& table, const PrecisionTarget& target) {
  PrecisionCheck check;
  bool any = false;
  bool enough = true;
  for (const SummaryRow& row : table.summaries()) {
    if (row.key.scope != target.scope) continue;
    if (std::find(target.metrics.begin(), target.metrics.end(), row.key.metric) ==
        target.metrics.end()) {
      continue;
    }
    const Summary& s = row.summary;
    if (s.n < 2) {
      enough = false;
      continue;
    }
    if (s.sd == 0.0) continue;  // a constant is known exactly
    if (!std::isfinite(s.mean) || !std::isfinite(s.sd) || s.mean == 0.0) {
      check.ignored.push_back(row.arm + "/" + row.key.metric);
      continue;
    }
    any = true;
    const double ratio =
        (s.ci95_high - s.ci95_low) / 2.0 / (target.relative_half_width * std::fabs(s.mean));
    if (ratio > check.worst_ratio || check.worst_metric.empty()) {
      check.worst_ratio = ratio;
      check.worst_arm = row.arm;
      check.worst_metric = row.key.metric;
    }
  }
  check.reached = enough && (!any || check.worst_ratio <= 1.0);
  return check;
}

std::uint64_t next_replication_total(std::uint64_t done, double worst_ratio, std::uint64_t cap) {
  // The small allowance keeps a product such as 100 x 1.1 from rounding up past an integer.
  const auto whole = [](double x) { return std::ceil(x - 1e-9); };
  const double wanted = whole(static_cast<double>(done) * worst_ratio * worst_ratio * 1.1);
  const double at_least = whole(static_cast<double>(done) * 1.1);
  const double total = std::max({wanted, at_least, static_cast<double>(done + 1)});
  return total >= static_cast<double>(cap) ? cap : static_cast<std::uint64_t>(total);
}

PrecisionOutcome run_to_precision(const std::vector<ArmChain>& arms, ExperimentOptions options,
                                  const PrecisionTarget& target, const ResultsTable& table,
                                  const BatchConsumer& consume) {
  PrecisionOutcome outcome;
  const std::uint64_t first = options.first_replication;
  std::uint64_t total = std::min(std::max<std::uint64_t>(options.replications, 2),
                                 std::max<std::uint64_t>(target.max_replications, 2));
  for (;;) {
    options.first_replication = first + outcome.replications;
    options.replications = total - outcome.replications;
    outcome.events += run_experiment(arms, options, consume);
    outcome.replications = total;
    outcome.check = check_precision(table, target);
    if (outcome.check.reached || total >= target.max_replications) return outcome;
    total = next_replication_total(total, outcome.check.worst_ratio, target.max_replications);
  }
}

}  // namespace c2msim::montecarlo
