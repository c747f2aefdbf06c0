#pragma once
// metrics.csv: the metric catalogue (sim/model/metric_catalogue.hpp) in every output folder, so
// that whatever reads the folder (the report, a notebook) knows each metric's unit, label,
// direction and definition: metric, scopes, unit, label, better, share, headline, definition.

#include <string>
#include <string_view>

namespace c2msim::output {

// Money is labelled with `currency` (empty: "money").
void write_metrics_csv(const std::string& path, std::string_view currency);

}  // namespace c2msim::output
