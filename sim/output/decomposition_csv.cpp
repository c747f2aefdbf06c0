#include "sim/output/decomposition_csv.hpp"

#include "sim/output/tidy_csv.hpp"

namespace c2msim::output {
namespace {

std::string estimate(const montecarlo::Summary& s) {
  return csv_number(s.mean) + "," + csv_number(s.ci95_low) + "," + csv_number(s.ci95_high);
}

}  // namespace

void write_decomposition_csv(const std::string& path,
                             const std::vector<montecarlo::MetricDecomposition>& rows,
                             const std::vector<std::string>& levers, bool with_target) {
  CsvFile file(path, {"metric", "scope", "kind", "lever", "mean", "ci95_low", "ci95_high",
                      "own_effect", "own_effect_ci95_low", "own_effect_ci95_high", "replications"});
  for (const montecarlo::MetricDecomposition& d : rows) {
    const std::string key = csv_field(d.key.metric) + "," + csv_field(d.key.scope);
    const auto plain = [&](const char* kind, const montecarlo::Summary& s) {
      file.row(key, kind, "", estimate(s), ",,", s.n);
    };
    plain("base", d.base);
    for (std::size_t i = 0; i < d.levers.size() && i < levers.size(); ++i) {
      const montecarlo::LeverEffect& e = d.levers[i];
      file.row(key, "lever", csv_field(levers[i]), estimate(e.shapley), estimate(e.own_effect),
               e.shapley.n);
    }
    plain("all_levers", d.all);
    plain("total", d.total);
    if (with_target) {
      plain("target", d.target);
      plain("residual", d.residual);
    }
  }
  file.close();
}

}  // namespace c2msim::output
