#include "sim/tuning/objective.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace c2msim::tuning {

std::string Constraint::to_string() const {
  return fmt::format("{}{} {} {}", metric, scope == "system" ? "" : fmt::format(" ({})", scope),
                     at_least ? ">=" : "<=", bound);
}

std::vector<double> column(const Samples& samples, std::size_t c) {
  std::vector<double> values;
  values.reserve(samples.size());
  for (const auto& row : samples) {
    if (c < row.size() && !std::isnan(row[c])) values.push_back(row[c]);
  }
  return values;
}

Assessment assess(const Samples& samples, const std::vector<Constraint>& constraints) {
  Assessment a;
  a.objective = montecarlo::summarise(column(samples, 0));
  for (std::size_t j = 0; j < constraints.size(); ++j) {
    const Constraint& c = constraints[j];
    const montecarlo::Summary s = montecarlo::summarise(column(samples, j + 1));
    a.constraints.push_back(s);
    // The unfavourable end of the interval must meet the bound; no interval, no feasibility.
    const double end = c.at_least ? s.ci95_low : s.ci95_high;
    const bool shown =
        s.n >= 2 && std::isfinite(end) && (c.at_least ? end >= c.bound : end <= c.bound);
    if (!shown) a.feasible = false;
    const double shortfall = s.n == 0 || std::isnan(s.mean)
                                 ? 1.0
                                 : std::max(0.0, c.at_least ? c.bound - s.mean : s.mean - c.bound) /
                                       std::max(1.0, std::fabs(c.bound));
    a.violation += shortfall;
  }
  return a;
}

bool better(const Assessment& a, const Assessment& b, const Objective& objective) {
  if (a.feasible != b.feasible) return a.feasible;
  if (!a.feasible && a.violation != b.violation) return a.violation < b.violation;
  const double x = objective.sign() * a.objective.mean;
  const double y = objective.sign() * b.objective.mean;
  // An undefined objective is never better than a defined one.
  if (std::isnan(x)) return false;
  if (std::isnan(y)) return true;
  return x > y;
}

}  // namespace c2msim::tuning
