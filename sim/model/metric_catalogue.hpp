#pragma once
// The catalogue of every metric a replication reports: its name, the scopes it is reported at, its
// unit, a label and a one-line definition, which way is better, and whether it is a headline
// metric (the terminal table of `c2msim run`, precision mode, the report's headline). The model's
// metrics, `metrics.csv` in every output folder, the CLI, the report and the table of
// docs/model.md all come from here or are tested against it.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace c2msim::model {

// Which way of a metric is better for the chain's customers or owners.
enum class Better : std::int8_t { kLower = -1, kNeither = 0, kHigher = 1 };

struct MetricInfo {
  std::string_view name;
  bool system = false;  // reported for the whole chain (scope `system`)
  bool node = false;    // reported per node (scope: the node's id)
  // "money" stands for the scenario's currency.
  std::string_view unit;
  std::string_view label;  // a short title, e.g. for a chart
  Better better = Better::kNeither;
  bool share = false;  // a share between 0 and 1, shown in per cent
  bool headline = false;
  std::string_view definition;
};

// Every metric, in the order the CLI and the report show them: the headline metrics first.
std::span<const MetricInfo> metric_catalogue();

// The entry of a metric name; `markup_step_PRODUCT` (an arm with several products) is an entry of
// `markup_step`. nullptr for a name that is no metric.
const MetricInfo* find_metric(std::string_view name);

// The headline metrics' names, in catalogue order.
std::vector<std::string> headline_metrics();

// Every metric's name, in catalogue order (for did-you-mean suggestions and messages).
std::vector<std::string_view> metric_names();

// The unit with "money" replaced by `currency` (when one is given).
std::string unit_in(const MetricInfo& metric, std::string_view currency);

}  // namespace c2msim::model
