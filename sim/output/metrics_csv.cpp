#include "sim/output/metrics_csv.hpp"

#include "sim/model/metric_catalogue.hpp"
#include "sim/output/tidy_csv.hpp"

namespace c2msim::output {

void write_metrics_csv(const std::string& path, std::string_view currency) {
  CsvFile file(path,
               {"metric", "scopes", "unit", "label", "better", "share", "headline", "definition"});
  for (const model::MetricInfo& m : model::metric_catalogue()) {
    const char* scopes = m.system && m.node ? "system node" : m.system ? "system" : "node";
    file.row(csv_field(m.name), scopes, csv_field(model::unit_in(m, currency)), csv_field(m.label),
             static_cast<int>(m.better), m.share ? 1 : 0, m.headline ? 1 : 0,
             csv_field(m.definition));
  }
  file.close();
}

}  // namespace c2msim::output
